# The two entry points the README gives: `make demo` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: demo test install system assets browser postgres test-sqlite test-postgres lint benchmarks

demo: install assets .env
	$(BIN)/sendboard demo

# The demo's settings for later commands on this laptop; see .env.example for the rest.
.env:
	printf '# Made by make demo: settings for trying sendboard on a laptop (see .env.example).\nDEBUG=true\n' > .env

test: install assets browser postgres lint test-sqlite test-postgres

install: system $(VENV)/.installed

# WeasyPrint draws PDFs with Pango, a system library pip cannot install.
system:
	@ldconfig -p | grep -q libpangoft2-1.0 || { apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; }

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

assets: sendboard/core/static/sendboard/build/sendboard.css

sendboard/core/static/sendboard/build/sendboard.css: package.json package-lock.json scripts/build-assets.mjs $(wildcard sendboard/core/scss/*.scss)
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

# Debian's Chromium for the browser tests; Playwright never downloads a browser here.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start

lint:
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test-sqlite:
	$(BIN)/pytest -n 2 --dist loadfile

test-postgres:
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --dist loadfile -m "not browser"

benchmarks: install
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/casework.py
	$(BIN)/python benchmarks/plans.py
	$(BIN)/python benchmarks/dashboard.py
	$(BIN)/python benchmarks/quality.py
