#!/usr/bin/env bash
# Checks a built app folder (default dist/windowdesk) the way a window uses it, outside the checkout:
# presets listed, a demo database built by the migrations, a case settled to the same figures as the
# checkout's `windowdesk`, an enrollment receipt printed with the bundled font (poppler-utils reads it),
# PDFium's library bundled (it renders receipts for the preview and the printer), the database checked,
# `--version` and `self-check` (what an office runs after installing), and the window started (offscreen)
# and still waiting at its login a few seconds on.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
app="$(cd "${1:-$repo/dist/windowdesk}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"  # nothing of the checkout is at hand
export WINDOWDESK_USER=clerk WINDOWDESK_PASSWORD=demo1234 QT_QPA_PLATFORM=offscreen
run() { "$app/windowdesk" "$@"; }

run policy list --json >presets.json
grep -q '"id": "longgang-2022"' presets.json
run demo --no-window --db demo.sqlite >/dev/null
case_file="$repo/resources/demo/inpatient-dibao.json"
run settle --policy longgang-2022 --input "$case_file" --json >bundled.json
"$repo/.venv/bin/windowdesk" settle --policy longgang-2022 --input "$case_file" --json >checkout.json
cmp bundled.json checkout.json
run receipt --enrollment DEMO-01-00000001 --db demo.sqlite --out slip.pdf >/dev/null
pdffonts slip.pdf >fonts.txt
grep -qi "WenQuanYi" fonts.txt  # the bundled font, embedded
pdftotext slip.pdf slip.txt
grep -q "参保" slip.txt
# PDFium, which renders receipts for the preview and the printer, is bundled with its library.
find "$app" -name 'libpdfium*' -o -name 'pdfium.dll' | grep -q .
run db check --db demo.sqlite --json >check.json
grep -q '"ok": true' check.json
version="$(run --version)"
[ "$version" = "$("$repo/.venv/bin/windowdesk" --version)" ] || { echo "smoke: --version says $version" >&2; exit 1; }
if ! run self-check >self-check.txt 2>&1; then
    echo "smoke: self-check failed:" >&2
    cat self-check.txt >&2
    exit 1
fi
grep -q "^self-check passed$" self-check.txt
status=0
timeout 8 "$app/windowdesk" --db demo.sqlite >window.log 2>&1 || status=$?
if [ "$status" -ne 124 ] || grep -q Traceback window.log; then  # 124: still at its login when stopped
    echo "smoke: the window exited with $status:" >&2
    cat window.log >&2
    exit 1
fi
echo "smoke: $app runs (presets, migrations, settle, receipt, PDFium, db check, $version, self-check, window)"
