# The two commands of the quick start. Both bootstrap .venv from nothing but python3 and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Exact versions of every dependency, so that a review re-run next year gets the same libraries.
LOCK := requirements.lock

.PHONY: build test venv lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml or the lock file changes, so a pulled dependency is never missing.
$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[all]"
	touch $(STAMP)

venv: $(STAMP)

build: $(STAMP)
	$(BIN)/synthesis build

test: $(STAMP)
	$(BIN)/python -m pytest

# Refresh the lock file: the newest versions pyproject.toml allows, resolved in a fresh virtualenv.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e ".[all]"
	echo "# Made by 'make lock' from pyproject.toml; 'make venv' installs exactly these versions." > $(LOCK)
	.lock-venv/bin/python -m pip freeze --all --exclude-editable | grep -vE '^(synthesis|setuptools|wheel)(==| @)' >> $(LOCK)
	rm -rf .lock-venv

clean:
	rm -rf output
