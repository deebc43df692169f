#!/usr/bin/env bash
# Sets up (scripts/bootstrap.sh) and opens the window on a local demo database (.demo/), built on the
# first run from the demo roster and policy in resources/demo/. Log in as clerk, sup or admin: demo1234.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/windowdesk demo --db .demo/windowdesk-demo.sqlite "$@"
