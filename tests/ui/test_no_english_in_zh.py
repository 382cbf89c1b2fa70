"""Chinese everywhere in zh mode: the manager and a clerk open every screen (and every tab) of the demo outlet
and reads every visible text — labels, buttons, group boxes, tabs, placeholders, combo items,
table headers and the first rows, the status bar and the banner.  No English word may be left.

An "English word" is a run of three or more ASCII letters that is not on the short allow-list
below (carrier codes, units, file formats, the product's own name …).
"""
import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from .conftest import login

#: Words a Chinese clerk reads as they are.
ALLOWED = {
    "ZTO", "STO", "YTO", "EMS", "JDL", "JDV", "JTS", "YUNDA",         # carriers and their codes
    "PDF", "CSV", "XLSX", "XLS", "SMS", "CRM", "PIN", "USB", "HTTP", "URL", "API", "WAL",
    "Outlet", "Desk",                                                 # the product's name
    "kg", "mm", "cm",
    "Ctrl", "Alt", "Shift", "Enter", "Esc", "Tab",                    # printed on the keys
    "English",                                                        # the language choice (F11)
    "App",                                                            # "中通快递 App", a channel
    "CUPS", "Windows",                                                # where a printer is added
}
WORD = re.compile(r"[A-Za-z]{3,}")
TAG = re.compile(r"<[^>]+>|&[a-z]+;")
WAYBILL = re.compile(r"\b[A-Z]{2,4}\d{6,}\b")      # SF1234567890123, JDVA00012345678, ZTO7…
URL = re.compile(r"\b[a-z]+://\S+")                 # an address is data (F6 shows the upload URL)
FIELD = re.compile(r"\{\w+\}")     # a template field the manager types ({outlet} 网点名): code, not prose
ROWS = 20


def _printer_names() -> set[str]:
    """The PC's print queues (data the screens list, named by whoever set the printer up: CI's
    cups-pdf queue is "OutletPDF")."""
    from ui.printing import available_printers
    return {w for name in available_printers() for w in WORD.findall(name)}


def english_words(text: str) -> list[str]:
    text = FIELD.sub(" ", URL.sub(" ", WAYBILL.sub(" ", TAG.sub(" ", text or ""))))
    words = [w for w in WORD.findall(text) if w not in ALLOWED and w.upper() not in ALLOWED]
    return [w for w in words if w not in _printer_names()] if words else words


def visible_texts(root):
    """(where, text) for every text a person can see in ``root`` now."""
    out = []

    def add(widget, what, text):
        if text:
            out.append((f"{type(widget).__name__}:{widget.objectName() or '?'}:{what}", text))

    for w in [root, *root.findChildren(QWidget)]:
        if not (w is root or w.isVisibleTo(root)):
            continue
        if isinstance(w, QLabel):
            add(w, "label", w.text())
        elif isinstance(w, QAbstractButton):
            add(w, "button", w.text())
        elif isinstance(w, QGroupBox):
            add(w, "group", w.title())
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w, f"tab{i}", w.tabText(i))
        elif isinstance(w, QLineEdit):
            if not w.text():
                add(w, "placeholder", w.placeholderText())
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            add(w, "placeholder", w.placeholderText())
            add(w, "text", w.toPlainText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, f"item{i}", w.itemText(i))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            m, top = w.model(), QModelIndex()
            columns = 1 if isinstance(w, QListView) else m.columnCount(top)
            for c in range(columns):
                if not isinstance(w, QListView):
                    add(w, f"header{c}", m.headerData(c, Qt.Horizontal, Qt.DisplayRole))
                for r in range(min(ROWS, m.rowCount(top))):
                    for role in (Qt.DisplayRole, Qt.ToolTipRole):
                        value = m.data(m.index(r, c), role)
                        if isinstance(value, str):
                            add(w, f"row{r}col{c}", value)
        if hasattr(w, "toolTip") and w.toolTip():
            add(w, "tooltip", w.toolTip())
    return [(where, str(text)) for where, text in out]


def _select_first_rows(window, root):
    """Select the first row of each visible list: detail panels and row-bound buttons appear."""
    for view in root.findChildren(QAbstractItemView):
        m = view.model()
        if view.isVisibleTo(window) and m is not None and m.rowCount(QModelIndex()) \
                and view.selectionModel() is not None:
            view.setCurrentIndex(m.index(0, 0))


def _walk_screen(window, screen):
    """Every tab of every tab widget on the screen, in turn (nested tabs too), before and after
    selecting the first row of each list."""
    texts = list(visible_texts(window))
    _select_first_rows(window, screen)
    texts += visible_texts(screen)
    for tabs in screen.findChildren(QTabWidget):
        if not tabs.isVisibleTo(window):
            continue
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            texts += visible_texts(tabs.widget(i))
            _select_first_rows(window, tabs.widget(i))
            texts += visible_texts(tabs.widget(i))
    return texts


def _settings_help(where: str) -> bool:
    """The F11 editors' tooltips (SettingSpec.help): checked on their own below, in zh mode."""
    return where.startswith("F11 ") and ":setting:" in where and where.endswith(":tooltip")


def _english_on_screens(qtbot, window, who=("李店长", "manager803")):
    found = [(f"login {where}", text) for where, text in visible_texts(window.login)
             if english_words(text)]
    login(qtbot, window, *who)
    for screen in window.screens:
        if screen.MANAGER_ONLY and not window.ctx.actor.is_manager:
            continue
        window.show_screen(screen)
        assert window.stack.currentWidget() is screen
        for where, text in _walk_screen(window, screen):
            if english_words(text):
                found.append((f"F{screen.FKEY} {where}", text))
    found += [(f"status bar {w}", t) for w, t in visible_texts(window.statusBar())
              if english_words(t)]
    return found


