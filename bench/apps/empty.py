"""Baseline for server CPU per run: a Streamlit page that does nothing."""
