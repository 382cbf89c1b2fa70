"""The intake list's model keeps its texts in Qt items; it must show exactly what the ordinary
row model shows for the same rows: texts, alignment, headers, paging, a changed row, new columns."""
from collections import namedtuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from ui.models.rows import Column, RowsTableModel, TextRowsModel

Row = namedtuple("Row", "id waybill code note")
ROWS = [Row(i, f"JT{i:013d}", f"1-2-{i:04d}" if i % 3 else None, "备注" * (i % 2)) for i in range(450)]


def columns(lang="en"):
    return [Column("Waybill" if lang == "en" else "运单号", lambda r: r.waybill),
            Column("Code" if lang == "en" else "取件码", lambda r: r.code, Qt.AlignCenter),
            Column("Note", lambda r: r.note or None),
            Column("Id", lambda r: r.id, Qt.AlignRight)]


def shown(model):
    roles = (Qt.DisplayRole, Qt.TextAlignmentRole)
    cells = [[tuple(_plain(model.index(r, c).data(role)) for role in roles)
              + (bool(model.flags(model.index(r, c)) & Qt.ItemIsEditable),)
              for c in range(model.columnCount())] for r in range(model.rowCount())]
    heads = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    return heads, cells


def _plain(value):
    if value is None or isinstance(value, str):
        return value
    return int(value.value if hasattr(value, "value") else value)


def pair(loader=None):
    return (RowsTableModel(columns(), loader=loader, page=200),
            TextRowsModel(columns(), loader=loader, page=200))


def test_same_texts_as_the_row_model(qtbot):
    plain, texts = pair()
    for m in (plain, texts):
        m.set_rows(ROWS[:30])
        m.insert_top(ROWS[100])
        m.replace_row(3, ROWS[101])
    assert shown(texts) == shown(plain)
    assert texts.row_at(0) is ROWS[100] and texts.row_at(3) is ROWS[101]
    assert texts.index(0, 0).data() == ROWS[100].waybill
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(texts)
    view.selectRow(5)
    for m in (plain, texts):
        m.columns = columns("zh")                 # a language change
    assert shown(texts) == shown(plain)
    assert texts.headerData(1, Qt.Horizontal) == "取件码"
    assert [i.row() for i in view.selectionModel().selectedRows()] == [5]


def test_pages_like_the_row_model(qapp):
    loader = lambda offset, limit: ROWS[offset:offset + limit]   # noqa: E731
    plain, texts = pair(loader)
    for m in (plain, texts):
        m.reload()
        assert m.rowCount() == 200 and m.canFetchMore()
        m.fetchMore()
        m.fetchMore()
        assert m.rowCount() == 450 and not m.canFetchMore()
    assert shown(texts) == shown(plain)
    assert [texts.row_at(i) for i in range(450)] == ROWS
