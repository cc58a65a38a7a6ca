# The two commands a newcomer needs:
#   make run    install everything, ingest the sample articles into the embedded store, serve
#   make test   install everything (Python, npm, Chromium) and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev install-npm install-browser check bench clean

run: install
	$(BIN)/actorgraph ingest samples/*.txt
	$(BIN)/actorgraph serve --host $(HOST) --port $(PORT)

test: install-dev install-npm install-browser
	$(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'

install-npm:
	npm ci --no-audit --no-fund --loglevel=error

install-browser:
	bash scripts/install_chromium.sh

check: install-dev
	$(BIN)/ruff check graph api tests bench
	$(BIN)/mypy graph

bench: install-dev
	$(BIN)/python -m bench.extract_bench
	$(BIN)/python -m bench.store_bench
	$(BIN)/python -m bench.load_bench
	$(BIN)/python -m bench.backfill_bench
	$(BIN)/python -m bench.writer_bench --bolt

clean:
	rm -rf $(VENV) node_modules build *.egg-info test-artifacts
