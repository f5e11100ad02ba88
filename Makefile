# Commands that do everything on a fresh machine with Python 3.11.5-3.13 (README: prerequisites):
#   make serve      set up, then serve both languages at http://127.0.0.1:8000 with live reload
#   make test-fast  the quick loop: strict build, page/link/content/matrix checks, faults, lint
#   make test       set up everything the tests need, build with --strict, run every test
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export NO_MKDOCS_2_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help serve build test test-fast lint format prerequisites snippets gpu-check bench clean

help:
	@echo "make serve   - serve the site (Korean at /, English at /en/) on http://127.0.0.1:8000"
	@echo "make test-fast - strict build, page/link/content/matrix checks, fault messages, lint (<= 2 min)"
	@echo "make test    - install test tools, build with --strict, run every test"
	@echo "make lint    - ruff check and ruff format --check; make format fixes what it can"
	@echo "make build   - build the site into site/ (what CI deploys)"
	@echo "make snippets  - run every snippet, rewrite its stored output (.out), remake its notebooks"
	@echo "make gpu-check - run the tensor and training snippets on a CUDA GPU"
	@echo "make bench   - print the search and page-weight benchmarks"
	@echo "make bench-speed - measure training speed in every framework into data/train_speed.json"

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
	@command -v npm >/dev/null || { $(PYTHON) tools/prerequisites.py --fast; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

# A browser for the tests: the system Chromium where present (Debian: apt-get install
# chromium fonts-noto-cjk), else Playwright's own build (needs internet once; GitHub's runners).
$(VENV)/.browser: $(VENV)/.test-deps
	@if [ -x /usr/bin/chromium ] || [ -n "$$CHROMIUM" ]; then \
	  echo "Browser: $${CHROMIUM:-/usr/bin/chromium}"; \
	else \
	  echo "No system Chromium: trying Playwright's Chromium"; \
	  $(PY) -m playwright install chromium || true; \
	fi
	@touch $@

setup-site: $(VENV)/.site-deps
setup-test: $(VENV)/.test-deps node_modules/.installed $(VENV)/.browser

# --- the two commands ------------------------------------------------------------------
# Rebuilds on changes to docs/, mkdocs.yml, snippets/, data/, hooks/, overrides/; restarts
# when hook code changes (tools/serve.py)
serve: setup-site
	$(PY) tools/serve.py --dev-addr 127.0.0.1:8000

prerequisites: $(VENV)/.site-deps
	@$(PY) tools/prerequisites.py $(if $(FAST),--fast)

test: setup-test
	@$(MAKE) --no-print-directory prerequisites
	$(PY) -m pytest $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory lint

# Everything but the browser, the snippet runs and Lighthouse; then the lint. The serve and
# HTML-validity tests (a server started and rebuilt five times, the Java checker) stay in the
# full gate.
FAST_SKIP := --ignore=tests/test_serve.py --ignore=tests/test_html_valid.py
test-fast: $(VENV)/.test-deps node_modules/.installed
	@$(MAKE) --no-print-directory prerequisites FAST=1
	$(PY) -m pytest -m "not browser and not snippets and not lighthouse" $(FAST_SKIP) $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory lint

lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.test-deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

build: setup-site
	I18N_FALLBACK=false $(VENV)/bin/mkdocs build --strict --site-dir site

# --- snippets --------------------------------------------------------------------------
snippets: $(VENV)/.test-deps
	$(PY) hooks/snippet_runner.py --write $(if $(ONLY),--only $(ONLY))
	$(PY) hooks/notebooks.py --write $(if $(ONLY),--only $(ONLY))

gpu-check: $(VENV)/.test-deps
	$(PY) hooks/snippet_runner.py --device cuda --only tensors,train_loop

# Every bench/*_bench.py prints its figures (search: bench/search_bench.py); none is a test.
bench: setup-test
	@set -e; for script in bench/*_bench.py; do echo "== $$script"; $(PY) $$script; done

# The training-speed benchmark behind docs/speed.md: every framework in its own process; about
# 12 minutes on 2 cores. Rewrites data/train_speed.json (commit it); options: bench/train_speed.py -h
.PHONY: bench-speed
bench-speed: $(VENV)/.test-deps
	$(PY) bench/train_speed.py $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache
