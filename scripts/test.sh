#!/usr/bin/env bash
# Sets up (scripts/bootstrap.sh) and runs every test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/python -m pytest "$@"
