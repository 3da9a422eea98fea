"""The view models: what each screen says, as plain data, built once and rendered three ways.

The Streamlit pages (``dashboard/views``), the light edition (``dashboard/site``) and the briefing
slides render the same view models, so a rule such as "compare only comparable figures" or "which
headlines lead" exists once. Every builder is a pure function of a release's statistics (or the
release value) and the view's parameters; nothing here imports Streamlit or writes files.
"""
