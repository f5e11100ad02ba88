# Two commands do everything on a fresh machine with Python >= 3.11.5:
#   make serve   set up, then serve both languages at http://127.0.0.1:8000 with live reload
#   make test    set up everything the tests need, build with --strict, run every test
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export NO_MKDOCS_2_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help serve build test snippets gpu-check bench clean

help:
	@echo "make serve   - serve the site (Korean at /, English at /en/) on http://127.0.0.1:8000"
	@echo "make test    - install test tools, build with --strict, run every test"
	@echo "make build   - build the site into site/ (what CI deploys)"
	@echo "make snippets  - run every snippet and rewrite its stored output (.out)"
	@echo "make gpu-check - run the tensor and training snippets on a CUDA GPU"
	@echo "make bench   - print the search and page-weight benchmarks"

# --- set-up, each step redone only when its inputs change --------------------------------
$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; v = sys.version_info; ok = v >= (3, 11, 5); \
	  print("Python", sys.version.split()[0], "" if ok else "- need 3.11.5 or newer: set PYTHON=python3.12"); \
	  sys.exit(0 if ok else 1)'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	@touch $@

$(VENV)/.site-deps: requirements.txt $(VENV)/.python-ok
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.test-deps: requirements-test.txt snippets/requirements.txt $(VENV)/.site-deps
	$(PIP) install --quiet -r requirements-test.txt -r snippets/requirements.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# A browser for the tests: the system Chromium where present (Debian: apt-get install
# chromium fonts-noto-cjk), else Playwright's own build (needs internet once).
$(VENV)/.browser: $(VENV)/.test-deps
	@if [ -x /usr/bin/chromium ] || [ -n "$$CHROMIUM" ]; then \
	  echo "Browser: $${CHROMIUM:-/usr/bin/chromium}"; \
	else \
	  echo "No system Chromium: installing Playwright's Chromium"; \
	  $(PY) -m playwright install chromium; \
	fi
	@touch $@

setup-site: $(VENV)/.site-deps
setup-test: $(VENV)/.test-deps node_modules/.installed $(VENV)/.browser

# --- the two commands ------------------------------------------------------------------
serve: setup-site
	I18N_FALLBACK=true $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

test: setup-test
	$(PY) -m pytest tests $(PYTEST_ARGS)

build: setup-site
	I18N_FALLBACK=false $(VENV)/bin/mkdocs build --strict --site-dir site

# --- snippets --------------------------------------------------------------------------
snippets: $(VENV)/.test-deps
	$(PY) -m tests.snippets_runner --write

gpu-check: $(VENV)/.test-deps
	$(PY) -m tests.snippets_runner --device cuda --only tensors,train_loop

# Every bench/*_bench.py prints its figures (search: bench/search_bench.py); none is a test.
bench: setup-test
	@set -e; for script in bench/*_bench.py; do echo "== $$script"; $(PY) $$script; done

clean:
	rm -rf site .pytest_cache
