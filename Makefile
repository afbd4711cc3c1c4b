# The interpreter the venv is made from. By default the system's own python3 when it is CPython
# 3.11 or newer and can make a venv, else python3 on PATH: on this machine a default pyenv build
# of 3.11.7 (libpython as a shared library) takes 12-18 % longer to generate than the system's
# (Debian's) python3.11. `make venv PYTHON=...` chooses another.
PYTHON ?= $(shell for p in /usr/bin/python3 python3; do \
	$$p -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; exit 0; }; done; echo python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# One process by default: each pytest-xdist worker re-imports Hypothesis and re-collects, which
# cost more than the suite's own run time when measured on two cores. For two workers use
# `make test PYTEST_ARGS="-n 2 --dist loadgroup"`; loadgroup keeps each corpus case on one
# worker, so it is still generated once.
PYTEST_ARGS ?=
LINT_PATHS := asnfp tests properties examples bench
OUT_DIR := asn_out

.PHONY: venv run test typecheck lint conformance bench bench-guard bench-many bench-plot

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p $(OUT_DIR)
	$(BIN)/asnfp generate --sample -p $(OUT_DIR)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/mypy
	$(BIN)/mypy bench
	$(BIN)/ruff check $(LINT_PATHS)

# bench/ is checked on its own: its scripts are top-level modules (bench/many.py would clash
# with the tests.many package in one run).
typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/mypy bench

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)

# A report, not a gate: it always exits 0. Pass options with CONFORMANCE_ARGS, e.g.
# `make conformance CONFORMANCE_ARGS="--case pool_002_image_miri --show-diff"`.
conformance: $(STAMP)
	$(BIN)/python tests/conformance/report.py $(CONFORMANCE_ARGS)

# Writes bench/results.md and bench/scaling.png, then bench/results-many.md.
# The package's bytecode is compiled first, as a regular (non-editable) install does, so that
# whole-process times do not include compiling asnfp's sources where PYTHONDONTWRITEBYTECODE
# keeps Python from caching them.
bench: $(STAMP)
	$(BIN)/python -m compileall -q asnfp
	$(BIN)/python bench/run.py
	$(BIN)/python bench/many.py

bench-guard: $(STAMP)
	$(BIN)/python bench/guard.py

# generate-many throughput on the corpus, serial against Dask workers: bench/results-many.md.
bench-many: $(STAMP)
	$(BIN)/python bench/many.py

# Redraws bench/scaling.png from the tables of bench/results.md, measuring nothing.
bench-plot: $(STAMP)
	$(BIN)/python bench/plot.py
