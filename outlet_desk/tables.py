"""Table files (CSV and XLSX): the one reader every import uses.

:func:`read_table` turns a file a clerk picked — arrival manifest, CRM export, salesmen's
collections, tracking export, electronic orders — into a :class:`Table` of text cells, or refuses it
with one line (a :class:`~outlet_desk.errors.ValidationError`) before anything is stored:

* **Size**: at most ``max_bytes`` (default 10 MB); a path that is not a regular file (FIFO,
  device, folder) is refused before reading (:func:`outlet_desk.files.read_regular_file`).
* **Lines**: at most ``max_lines`` data lines (default 20,000); the reader stops at the first line
  over the limit, before reading the rest of the file.
* **Encodings** (CSV): UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (GBK) — but only
  if the text decoded that way is Chinese: Big5, Shift-JIS, EUC-KR, Latin-1 … also decode
  "successfully" as GB18030, into garbled names.  Two checks, both must pass: at least 80 % of
  the non-ASCII characters are GB2312's (common simplified Chinese and its punctuation) — Big5,
  Shift-JIS and Latin text decode mostly into rare and private-use characters — and
  charset-normalizer (MIT; already installed with reportlab) does not find the bytes clearly
  more coherent as Big5, Shift-JIS, EUC-JP or EUC-KR, which share GB2312's byte ranges and decode into
  *common* characters in nonsense order.  Anything else is refused in one line, naming the
  encoding it looks like.
* **XLSX** (first worksheet) is read by a streaming parser of our own over :mod:`zipfile` and
  expat, not by openpyxl's ``load_workbook``: even with ``read_only=True`` openpyxl parses the
  whole sheet once to look for its dimensions, keeps each row's XML in memory until the row ends,
  and loads every shared string — a 1 MB zip bomb took over a minute and a gigabyte.  python-
  calamine was the other candidate, but it builds the whole sheet as one dense range in memory (a
  single cell at XFD1048576 allocates the whole grid).  Here each part's uncompressed size is
  checked in the zip directory before it is opened (zipfile also never yields more than that
  declared size), cells beyond ``MAX_COLUMNS`` are skipped without being kept, a row of more than
  ``MAX_ROW_CELLS`` cells, a sheet of more than ``MAX_CELLS`` cells and a cell longer than
  ``MAX_CELL_CHARS`` are refused, and reading stops at the line limit: memory stays a few MB
  and the worst file is refused within seconds.  DTDs are refused (no
  entity expansion).  Formulas are never evaluated: a formula cell gives its cached value or "".
  Date cells become ``YYYY-MM-DD HH:MM:SS`` text.
* **Cells** are text, stripped, with NUL, other control characters and the bidi controls
  (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) removed, so a name cannot hide or reorder
  what is shown next to it.

Header aliases: :meth:`Table.columns` maps the header row onto the import's keys by its alias
names (NFKC, case-insensitive; "申报重量(kg)" matches "申报重量").  Line numbers are the file's
own (CSV record, Excel row), as the clerk sees them in Excel.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import posixpath
import re
import struct
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

from .errors import ValidationError
from .files import read_regular_file, too_big
from .i18n import N_, _, punct

MAX_BYTES = 10 * 1024 * 1024          # the file itself (CSV or XLSX)
MAX_LINES = 20_000                    # data lines (blank lines not counted)
MAX_COLUMNS = 100                     # cells right of this column are ignored
MAX_CELL_CHARS = 10_000               # one cell
MAX_ROW_CELLS = 1_000                 # cells in one row (Excel itself allows 16,384)
MAX_CELLS = 600_000                   # cells in the whole sheet: 20,000 lines of 30 columns
MAX_SHEET_XML = 32 * 1024 * 1024      # the worksheet's XML, uncompressed
MAX_STRINGS_XML = 16 * 1024 * 1024    # the shared strings' XML, uncompressed
MAX_SMALL_XML = 4 * 1024 * 1024       # workbook, relations, styles
MIN_PLAUSIBLE = 0.8                   # share of non-ASCII characters that must be common Chinese

# NUL and the other C0 controls except tab/newline, DEL, the bidi controls, BOM / zero-width no-break
_STRIP = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x061C, 0x200E,
                        0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF])


def clean_cell(text: str) -> str:
    """A cell as stored: control and bidi characters removed, surrounding spaces stripped."""
    return text.translate(_STRIP).strip()


def norm_header(text: str) -> str:
    return unicodedata.normalize("NFKC", clean_cell(text)).lower()


@dataclass(frozen=True)
class Table:
    filename: str
    sha256: str
    header: tuple[str, ...]
    header_line: int
    rows: tuple[tuple[int, tuple[str, ...]], ...]     # (line number, cells) of non-blank lines

    def columns(self, aliases: dict[str, tuple[str, ...]], required=(), *,
                missing: str | None = None) -> dict[str, int]:
        """``{key: column index}`` for the header cells matching ``aliases`` ({key: names}).

        A missing required column refuses the file: "第 1 行：缺少列 …" (or ``missing`` with
        ``{names}`` filled in)."""
        header = [norm_header(h) for h in self.header]
        cols: dict[str, int] = {}
        for key, names in aliases.items():                     # exact names first, for every key
            wanted = {norm_header(n) for n in names}
            for i, h in enumerate(header):
                if h in wanted and i not in cols.values():
                    cols[key] = i
                    break
        for key, names in aliases.items():                     # then "name(unit)", "name（备注）"
            if key in cols:
                continue
            prefixes = [norm_header(n) for n in names]
            for i, h in enumerate(header):
                if i not in cols.values() and any(h.startswith(n) and h[len(n):][:1] in "([【 /:"
                                                  for n in prefixes if n):
                    cols[key] = i
                    break
        lacking = [aliases[k][0] for k in required if k not in cols]
        if lacking:
            listed = punct("、").join(lacking)       # the headers as the files write them
            text = _(missing).format(names=listed) if missing else _("缺少列 {names}。").format(names=listed)
            raise ValidationError(_("第 {line} 行：{reason}").format(line=self.header_line, reason=text))
        return cols


def read_table(source, filename: str | None = None, *, max_lines: int = MAX_LINES,
               max_bytes: int = MAX_BYTES, empty: str = N_("文件是空的。")) -> Table:
    """Read a CSV or XLSX table from a path or bytes; see the module text for the limits.
    ``empty`` (and ``missing`` of :meth:`Table.columns`) is shown as ``_(empty)``: mark it ``N_()``."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        data = read_regular_file(path, max_bytes=max_bytes, what=N_("导入文件"))
        filename = filename or path.name
    else:
        data = bytes(source)
        if len(data) > max_bytes:
            raise too_big(len(data), max_bytes, N_("导入文件"))
        filename = filename or "import.csv"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValidationError(_("这是旧版 Excel（.xls）文件：请在 Excel 里另存为 .xlsx 或 CSV 后再导入。"))
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        lines = _xlsx_lines(data)
    else:
        lines = _csv_lines(decode_text(data))
    header, header_line, blank = None, 0, 0
    rows: list[tuple[int, tuple[str, ...]]] = []
    for n, cells in lines:
        if not any(cells):
            blank += 1
            if blank > max_lines + 1000:         # a sheet of millions of empty rows
                raise ValidationError(_("文件太大：超过 {lines} 行，请分开导入。").format(lines=max_lines))
            continue
        if header is None:
            header, header_line = cells, n
            continue
        if len(rows) >= max_lines:
            raise ValidationError(_("文件太大：超过 {lines} 行，请分开导入。").format(lines=max_lines))
        rows.append((n, cells))
    if header is None:
        raise ValidationError(_(empty))
    return Table(filename, hashlib.sha256(data).hexdigest(), header, header_line, tuple(rows))


