"""Data layer: reference lists, import of published figures, demonstration data, the PSKS roster,
validation and immutable releases. Nothing here imports ``streamlit``."""
