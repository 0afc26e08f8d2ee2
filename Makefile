# Two commands on a fresh machine: `make site` and `make test` (only python3 needed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve generate lint clean

# The virtual environment, created once; pip upgraded so wheels install everywhere.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

## site: generate the pages from seeds/ into docs/ and build the static site into site/
site: $(VENV)/.installed
	$(BIN)/briefing build

## generate: only the Markdown pages and briefing.json
generate: $(VENV)/.installed
	$(BIN)/briefing generate

## serve: live preview on http://127.0.0.1:8000, regenerated when a seed changes
serve: $(VENV)/.installed
	$(BIN)/briefing serve

## test: the whole test suite, browser tests included (pytest exits non-zero, 5 included, fail the target)
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

clean:
	rm -rf site .pytest_cache .briefing-cache