# -- text files ------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _common_chinese() -> frozenset[str]:
    """GB2312's punctuation, full-width forms, pinyin and its 6,763 characters."""
    out = set()
    for hi in (0xA1, 0xA2, 0xA3, 0xA8, *range(0xB0, 0xF8)):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(out)


FOREIGN_MARGIN = 0.06
_FOREIGN = {"big5": N_("繁体 Big5"), "shift_jis": N_("日文 Shift-JIS"), "euc_jp": N_("日文 EUC-JP"),
            "euc_kr": N_("韩文 EUC-KR")}


def foreign_encoding(data: bytes) -> str | None:
    """The CJK encoding other than GB18030 that ``data`` reads better as, or None.

    EUC-JP and EUC-KR use the same byte ranges as GB2312, so they decode into common Chinese
    characters: only how the characters follow each other tells them apart.  charset-normalizer
    measures that as "chaos" (first 64 KB); a foreign encoding wins only if GB18030 reads
    clearly worse (by :data:`FOREIGN_MARGIN`) — on a short file they often tie, and then the file
    is Chinese."""
    from charset_normalizer import from_bytes
    sample = data[:65536]
    if len(data) > len(sample):
        sample = sample[:sample.rfind(b"\n") + 1] or sample
    matches = list(from_bytes(sample, cp_isolation=["gb18030", *_FOREIGN]))
    chinese = [m.chaos for m in matches if m.encoding == "gb18030"]
    foreign = sorted((m.chaos, m.encoding) for m in matches if m.encoding in _FOREIGN)
    # the margin: random common-Chinese text in GBK came within 0.03 of EUC-KR (a short file of
    # unusual names was refused); real EUC-KR and EUC-JP files read 0.12 or more better as such
    if foreign and (not chinese or chinese[0] > foreign[0][0] + FOREIGN_MARGIN):
        return foreign[0][1]
    return None


