"""In zh mode Qt's own texts are Chinese too (its buttons, file dialogs, menus); English in en mode."""
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ui import resources


def _cancel_text():
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    try:
        return box.button(QDialogButtonBox.Cancel).text().replace("&", "")
    finally:
        box.deleteLater()


def test_qt_buttons_follow_the_language(qtbot):
    app = QApplication.instance()
    try:
        assert resources.install_translation(app, "zh_CN")
        assert _cancel_text() == "取消"
        assert resources.install_translation(app, "en")
        assert _cancel_text() == "Cancel"
    finally:
        resources.install_translation(app, resources.DEFAULT_LANGUAGE)
