"""Baseline for time-to-first-draw: the smallest visible Streamlit page."""

import streamlit as st

st.title("Halo, Banten")
