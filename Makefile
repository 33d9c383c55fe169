# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run central test lint typecheck imports pytest bench screenshots system-deps clean

system-deps:
	@bash installer/system-deps.sh

$(STAMP): pyproject.toml constraints.txt
	@bash installer/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/mpp-kiosk init --demo
	$(BIN)/mpp-kiosk kiosk $(ARGS)

central: $(STAMP)
	$(BIN)/mpp-central init --demo
	$(BIN)/mpp-central serve --host 127.0.0.1 --port 8080

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

test: lint typecheck imports pytest

bench: $(STAMP)
	@for script in bench/*.py; do name=$$(basename $$script .py); echo "== bench.$$name"; $(BIN)/python -m bench.$$name || exit 1; done

screenshots: $(STAMP)
	xvfb-run -a -s "-screen 0 1920x1080x24" $(BIN)/python -m tools.screenshots docs/screenshots

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
