PY ?= python

.PHONY: test lint format bench run sample

test:
	$(PY) -m pytest

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format:
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench:
	$(PY) -m bench

run:
	$(PY) app.py

sample:
	$(PY) -m data_loaders init --sample
