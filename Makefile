# Bryggan: `make run` serves, `make test` tests. Both set everything up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)

.PHONY: run test test-fast install install-test migrate seed translations extract-messages lint clean

run: install translations migrate seed
	$(BIN)/python app.py

# Whole test files go to one of three workers (module-scoped servers start once; most tests wait on real
# servers, so three keep two cores busy), longest first: tests/conftest.py orders them and
# --no-loadscope-reorder keeps that order (xdist would otherwise hand out files by their number of tests,
# leaving the one-test soak for last). PYTEST_ARGS adds to it.
test: install-test translations
	$(BIN)/python -m pytest -n 3 --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

# The quick loop while writing code: in-process tests only (the Flask test client on SQLite copies); no
# server processes, browsers, PostgreSQL, Redis or nginx, and nothing marked slow. About 80 s (target 60).
FAST := not slow and not server and not browser and not postgres
test-fast: install-test translations
	BRYGGAN_TESTS_IN_PROCESS_ONLY=1 $(BIN)/python -m pytest -n 2 -m "$(FAST)" $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

translations: $(COMPILED)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel compile -d translations -l $*

# Refresh the message catalogues after changing texts in code or templates.
extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l --ignore-dirs=".venv tests" -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching

migrate: install
	$(FLASK) db upgrade

seed: install
	$(FLASK) seed

# ruff, and the layers of docs/ARCHITECTURE.md as import-linter contracts (pyproject.toml).
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
