"""The core's gettext catalog (outlet_desk/i18n.py), with Babel.

    python tools/core_i18n.py               # extract _()/N_() from outlet_desk/ into the .pot,
                                            # update resources/i18n/core/en/.../outlet_desk.po,
                                            # compile the .mo
    python tools/core_i18n.py --check       # also exit 1 if a message has no English
    python tools/core_i18n.py --fill F.json # first fill untranslated messages from {"中文": "English"}

The message ids are Chinese; the .po holds the English.  Commit the .pot, .po and .mo.
"""
from __future__ import annotations

import datetime
import json
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


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=True)


def main(argv: list[str]) -> int:
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
