# The README's commands: `make run` (set up, build the demo, chat) and `make test` (set up, run every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run demo test test-fast bench lint format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/cited demo --if-missing

run: demo
	$(BIN)/cited chat

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow and not browser and not llm_local"

bench: install
	$(BIN)/python -m bench.run

lint: install
	$(BIN)/ruff check assistant tools tests bench eval

format: install
	$(BIN)/ruff format assistant tools tests bench eval

clean:
	rm -rf $(VENV) .cited .pytest_cache
