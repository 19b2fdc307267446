# The two commands: `make demo` and `make test`. Each creates or refreshes
# the virtualenv in .venv from pinned versions, using nothing but python3.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.enplan-installed

.PHONY: demo test bench bench-smoke bench-load venv clean snapshots i18n

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	@touch $(STAMP)

# Editable installs are not byte-compiled, and PYTHONDONTWRITEBYTECODE may be
# set: compile once so each start does not recompile every module (~0.1 s).
COMPILE := $(BIN)/python -m compileall -q src/enplan

demo: $(STAMP)
	@$(COMPILE)
	$(BIN)/enplan demo $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -n auto $(ARGS)

snapshots: $(STAMP)
	$(BIN)/python -m pytest tests -k snapshot --snapshot-update

# Translations: extract msgids, merge into the .po files, compile the .mo files
# (GNU gettext: apt install gettext). The .mo files are committed.
i18n:
	$(PYTHON) tools/i18n.py $(ARGS)

bench: $(STAMP)
	@$(COMPILE)
	$(BIN)/python -m bench.run $(ARGS)

bench-smoke: $(STAMP)
	$(BIN)/python -m bench.run --smoke

# 200 caseworkers at once on one PostgreSQL server for 2 minutes (issue 15; bench/load.py):
# writes the load_* figures and rls_worklist_overhead_ratio into bench/results.json.
bench-load: $(STAMP)
	@$(COMPILE)
	$(BIN)/python -m bench.load $(ARGS)

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
