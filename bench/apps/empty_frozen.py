"""Baseline for server CPU per run: an empty page with the app's garbage-collector settings.

The app imports the same modules (``dashboard.cached`` pulls in pandas, plotly, the view models) and
calls :func:`dashboard.cached.freeze_gc` after every run, so Streamlit's post-run ``gc.collect(2)`` does
not rescan the long-lived objects. This page does exactly that and draws nothing: what any page of the
app costs at least. (``empty.py`` is the same empty page with Streamlit's defaults.)
"""

from dashboard import cached

cached.freeze_gc()
