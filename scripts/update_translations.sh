#!/usr/bin/env bash
# Refreshes resources/translations/windowdesk_en.ts from the window's tr() strings, then compiles the .qm.
# New strings come in unfinished: translate them (.venv/bin/pyside6-linguist, or by hand) and run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
ts=resources/translations/windowdesk_en.ts
mapfile -t sources < <(find src/windowdesk/ui src/windowdesk/wording -name "*.py" | sort)
# The sources first: pyside6-lupdate reads Python only when its first argument is a .py file.
.venv/bin/pyside6-lupdate "${sources[@]}" -no-obsolete -locations relative \
    -source-language zh_CN -target-language en -ts "$ts"
.venv/bin/pyside6-lrelease "$ts" -qm "${ts%.ts}.qm"