def plausible_chinese(text: str) -> bool:
    """Are the text's non-ASCII characters mostly common simplified Chinese?"""
    counts = Counter(text)
    common = _common_chinese()
    other = sum(n for ch, n in counts.items() if ord(ch) > 127)
    if not other:
        return True
    good = sum(n for ch, n in counts.items() if ord(ch) > 127 and ch in common)
    return good >= MIN_PLAUSIBLE * other


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, or GB18030 that reads as Chinese; else one line."""
    refuse = _("文件编码不是 UTF-8 或 GBK{guess}：请在 Excel 里“另存为 CSV UTF-8”后再导入。")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValidationError(refuse.format(guess="")) from None
    text: str | None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        foreign = foreign_encoding(data)
        if text is None or foreign or not plausible_chinese(text):
            guess = _("（像是{encoding} 编码）").format(encoding=_(_FOREIGN[foreign])) if foreign else ""
            raise ValidationError(refuse.format(guess=guess))
    if text.count("\x00") > len(text) // 10:    # UTF-16 without its BOM, or not text at all
        raise ValidationError(refuse.format(guess=""))
    return text


def _csv_lines(text: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    text = text.replace("\x00", "")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "," if "," in first else "\t" if "\t" in first else ";" if ";" in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:   # a cell over csv's field limit, a broken quote …: refuse the file whole
            raise ValidationError(_("第 {line} 行：内容太长或格式损坏，整份文件未导入。").format(
                line=reader.line_num)) from None
        n += 1
        yield n, _cells(row[:MAX_COLUMNS], n)


def _cells(values, n: int) -> tuple[str, ...]:
    cells = tuple(clean_cell(v) for v in values)
    if any(len(c) > MAX_CELL_CHARS for c in cells):
        raise ValidationError(_("第 {line} 行：有一格内容太长（超过 {chars} 字），整份文件未导入。").format(
            line=n, chars=MAX_CELL_CHARS))
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


# -- XLSX --------------------------------------------------------------------------------------------
class _BadXlsx(Exception):
    pass


_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DATE_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d*)$")
_INT = re.compile(r"-?\d{1,15}$")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _attrs(attrs: dict) -> dict:
    return {_local(k): v for k, v in attrs.items()}


def _refuse_dtd(*_args):
    raise _BadXlsx("DTD")


def _parser(start, end=None, text=None):
    p = expat.ParserCreate(namespace_separator="}")
    p.StartDoctypeDeclHandler = _refuse_dtd
    p.EntityDeclHandler = _refuse_dtd
    p.StartElementHandler = lambda name, attrs: start(_local(name), attrs)
    if end:
        p.EndElementHandler = lambda name: end(_local(name))
    if text:
        p.CharacterDataHandler = text
    p.buffer_text = True
    return p


def _feed(z: zipfile.ZipFile, name: str, parser, limit: int) -> Iterator[None]:
    """Feed a part to ``parser`` in chunks; yield after each chunk (the caller may stop)."""
    try:
        info = z.getinfo(name)
    except KeyError:
        raise _BadXlsx(f"missing {name}") from None
    if info.file_size > limit:
        raise ValidationError(_("Excel 文件解压后太大（{part} 超过 {mb} MB）：请分开导入或另存为 CSV。").format(
            part=name.rsplit('/', 1)[-1], mb=limit // 1048576))
    with z.open(info) as fh:
        while True:
            chunk = fh.read(256 * 1024)
            parser.Parse(chunk, not chunk)
            if not chunk:
                return
            yield


def _parse_all(z, name, parser, limit=MAX_SMALL_XML) -> None:
    for _chunk in _feed(z, name, parser, limit):
        pass


def _relations(z, part: str) -> dict[str, tuple[str, str]]:
    """{Id: (Type, absolute target)} of a part's .rels, if any."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    out: dict[str, tuple[str, str]] = {}
    if rels_name not in z.NameToInfo:
        return out

    def start(tag, attrs):
        if tag == "Relationship":
            a = _attrs(attrs)
            target = a.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            out[a.get("Id", "")] = (a.get("Type", ""), target)
    _parse_all(z, rels_name, _parser(start))
    return out


