import streamlit as st

st.info("Halaman ini sedang dibangun.")
