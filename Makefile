# Two entry points for a fresh machine: `make run` (demo outlet in the app) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOME_DIR ?= $(CURDIR)/demo-data

.PHONY: run test stress venv i18n clean

$(BIN)/outlet-desk: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $(BIN)/outlet-desk

venv: $(BIN)/outlet-desk

run: venv
	@test -f "$(HOME_DIR)/outlet.db" || $(BIN)/outlet-desk --home "$(HOME_DIR)" demo
	$(BIN)/outlet-desk --home "$(HOME_DIR)"

# The whole suite on SQLite, then the core suite on PostgreSQL: the server named by
# OUTLET_DESK_TEST_PG (CI sets it), else a throwaway one from the pgserver wheel (tools/run_tests.py).
test: venv
	$(BIN)/python tools/run_tests.py

# The model-based test of the whole outlet (tests/core/test_outlet_model.py) with many more random
# action sequences than CI runs; prints how many examples and steps it ran.
STRESS_EXAMPLES ?= 1000
stress: venv
	OUTLET_DESK_STRESS_EXAMPLES=$(STRESS_EXAMPLES) QT_QPA_PLATFORM=offscreen \
	    $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/core/test_outlet_model.py

# ruff (the default rules and import sorting), the import contracts, types where the ORM is not
lint: venv
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

i18n: venv
	$(BIN)/python tools/i18n.py

clean:
	rm -rf $(VENV) build dist *.egg-info