def _workbook(z) -> tuple[str, str | None, str | None, bool]:
    """(first worksheet part, shared strings part, styles part, 1904 dates?)."""
    root = {t.rsplit("/", 1)[-1]: target for t, target in _relations(z, "").values()}
    wb_part = root.get("officeDocument", "xl/workbook.xml")
    sheets: list[str] = []
    flags = {"1904": False}

    def start(tag, attrs):
        a = _attrs(attrs)
        if tag == "sheet":
            sheets.append(attrs.get(_REL_NS + "}id") or a.get("id", ""))
        elif tag == "workbookPr":
            flags["1904"] = a.get("date1904", "0") in ("1", "true")
    _parse_all(z, wb_part, _parser(start))
    rels = _relations(z, wb_part)
    by_type = {t.rsplit("/", 1)[-1]: target for t, target in rels.values()}
    worksheets = [rels[r][1] for r in sheets if r in rels and rels[r][0].endswith("/worksheet")]
    if not worksheets:
        raise _BadXlsx("no worksheet")
    return worksheets[0], by_type.get("sharedStrings"), by_type.get("styles"), flags["1904"]


def _shared_strings(z, part: str | None) -> list[str]:
    if not part or part not in z.NameToInfo:
        return []
    strings: list[str] = []
    state = {"si": False, "t": False, "skip": 0, "len": 0}
    buf: list[str] = []

    def start(tag, attrs):
        if tag == "si":
            state["si"] = True
            state["len"] = 0
            buf.clear()
        elif tag in ("rPh", "phoneticPr"):
            state["skip"] += 1
        elif tag == "t" and state["si"] and not state["skip"]:
            state["t"] = True

    def end(tag):
        if tag == "t":
            state["t"] = False
        elif tag in ("rPh", "phoneticPr"):
            state["skip"] -= 1
        elif tag == "si":
            state["si"] = False
            strings.append("".join(buf)[:MAX_CELL_CHARS + 1])

    def text(data):
        if state["t"] and state["len"] <= MAX_CELL_CHARS:
            buf.append(data)
            state["len"] += len(data)
    _parse_all(z, part, _parser(start, end, text), MAX_STRINGS_XML)
    return strings


def _date_styles(z, part: str | None) -> list[bool]:
    """For each cell style (cellXfs index): does it show a date/time?"""
    if not part or part not in z.NameToInfo:
        return []
    from openpyxl.styles.numbers import is_date_format, is_timedelta_format
    formats: dict[int, str] = {}
    xf_ids: list[int] = []
    state = {"cellXfs": False}

    def start(tag, attrs):
        a = _attrs(attrs)
        if tag == "numFmt":
            try:
                formats[int(a.get("numFmtId", "-1"))] = a.get("formatCode", "")
            except ValueError:
                pass
        elif tag == "cellXfs":
            state["cellXfs"] = True
        elif tag == "xf" and state["cellXfs"]:
            try:
                xf_ids.append(int(a.get("numFmtId", "0")))
            except ValueError:
                xf_ids.append(0)

    def end(tag):
        if tag == "cellXfs":
            state["cellXfs"] = False
    _parse_all(z, part, _parser(start, end))

    def is_date(i):
        if i in formats:
            return is_date_format(formats[i]) and not is_timedelta_format(formats[i])
        return i in _DATE_IDS
    return [is_date(i) for i in xf_ids]


def _column(ref: str | None, previous: int) -> int:
    if ref:
        m = _CELL_REF.match(ref.upper())
        if m:
            col = 0
            for ch in m.group(1):
                col = col * 26 + ord(ch) - 64
            return col
    return previous + 1


def _number_text(v: str, is_date: bool, epoch) -> str:
    if _INT.match(v) and not is_date:
        return v.lstrip("+")
    try:
        f = float(v)
    except ValueError:
        return v
    if is_date:
        from openpyxl.utils.datetime import from_excel
        try:
            value = from_excel(f, epoch)
        except (OverflowError, ValueError):
            return v
        if isinstance(value, dt.datetime):
            return (value + dt.timedelta(microseconds=500_000)).strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(value, dt.time):
            return value.strftime("%H:%M:%S")
        return str(value)
    if f.is_integer() and abs(f) < 1e16:
        return str(int(f))
    return repr(f)


