"""The core's gettext catalog (outlet_desk/i18n.py), with Babel.

    python tools/core_i18n.py               # extract _()/N_() from outlet_desk/ into the .pot,
                                            # update resources/i18n/core/en/.../outlet_desk.po,
                                            # compile the .mo
    python tools/core_i18n.py --check       # also exit 1 if a message has no English
    python tools/core_i18n.py --fill F.json # first fill untranslated messages from {"中文": "English"}
    python tools/core_i18n.py --unmarked [PATH…]  # list Chinese texts in the core that are neither
                                            # marked messages nor marked data; exit 1 if any

Chinese that is data, not a message to the person at the screen (customer SMS templates, carrier
names, words stored in the database, regular expressions, demo data, the printed documents), is
marked so: ``# zh-data`` at the end of the line, or of the first line of the statement it is in, or a
line ``# zh-data: <why>`` among a module's first 30 lines for the whole module.

The message ids are Chinese; the .po holds the English.  Commit the .pot, .po and .mo.
"""
from __future__ import annotations

import ast
import datetime
import json
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "resources" / "i18n" / "core"
POT = CORE / "outlet_desk.pot"
LANGUAGES = ("en",)
STAMP = datetime.datetime(2026, 12, 5, tzinfo=datetime.timezone.utc)


def extract() -> Catalog:
    # a fixed date and no fuzzy header: the files change only when the messages do
    template = Catalog(project="outlet-desk", charset="utf-8", fuzzy=False,
                       creation_date=STAMP, revision_date=STAMP)
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT / "outlet_desk"), method_map, keywords={"_": None, "N_": None},
            comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        template.add(message, None, [(f"outlet_desk/{filename}", lineno)],
                     auto_comments=comments, context=context)
    return template


CJK = re.compile(r"[\u3400-\u9fff]")
DATA_MARK = "# zh-data"


def _is_data_module(lines: list[str]) -> bool:
    return any(line.startswith(DATA_MARK + ":") for line in lines[:30])


def unmarked(paths) -> list[tuple[str, int, str]]:
    """(file, line, text) of each Chinese string in the core's code that is not inside ``_()`` or
    ``N_()``, not a docstring and not marked data."""
    found = []
    files = []
    for path in paths:
        path = Path(path)
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        if _is_data_module(lines):
            continue
        tree = ast.parse(text)
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body
                if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                    skip.add(id(body[0].value))                                   # a docstring
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "N_")):
                skip.update(id(n) for arg in node.args for n in ast.walk(arg))     # a message
            if isinstance(node, ast.stmt):
                first = lines[node.lineno - 1]
                if DATA_MARK in first or DATA_MARK in lines[node.end_lineno - 1]:
                    skip.update(id(n) for n in ast.walk(node))                    # marked data
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and CJK.search(node.value) and id(node) not in skip
                    and DATA_MARK not in lines[node.lineno - 1]):
                found.append((str(path), node.lineno, node.value))
    return sorted(set(found), key=lambda f: (f[0], f[1]))


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=True)


def main(argv: list[str]) -> int:
    if "--unmarked" in argv:
        paths = argv[argv.index("--unmarked") + 1:] or [str(ROOT / "outlet_desk")]
        found = unmarked(paths)
        for path, line, value in found:
            print(f"{path}:{line}: {value[:60]!r}")
        print(f"{len(found)} Chinese texts neither marked as messages nor as data")
        return 1 if found else 0
    fill = {}
    if "--fill" in argv:
        fill = json.loads(Path(argv[argv.index("--fill") + 1]).read_text(encoding="utf-8"))
    template = extract()
    _write(POT, template)
    missing = []
    for lang in LANGUAGES:
        po = CORE / lang / "LC_MESSAGES" / "outlet_desk.po"
        if po.exists():
            with open(po, "rb") as f:
                catalog = read_po(f, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="outlet-desk", charset="utf-8", fuzzy=False,
                              creation_date=STAMP, revision_date=STAMP)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        for message in catalog:
            if message.id and not message.string and message.id in fill:
                message.string = fill[message.id]
        _write(po, catalog)
        with open(po.with_suffix(".mo"), "wb") as f:
            write_mo(f, catalog)
        missing += [(lang, m.id) for m in catalog if m.id and not m.string]
    n = sum(1 for m in template if m.id)
    print(f"{n} core messages, {len(missing)} untranslated, compiled {', '.join(LANGUAGES)}")
    if missing and "--check" in argv:
        for lang, msgid in missing:
            print(f"  {lang}: {msgid}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
