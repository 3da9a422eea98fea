"""A page that raises: run by the deployment tests with the production flags, to prove that a
visitor sees no error details. The marker below must never reach the browser."""

import streamlit as st

st.write("Halaman uji")
raise ValueError("rahasia-internal-" + "7f3a")
