# Two commands for a fresh machine:  make run  (the app on the embedded data)  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
WORKERS ?= 2
SERVE_PORT ?= 8080
# Staff passwords for /staf/ (docs/staff.md); the private folder is gitignored.
STAFF_HTPASSWD ?= data/private/staf.htpasswd

.PHONY: setup run demo test test-fast system-deps geo data lint bench bench-load serve staff-user

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

# Debian packages the browser tests, the picture tests (OCR) and the production front need (root, as on CI),
# and python3-venv where Debian's Python lacks ensurepip (a bare machine: the venv could not be made).
system-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/sbin/nginx ] || [ ! -x /usr/bin/tesseract ] \
	    || [ ! -f /usr/share/tesseract-ocr/5/tessdata/ind.traineddata ] \
	    || ! $(PYTHON) -c "import ensurepip" 2>/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium nginx \
	    tesseract-ocr tesseract-ocr-ind $$($(PYTHON) -c "import ensurepip" 2>/dev/null || echo python3-venv) \
	    >/dev/null; fi

run: setup
	$(BIN)/python -m deploy.worker run dashboard/app.py --server.port $(PORT)

# The demonstration mode: published figures plus DATA CONTOH series and the synthetic roster,
# labelled on every page (never the public site's mode).
demo: setup
	DASHBOARD_MODE=contoh $(BIN)/python -m deploy.worker run dashboard/app.py --server.port $(PORT)

test: system-deps setup
	$(BIN)/pytest

test-fast: setup
	$(BIN)/pytest -m "not browser"

lint: $(VENV)/.installed
	$(BIN)/ruff check dashboard tests bench deploy

# Production front on this machine: nginx + $(WORKERS) Streamlit workers (docs/deploy.md), plus the
# staff app at /staf/ once a staff account exists (make staff-user NAME=...).
serve: setup system-deps
	$(BIN)/python -m deploy.launch --workers $(WORKERS) --port $(SERVE_PORT) \
	  $(if $(wildcard $(STAFF_HTPASSWD)),--staff-htpasswd $(STAFF_HTPASSWD))

# A staff account for /staf/: asks for the password (or reads STAFF_PASSWORD); bcrypt, file mode 600.
staff-user: $(VENV)/.installed
	@test -n "$(NAME)" || { echo "Pakai: make staff-user NAME=nama"; exit 2; }
	$(BIN)/python -m deploy.staffusers add "$(NAME)" --file "$(STAFF_HTPASSWD)"

# Benchmarks (minutes; not in CI). Numbers go to bench/results/ and the README.
bench: setup system-deps
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.table

bench-load: setup system-deps
	$(BIN)/python -m bench.load --matrix
