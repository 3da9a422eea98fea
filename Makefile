# Two commands for a fresh machine:  make run  (the app on the embedded data)  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
WORKERS ?= 2
SERVE_PORT ?= 8080

.PHONY: setup run test test-fast system-deps geo data lint bench bench-load serve

setup: $(VENV)/.installed data

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# The boundary layers are committed in geo/; this rebuilds them from the official village files
# (downloads ~12 MB pinned in geo/source_manifest.csv; not part of setup). See geo/README.md.
geo: $(VENV)/.installed
	$(BIN)/python -m dashboard.geo build

# The first release is built from the embedded data when none is published yet.
data: $(VENV)/.installed
	$(BIN)/python -m dashboard.data init

# Debian packages the browser tests and the production front need (root, as on CI).
system-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/sbin/nginx ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium nginx >/dev/null; fi

run: setup
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT)

test: setup system-deps
	$(BIN)/pytest

test-fast: setup
	$(BIN)/pytest -m "not browser"

lint: $(VENV)/.installed
	$(BIN)/ruff check dashboard tests bench deploy

# Production front on this machine: nginx + $(WORKERS) Streamlit workers (docs/deploy.md).
serve: setup system-deps
	$(BIN)/python -m deploy.launch --workers $(WORKERS) --port $(SERVE_PORT)

# Benchmarks (minutes; not in CI). Numbers go to bench/results/ and the README.
bench: setup system-deps
	$(BIN)/python -m bench.run

bench-load: setup system-deps
	$(BIN)/python -m bench.load --matrix
