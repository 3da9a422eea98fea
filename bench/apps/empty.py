"""Baseline for server CPU per run: an empty page with Streamlit's defaults (imports only streamlit; the
post-run ``gc.collect(2)`` scans every object). Compare pages with ``empty_frozen.py``, which has the
app's garbage-collector settings; this one shows what those settings are worth."""
