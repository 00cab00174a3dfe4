# The two commands: `make run` serves the demo, `make test` runs the whole suite.
# Both start from nothing: they create .venv, install the locked dependencies and migrate.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-sqlite test-postgres bench setup install browser lint clean

$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(BIN)/.installed

setup: install
	$(BIN)/safecities migrate --noinput -v0
	$(BIN)/safecities collectstatic --noinput -v0

run: setup
	$(BIN)/safecities load_demo
	PORT=$(PORT) $(BIN)/python -m safecities.serving

# Debian's Chromium for the browser tests (Playwright drives it; never `playwright install`),
# and pg_dump for the privacy marker test on PostgreSQL.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's Chromium for the browser tests…"; \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	@command -v pdftotext >/dev/null 2>&1 || apt-get install -y -qq poppler-utils >/dev/null || true
	@command -v pg_dump >/dev/null 2>&1 || apt-get install -y -qq postgresql-client >/dev/null

test: setup browser
	$(BIN)/ruff check src tests bench
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install
	DATABASE_URL= $(BIN)/pytest

# On CI a missing PostgreSQL is a failure; on a laptop without one it is said plainly.
test-postgres: install
	@if $(BIN)/python -m safecities.dbcheck "$(PG_URL)"; then \
		DATABASE_URL="$(PG_URL)" $(BIN)/pytest; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL at $(PG_URL) is unreachable: CI requires it." >&2; exit 1; \
	else \
		echo "*** PostgreSQL at $(PG_URL) is unreachable: the PostgreSQL run was NOT done. ***" >&2; \
	fi

bench: setup
	$(BIN)/python bench/run_all.py

lint: install
	$(BIN)/ruff check src tests bench

clean:
	rm -rf $(VENV) var build src/*.egg-info
