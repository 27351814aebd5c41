PY ?= python

.PHONY: test lint format bench run sample precompress

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

precompress:
	$(PY) -m dashboard.serving precompress

run:
	$(PY) app.py

sample:
	$(PY) -m data_loaders init --sample
