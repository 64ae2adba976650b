# The two commands of the quick start. Both bootstrap .venv from nothing but python3 and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test venv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes, so a pulled dependency is never missing.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[all]"
	touch $(STAMP)

venv: $(STAMP)

build: $(STAMP)
	$(BIN)/synthesis build

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf output
