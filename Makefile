# smartregion: two commands do everything.
#   make reproduce   rebuild every table, figure and key number into outputs/
#   make test        run the test suite (unit, peer references, real data, notebooks)
#   make browser     install Debian's chromium + chromium-driver for the index-page browser test
# Both create a local .venv from pyproject.toml on first use (needs only python3 >= 3.11).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Pre-seeded data cache: use ../shared/data when it exists and nothing else was chosen.
SMARTREGION_DATA_DIR ?= $(if $(wildcard ../shared/data/MANIFEST.csv),$(abspath ../shared/data),)
export SMARTREGION_DATA_DIR
export MPLBACKEND := Agg
export PYTHONHASHSEED := 0

.PHONY: reproduce test bench install data clean help browser

help:
	@echo "make reproduce  - run the whole analysis into outputs/"
	@echo "make test       - run the test suite"
	@echo "make browser    - install headless chromium + chromedriver (Debian, root) for the index-page test"
	@echo "make bench      - print timing/memory benchmarks"
	@echo "make data       - fetch and verify every registered dataset"

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is required"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,notebooks,bench,dask]"
	touch $(STAMP)

install: $(STAMP)

data: $(STAMP)
	$(BIN)/smartregion data fetch
	$(BIN)/smartregion data verify

reproduce: $(STAMP)
	$(BIN)/python scripts/reproduce.py

test: $(STAMP)
	$(BIN)/python -m pytest

# Headless Chromium for tests/test_index_browser.py, from Debian's packages (needs root and
# apt). Exits non-zero when they cannot be installed, so a caller can tell.
CHROMIUM     ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver
browser:
	@if [ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ]; then \
	  echo "chromium and chromedriver present: $(CHROMIUM), $(CHROMEDRIVER)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  start=$$(date +%s); \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium chromium-driver >/dev/null && \
	  echo "installed chromium + chromium-driver in $$(( $$(date +%s) - start )) s"; \
	else \
	  echo "chromium/chromedriver missing: as root on Debian/Ubuntu run"; \
	  echo "  apt-get install -y chromium chromium-driver"; \
	  echo "(the browser test skips without them)"; exit 1; \
	fi

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_scale.py

clean:
	rm -rf outputs .pytest_cache .hypothesis
