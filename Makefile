# The whole set-up on a fresh machine: `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench models clean

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

# Retrain the rules' learned models after changing their training files (see docs/moderation.md).
# The house rules' models read negation ("you're not lazy" is support), learn from every file and
# leave out words seen in fewer than three messages (with two, each model held 11,000 words, and on
# 18 read sets they noticed the same; the smaller tables save about 2 MB of memory);
# the crisis model leaves out the house-rules files: thousands of replies and advice made it miss more,
# and weighs word pairs ("sleep forever"): on fresh sets it missed fewer and answered chat less often.
HOUSE_RULES := toxic-positivity just-do-it judgment book-quote
# Files in byte order whatever the locale: the order of the examples is part of what makes a model.
TRAINING := tests/plugins/moderation/eval_set.jsonl $(sort $(wildcard config/training/*.jsonl))
CRISIS_TRAINING := tests/plugins/moderation/eval_set.jsonl $(sort $(wildcard config/training/crisis-and-look-alikes-*.jsonl)) \
	$(sort $(wildcard config/training/everyday-chat-*.jsonl))
models: $(STAMP)
	$(BIN)/samovar rules train $(CRISIS_TRAINING) --label crisis --pairs --out config/crisis_model.json
	for label in $(HOUSE_RULES); do \
		$(BIN)/samovar rules train $(TRAINING) --label $$label --negation --min-count 3 --out config/$$(echo $$label | tr - _)_model.json || exit 1; \
	done

clean:
	rm -rf $(VENV) .cache .pytest_cache