def _report(found):
    seen, report = set(), []
    for where, text in found:
        if (where, text) not in seen:
            seen.add((where, text))
            report.append(f"{where}: {text!r} → {english_words(text)}")
    return "\n".join(report)


@pytest.mark.parametrize("who", [("李店长", "manager803"), ("张丽", "1111")],
                         ids=["manager", "clerk"])
def test_no_english_on_any_screen_in_zh_mode(qtbot, make_window, who):
    window = make_window()
    assert window.ctx.prefs.value("language", "zh_CN") == "zh_CN"
    found = _english_on_screens(qtbot, window, who)
    assert window.statusBar().isVisible() and window.nav.item(1).text() == "F2  到件入库"
    report = _report([(w, t) for w, t in found if not _settings_help(w)])
    assert not report, report


def test_settings_help_is_chinese_in_zh_mode(qtbot, make_window):
    window = make_window()
    report = _report([(w, t) for w, t in _english_on_screens(qtbot, window) if _settings_help(w)])
    assert not report, report


def test_the_check_sees_english():
    assert english_words("Upload done: 3 sent") == ["Upload", "done", "sent"]
    assert english_words("已上传 SF1234567890123 到总部，PDF 已生成") == []
    assert english_words("<b>待上传</b>：ConnectError") == ["ConnectError"]
    assert english_words("可用字段：{shelf} 货架 http://127.0.0.1/api") == []
    assert english_words("{shelf} shelf") == ["shelf"]


def _dialogs(window, tmp_path):
    """One of each dialog a clerk or the manager meets, built as the screens build them."""
    import io
    from types import SimpleNamespace

    from PySide6.QtGui import QColor, QImage
    from reportlab.pdfgen import canvas

    from outlet_desk.printing import FONT, mm, register_fonts
    from ui.app import FirstRunDialog
    from ui.dialogs.photo_viewer import PhotoViewer
    from ui.dialogs.return_form import StartReturnDialog
    from ui.printing import PrintPreviewDialog
    from ui.screens.outgoing import DeclareDialog
    from ui.screens.signoff import FixDialog
    from ui.screens.tickets import NewTicketDialog

    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(60 * mm, 40 * mm))
    c.setFont(FONT, 20)
    c.drawString(5 * mm, 20 * mm, "取件码 3-2-0366")
    c.save()
    photo = tmp_path / "photo.png"
    image = QImage(40, 30, QImage.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(photo))
    rejected = SimpleNamespace(waybill="SF1234567890123", last_error="签收人姓名不能为空",
                               payload={"signer_type": "本人", "signer_name": ""})
    return [
        FirstRunDialog(window),
        StartReturnDialog("SF1234567890123", kind="return", reason="拒收", parent=window),
        PrintPreviewDialog(buf.getvalue(), "labels", window.ctx.prefs, title="标签",
                           suggested_name="label.pdf", parent=window),
        PhotoViewer(photo, "红标签照片", can_delete=True, photo_hash="ab" * 32, parent=window),
        DeclareDialog(window.ctx, "赵师傅", window),
        FixDialog(rejected, window),
        NewTicketDialog(window),
    ]


def _qt_catalog_loaded() -> bool:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"


def test_dialogs_have_no_english_in_zh_mode(qtbot, make_window, tmp_path):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    if not _qt_catalog_loaded():
        # Qt's own buttons (Cancel …) come from qtbase_zh_CN, loaded by another branch of issue 18
        pytest.xfail("Qt's own translations (qtbase_zh_CN) are not loaded yet")
    found = []
    for dialog in _dialogs(window, tmp_path):
        qtbot.addWidget(dialog)
        dialog.show()
        texts = [("title", dialog.windowTitle()), *visible_texts(dialog)]
        found += [(f"{type(dialog).__name__} {w}", t) for w, t in texts if english_words(t)]
        dialog.close()
    report = _report(found)
    assert not report, report


def test_a_failed_upload_says_why_in_chinese_on_f6(qtbot, make_window):
    """Head office unreachable: F6 says 连不上 …, never "ConnectError"."""
    from outlet_desk import settings
    from outlet_desk.permissions import SYSTEM

    from .conftest import DEMO_NOW
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    settings.update({"upload.url": "http://127.0.0.1:9/api/v1/records",
                     "upload.timeout_seconds": 1}, actor=SYSTEM, now=DEMO_NOW)
    screen = window.screen_by_key(6)
    window.show_screen(screen)
    screen.tabs.setCurrentIndex(2)
    screen.upload_now()
    qtbot.waitUntil(lambda: screen.upload_button.isEnabled(), timeout=20000)
    text = screen.upload_state.text()
    assert "连不上" in text and not english_words(text), text
    found = [(w, t) for w, t in visible_texts(window) if english_words(t)]
    assert not found, found


def test_the_language_switch_also_switches_the_core_messages(qtbot):
    """The Qt catalog and the core's gettext catalog change together (ui/resources.py)."""
    from outlet_desk import i18n
    from ui import resources
    from ui.app import ensure_app
    app = ensure_app()
    try:
        assert resources.install_translation(app, "en")
        assert i18n.language() == "en"
    finally:
        resources.install_translation(app, "zh_CN")
    assert i18n.language() == "zh_CN"
