#!/usr/bin/env bash
# Build the one-folder bundle into dist/outlet-desk/ (Linux; the same spec builds on Windows).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" -m pip install -q "pyinstaller>=6.5"
"$PY" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
    build_spec/outlet_desk.spec
du -sh dist/outlet-desk
