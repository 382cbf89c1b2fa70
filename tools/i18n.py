"""Update the zh_CN translations and compile them.

    python tools/i18n.py            # lupdate every ui/*.py into resources/i18n/zh_CN/<name>.ts,
                                    # then lrelease them all into resources/i18n/outlet_desk_zh_CN.qm
    python tools/i18n.py --check    # also exit 1 if any message is unfinished
    python tools/i18n.py --fill F.json   # first fill unfinished messages from {"source": "译文"}

One .ts per ui module keeps changes to different screens in different files.  Existing
translations are kept by lupdate; fill new ones by editing the <translation> elements.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "i18n" / "zh_CN"
QM = ROOT / "resources" / "i18n" / "outlet_desk_zh_CN.qm"


def tool(name: str) -> str:
    here = Path(sys.executable).parent
    for candidate in (here / f"pyside6-{name}", here / name):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 in this environment")
    return found


def ts_name(source: Path) -> str:
    return "_".join(source.relative_to(ROOT / "ui").with_suffix("").parts) + ".ts"


def sources() -> list[Path]:
    return sorted(p for p in (ROOT / "ui").rglob("*.py") if "tr(" in p.read_text(encoding="utf-8")
                  or "translate(" in p.read_text(encoding="utf-8")
                  or "QT_TRANSLATE_NOOP" in p.read_text(encoding="utf-8"))


def update() -> list[Path]:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    wanted = []
    for src in sources():
        ts = TS_DIR / ts_name(src)
        wanted.append(ts)
        subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", "-target-language", "zh_CN",
                        str(src), "-ts", str(ts)], check=True)
    for ts in list(wanted):
        if ET.parse(ts).getroot().find(".//message") is None:   # a module with no messages
            ts.unlink()
            wanted.remove(ts)
    for stale in set(TS_DIR.glob("*.ts")) - set(wanted):
        stale.unlink()
    return wanted


def fill(ts_files: list[Path], table: dict[str, str]) -> int:
    """Put translations from ``table`` (source text → Chinese) into unfinished messages."""
    count = 0
    for ts in ts_files:
        tree = ET.parse(ts)
        changed = False
        for message in tree.getroot().iter("message"):
            tr = message.find("translation")
            src = message.findtext("source")
            if tr is not None and tr.get("type") == "unfinished" and src in table:
                tr.text = table[src]
                del tr.attrib["type"]
                changed = True
                count += 1
        if changed:
            tree.write(ts, encoding="utf-8", xml_declaration=True)
    return count


def release(ts_files: list[Path]) -> None:
    subprocess.run([tool("lrelease"), "-silent", *map(str, ts_files), "-qm", str(QM)], check=True)


def unfinished(ts_files: list[Path]) -> list[tuple[str, str, str]]:
    missing = []
    for ts in ts_files:
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name")
            for message in context.iter("message"):
                tr = message.find("translation")
                if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip():
                    missing.append((ts.name, name, message.findtext("source")))
    return missing


def main(argv: list[str]) -> int:
    ts_files = update()
    if "--fill" in argv:
        import json
        table = json.loads(Path(argv[argv.index("--fill") + 1]).read_text(encoding="utf-8"))
        print(f"filled {fill(ts_files, table)} messages")
    release(ts_files)
    missing = unfinished(ts_files)
    for ts, ctx, src in missing:
        print(f"untranslated: {ts} [{ctx}] {src!r}")
    print(f"{len(ts_files)} .ts files, {len(missing)} untranslated, compiled {QM.relative_to(ROOT)}")
    return 1 if missing and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