def _sheet_rows(z, part, strings, date_styles, epoch) -> Iterator[tuple[int, tuple[str, ...]]]:
    ready: list[tuple[int, tuple[str, ...]]] = []
    st = {"row": 0, "col": 0, "t": "n", "s": 0, "collect": False, "skip": 0, "in_is": False, "len": 0,
          "cells": 0, "total": 0}
    cells: dict[int, str] = {}
    buf: list[str] = []

    def start(tag, attrs):
        if tag == "row":
            r = attrs.get("r")
            st["row"] = int(r) if r and r.isdigit() and len(r) < 8 else st["row"] + 1
            st["col"] = st["cells"] = 0
            cells.clear()
        elif tag == "c":
            st["cells"] += 1
            st["total"] += 1
            if st["cells"] > MAX_ROW_CELLS:
                raise ValidationError(_("第 {line} 行：超过 {columns} 列，不是正常的导入清单，未导入。").format(
                    line=st['row'], columns=MAX_ROW_CELLS))
            if st["total"] > MAX_CELLS:
                raise ValidationError(_("Excel 表格太大（超过 {cells} 格）：请分开导入或另存为 CSV。").format(
                    cells=MAX_CELLS))
            st["col"] = _column(attrs.get("r"), st["col"])
            st["t"] = attrs.get("t", "n")
            s = attrs.get("s", "0")
            st["s"] = int(s) if s.isdigit() and len(s) < 7 else 0
            st["len"] = 0
            buf.clear()
        elif tag == "v":
            st["collect"] = not st["in_is"]
        elif tag == "is":
            st["in_is"] = True
        elif tag == "rPh":
            st["skip"] += 1
        elif tag == "t" and st["in_is"] and not st["skip"]:
            st["collect"] = True

    def end(tag):
        if tag in ("v", "t"):
            st["collect"] = False
        elif tag == "rPh":
            st["skip"] -= 1
        elif tag == "is":
            st["in_is"] = False
        elif tag == "c":
            col = st["col"]
            if col > MAX_COLUMNS:
                return
            v, t = "".join(buf), st["t"]
            if len(v) > MAX_CELL_CHARS:
                raise ValidationError(_("第 {line} 行：有一格内容太长（超过 {chars} 字），整份文件未导入。").format(
                    line=st['row'], chars=MAX_CELL_CHARS))
            if t == "s":
                try:
                    v = strings[int(v)]
                except (ValueError, IndexError):
                    v = ""
            elif t == "b":
                v = "TRUE" if v.strip() == "1" else "FALSE" if v.strip() else ""
            elif t == "d":
                v = v.replace("T", " ")[:19]
            elif t in ("n", "") and v:
                s = st["s"]
                v = _number_text(v.strip(), s < len(date_styles) and date_styles[s], epoch)
            cells[col] = v
        elif tag == "row":
            width = max(cells, default=0)
            ready.append((st["row"], _cells([cells.get(i, "") for i in range(1, width + 1)], st["row"])))

    def text(data):
        if st["collect"] and st["len"] <= MAX_CELL_CHARS:
            buf.append(data)
            st["len"] += len(data)
    parser = _parser(start, end, text)
    for _chunk in _feed(z, part, parser, MAX_SHEET_XML):
        yield from ready
        ready.clear()
    yield from ready


def _xlsx_lines(data: bytes) -> Iterator[tuple[int, tuple[str, ...]]]:
    from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            sheet, strings_part, styles_part, is_1904 = _workbook(z)
            strings = _shared_strings(z, strings_part)
            dates = _date_styles(z, styles_part)
            yield from _sheet_rows(z, sheet, strings, dates, MAC_EPOCH if is_1904 else WINDOWS_EPOCH)
    except ValidationError:
        raise
    except (_BadXlsx, zipfile.BadZipFile, zipfile.LargeZipFile, expat.ExpatError, zlib.error,
            struct.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError, KeyError,
            IndexError) as exc:
        import logging
        logging.getLogger("outlet_desk.tables").info("unreadable xlsx: %r", exc)
        raise ValidationError(_("无法读取 Excel（XLSX）文件：文件损坏或不是 Excel 表格。")) from None
