# The two commands: `make run` serves the demo, `make test` runs the whole suite.
# Both start from nothing: they create .venv, install the locked dependencies and migrate.
# `make run` installs the production lock only; `make test` adds the development lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PRODUCTION_VENV := .venv-production
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-sqlite test-postgres bench setup install install-production browser lint \
	lock check-production-install clean gettext messages

# Production: requirements.lock (hashes checked), then the project itself.
$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Development: the production pins plus the test and lint tools (requirements-dev.lock).
$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install-production: $(BIN)/.installed

install: $(BIN)/.installed-dev

# Both locks from pyproject.toml (needs the development install for pip-tools). The
# development lock is constrained by the production one, so both pin the same versions.
PIP_COMPILE = $(BIN)/pip-compile --quiet --allow-unsafe --generate-hashes --strip-extras \
	--no-emit-find-links --no-emit-index-url
lock: install
	$(PIP_COMPILE) --output-file=requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra=dev --constraint=requirements.lock \
		--output-file=requirements-dev.lock pyproject.toml

# A fresh production install holds exactly requirements.lock (no development package) and
# every module of the project imports with it.
$(PRODUCTION_VENV)/.installed: requirements.lock pyproject.toml
	rm -rf $(PRODUCTION_VENV)
	$(PYTHON) -m venv $(PRODUCTION_VENV)
	$(PRODUCTION_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements.lock
	$(PRODUCTION_VENV)/bin/python -m pip install --quiet --no-deps -e .
	touch $@

check-production-install: $(PRODUCTION_VENV)/.installed
	$(PRODUCTION_VENV)/bin/python -m safecities.installcheck requirements.lock

# The compiled catalogues (.mo) are built from the .po sources here, never committed.
# compilemessages runs inside the package so that it skips the .po files of .venv.
messages: install-production gettext
	cd src/safecities && ../../$(BIN)/safecities compilemessages -v0

# gettext's msgfmt compiles the catalogues (and checks them in the tests).
gettext:
	@command -v msgfmt >/dev/null 2>&1 || { \
		echo "Installing gettext (msgfmt) to compile the translations…"; \
		apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }

setup: install-production messages
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

test: setup install browser check-production-install
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
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

bench: setup install
	$(BIN)/python bench/run_all.py

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) $(PRODUCTION_VENV) var build src/*.egg-info
