#!/usr/bin/env bash
# Sets up a fresh Debian machine for windowdesk: the system libraries Qt and the PDF checks need,
# a virtual environment in .venv, and the package with its test dependencies. Safe to run again.
# Arguments: more Debian packages to install with them (installer/build.sh names Qt's xcb libraries).
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's offscreen/xcb plugins, a font stack and CUPS for printing (environment.md); poppler-utils for the PDF tests;
# postgresql for the server binaries tests/pgkit.py starts a throwaway test server from.
debs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 libcups2 poppler-utils postgresql "$@")
python3 -c "import ensurepip, venv" 2>/dev/null || debs+=(python3-venv)
missing=()
for deb in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing+=("$deb")
done
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "bootstrap: installing ${missing[*]}" >&2
    # Installing Debian's postgresql would also create and start a `main` server on port 5432: not wanted.
    $sudo mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' | $sudo tee /etc/postgresql-common/createcluster.d/no-main.conf >/dev/null
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test,postgres]"
