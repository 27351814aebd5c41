PY ?= python

.PHONY: test lint format bench run sample precompress translations plotly-bundle

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

# The partial plotly.js bundle (assets/vendor/plotly-icc.min.js, committed): tools/plotly-bundle.
plotly-bundle:
	cd tools/plotly-bundle && npm ci --no-audit --no-fund --loglevel=error && npm run build

run:
	$(PY) app.py

sample:
	$(PY) -m data_loaders init --sample

# Message catalogues (Babel): extract the msgids from the code, merge them into each
# language's .po (translators edit those), compile the .mo files (not committed).
translations:
	$(PY) -m babel.messages.frontend extract -F babel.cfg -k _ -k N_ -k lazy -k ngettext:1,2 -k pgettext:1c,2 \
		--no-location --sort-output --project="ICC Network Dashboard" -o translations/messages.pot .
	$(PY) -m babel.messages.frontend update -i translations/messages.pot -d translations \
		--no-fuzzy-matching
	$(PY) -m babel.messages.frontend compile -d translations --statistics
