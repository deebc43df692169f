#!/usr/bin/env bash
# Builds the one-folder app into dist/windowdesk with PyInstaller, for the system it runs on, then checks
# that the built app runs: installer/smoke.sh. Usage: installer/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# Qt's xcb platform plugin (a real screen) needs these libraries; the build copies them into the folder.
scripts/bootstrap.sh libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 \
    libxcb-render-util0 libxcb-image0 libxcb-randr0
.venv/bin/python -m pip install -q --disable-pip-version-check "pyinstaller==6.22.3"
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
    installer/windowdesk.spec
echo "build: $(( $(date +%s) - start )) s, dist/windowdesk $(du -sh dist/windowdesk | cut -f1)"
installer/smoke.sh dist/windowdesk
