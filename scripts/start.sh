#!/usr/bin/env bash
# Sets up (scripts/bootstrap.sh) and starts windowdesk on the demo case.
# Until the window lands, this settles the demo discharge with the Longgang 2022 preset and prints each tier.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/windowdesk settle --policy longgang-2022 --input resources/demo/inpatient-dibao.json "$@"
