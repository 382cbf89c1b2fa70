"""Every character of the Chinese UI is drawn by the bundled font, and every string is translated."""
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QFont, QFontMetrics

from outlet_desk import settings
from ui import resources

TS_DIR = Path(resources.resource_dir()) / "i18n" / "zh_CN"


def _translations():
    for ts in sorted(TS_DIR.glob("*.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            yield ts.name, message.findtext("source"), message.find("translation")


def test_every_ui_string_has_a_finished_chinese_translation():
    missing = [(ts, src) for ts, src, tr in _translations()
               if tr is None or tr.get("type") == "unfinished" or not (tr.text or "").strip()]
    assert not missing, missing
    assert sum(1 for _ in _translations()) > 40


def test_bundled_font_covers_every_chinese_character(qtbot):
    from ui.app import ensure_app
    app = ensure_app()
    family = resources.install_font(app)
    metrics = QFontMetrics(QFont(family))
    text = "".join((tr.text or "") for _ts, _src, tr in _translations())
    text += "".join(s.label_zh for s in settings.specs().values())
    chars = {ch for ch in text if ord(ch) > 0x2E7F}
    assert len(chars) > 100
    missing = sorted(ch for ch in chars if not metrics.inFontUcs4(ord(ch)))
    assert not missing, "".join(missing)


def test_compiled_translation_is_loaded(qtbot):
    from PySide6.QtCore import QCoreApplication

    from ui.app import ensure_app
    app = ensure_app()
    assert resources.install_translation(app, "zh_CN")
    assert QCoreApplication.translate("Screens", "Intake") == "到件入库"
    resources.install_translation(app, "en")
    assert QCoreApplication.translate("Screens", "Intake") == "Intake"
    resources.install_translation(app, "zh_CN")
