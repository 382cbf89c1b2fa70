@echo off
rem Build the one-folder bundle into dist\outlet-desk\ on Windows (run from a venv with the app installed).
cd /d "%~dp0\.."
python -m pip install -q "pyinstaller>=6.5" || exit /b 1
python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller build_spec\outlet_desk.spec || exit /b 1
