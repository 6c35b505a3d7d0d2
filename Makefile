# Linli 邻里 — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST := $(PY) -m pytest

.PHONY: run test venv lint typecheck migrations-check test-sqlite test-postgres test-browser test-bench test-api messages clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

run: venv
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py seed_demo
	@echo "Linli is at http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	$(PY) manage.py runserver --noreload 127.0.0.1:$(PORT)

test: venv lint typecheck migrations-check test-sqlite test-postgres test-browser test-bench test-api
	@echo "make test: all checks passed"

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

typecheck: venv
	$(VENV)/bin/mypy linli tools

migrations-check: venv
	LINLI_VAR_DIR=$$(mktemp -d) $(PY) manage.py makemigrations --check --dry-run

test-sqlite: venv
	$(PYTEST) -m "not browser and not postgres" -n 2

test-postgres: venv
	$(PY) tools/with_postgres.py -- $(PYTEST) -m "not browser" -n 2

test-browser: venv
	$(PYTEST) -m browser

# The benchmark command on a tiny generated dataset, one request per operation: it must not rot.
test-bench: venv
	export LINLI_VAR_DIR=$$(mktemp -d) && $(PY) manage.py migrate --no-input -v 0 \
	  && $(PY) manage.py generate_dataset --scale tiny > /dev/null \
	  && $(PY) manage.py bench --smoke && rm -rf "$$LINLI_VAR_DIR"

# schemathesis over the OpenAPI document, with a staff token and anonymously (over 2,000 cases):
# no 5xx, every answer as documented.
test-api: venv
	$(PY) tools/api_fuzz.py --examples 40

messages: venv
	cd linli && ../$(PY) ../manage.py makemessages -l zh_Hans --no-obsolete --no-location
	$(PY) tools/compile_messages.py

clean:
	rm -rf $(VENV) var
