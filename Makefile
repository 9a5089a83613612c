# The two set-up commands are `make demo` and `make test`; both build .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SANDBOX_PORT ?= 8081
SMTP_PORT ?= 8025
export FLASK_APP := app:create_app
export SANDBOX_PORT

.PHONY: demo test fuzz lint audit lock bench translations catalogs clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Exact versions with their hashes from the lock (pyproject.toml keeps the ranges for library use).
$(VENV)/.installed: pyproject.toml requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# Re-pin every dependency (after changing pyproject.toml): the image's lock and the dev/CI lock.
LOCK_FLAGS := --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.installed
	$(BIN)/pip-compile $(LOCK_FLAGS) -o requirements.lock pyproject.toml
	$(BIN)/pip-compile $(LOCK_FLAGS) --extra test --extra dev -o requirements-dev.lock pyproject.toml

# Known advisories in any pinned version: pip-audit, then PyPI's advisory list read directly for
# the pins pip-audit could not check (mirrors that serve only /pypi/<name>/json).
audit: $(VENV)/.installed
	$(BIN)/pip-audit --progress-spinner off --disable-pip --require-hashes -r requirements.lock -r requirements-dev.lock
	$(BIN)/python scripts/audit_lock.py requirements.lock requirements-dev.lock

catalogs: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d translations

# The demo runs only when asked for by name: PANEL_DEMO=1 puts the panel on the built-in sandbox.
demo: export PANEL_DEMO := 1
demo: $(VENV)/.installed catalogs
	@mkdir -p instance
	$(BIN)/flask db upgrade
	$(BIN)/flask demo prepare
	@PORT=$(PORT) SANDBOX_PORT=$(SANDBOX_PORT) SMTP_PORT=$(SMTP_PORT) BIN=$(BIN) ./scripts/demo.sh

# Two workers (pytest-xdist), one per core; each has its own PostgreSQL database and Redis number
# (tests/support/isolation.py). PYTEST_ARGS= runs it in one process.
PYTEST_ARGS ?= -n 2
test: $(VENV)/.installed catalogs
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The README's screenshots, from the browser tests' real pages on the sandbox (docs/screenshots).
screenshots: $(VENV)/.installed catalogs
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider tests/e2e/test_screenshots.py

# The form fuzzing of the suite, longer: 150 generated inputs per form, a new draw each run.
fuzz: $(VENV)/.installed catalogs
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-150} FUZZ_RANDOM=1 $(BIN)/python -m pytest -s -q -p no:cacheprovider tests/fuzz

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app ovh_sandbox tests bench

bench: $(VENV)/.installed catalogs
	$(BIN)/python -m bench

# Re-extract every marked string and merge it into the catalogs (then translate, then commit).
translations: $(VENV)/.installed
	$(BIN)/pybabel extract --ignore-dirs='.* __pycache__' -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --sort-output app templates
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
