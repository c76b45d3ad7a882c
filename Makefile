# The whole set-up on a fresh machine: `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench crisis-model clean

$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/samovar run

test: $(STAMP)
	bash .ci/install-postgres.sh
	$(BIN)/python -m tests.adapters.matrix.synapse_harness install
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

# Retrain the care rule's learned model after changing its training files (see docs/moderation.md).
crisis-model: $(STAMP)
	$(BIN)/samovar rules train tests/plugins/moderation/eval_set.jsonl config/training/*.jsonl --out config/crisis_model.json

clean:
	rm -rf $(VENV) .cache .pytest_cache
