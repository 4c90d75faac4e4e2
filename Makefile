# `make run` and `make test` are the whole set-up on a fresh machine: each creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint migrate bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coach run

migrate: $(STAMP)
	$(BIN)/coach migrate

# two workers: the journeys mostly wait on the Bot API double and the clock, so two share 2 cores well
test: $(STAMP)
	$(BIN)/pytest -n 2

# ruff (lint and format) on everything, mypy --strict on the pure core (pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The benchmark against the local Bot API double (README, "Performance"); BENCH_ARGS=--full for 100k/1M.
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
