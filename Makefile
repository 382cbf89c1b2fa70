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

# The whole suite on SQLite; with OUTLET_DESK_TEST_PG=postgresql://… set (CI sets it), the core
# suite runs a second time against that PostgreSQL server (tests/test_concurrency.py uses it in
# the first run, as OUTLET_DESK_CONCURRENCY_PG).
test: venv
	env -u OUTLET_DESK_TEST_PG OUTLET_DESK_CONCURRENCY_PG="$$OUTLET_DESK_TEST_PG" \
	    QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	@if [ -n "$$OUTLET_DESK_TEST_PG" ]; then \
	    echo "== core suite on PostgreSQL"; \
	    QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/core; \
	fi

# The model-based test of the whole outlet (tests/core/test_outlet_model.py) with many more random
# action sequences than CI runs; prints how many examples and steps it ran.
STRESS_EXAMPLES ?= 1000
stress: venv
	OUTLET_DESK_STRESS_EXAMPLES=$(STRESS_EXAMPLES) QT_QPA_PLATFORM=offscreen \
	    $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/core/test_outlet_model.py

i18n: venv
	$(BIN)/python tools/i18n.py

clean:
	rm -rf $(VENV) build dist *.egg-info
