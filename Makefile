# One command per chore; CI calls the same targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: fonts workshop test test-fast lint format docs browser clean help

help:
	@echo "make workshop   run a workshop on the bundled course"
	@echo "make test       run the whole test suite (sets up .venv and the browser)"
	@echo "make test-fast  the inner loop: all but browsers, servers, kernels and nbgrader (about a minute)"
	@echo "make lint       ruff, the import contract, the type check, content validation, translations"
	@echo "make docs       regenerate the generated docs"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "safekit needs Python 3.11 or newer")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# make workshop ARGS=--lan   serves participants on the room's network
workshop: $(STAMP)
	$(BIN)/safekit workshop $(ARGS)

# Browser tests use Debian's Chromium; install it when missing (root or sudo needed).
browser:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Chromium from the Debian archive (needed for the browser tests)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# Printed handouts and certificates in Bulgarian and Macedonian need fonts with Cyrillic letters
# (Liberation and DejaVu, from the Debian archive); install them when missing.
fonts:
	@fc-list :lang=bg family 2>/dev/null | grep -q . || { \
	  echo "Installing fonts with Cyrillic letters from the Debian archive (for printed handouts)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-liberation fonts-dejavu-core fontconfig; }

test: $(STAMP) browser fonts
	$(BIN)/python -m pytest

# The inner loop while writing a case or changing the code: no browser, server, kernel or nbgrader.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/safekit validate
	$(BIN)/safekit i18n-check

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

docs: $(STAMP)
	$(BIN)/safekit docs

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
