"""Production deployment: Streamlit workers behind nginx, started by ``python -m deploy.launch``.

``settings`` turns deploy/streamlit-production.toml into Streamlit flags, ``nginx`` renders
deploy/nginx.conf.template, ``launch`` starts, watches and stops the whole stack. docs/deploy.md
is the operator's guide.
"""
