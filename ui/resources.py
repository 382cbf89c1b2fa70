"""Resource paths (from source and from a PyInstaller bundle), the bundled CJK font, translations."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase

from outlet_desk.resources import font_path, resource, resource_dir  # noqa: F401  (one place)

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"


_family: str | None = None


def install_font(app) -> str:
    """Register the bundled font with Qt and make it the application font.  Returns its family."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise RuntimeError(f"cannot load bundled font {font_path()}")
        _family = families[0]
    font = QFont(_family)
    font.setPointSize(11)
    app.setFont(font)
    return _family


_translators: list[QTranslator] = []


def install_translation(app, language: str) -> bool:
    """Load ``resources/i18n/outlet_desk_<lang>.qm``; English needs none (source strings)."""
    for tr in _translators:
        app.removeTranslator(tr)
    _translators.clear()
    from outlet_desk import i18n as core_i18n
    core_i18n.set_language(language)        # the core's own messages (gettext, outlet_desk/i18n.py)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.English))
        return True
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    tr = QTranslator(app)
    if not tr.load(str(resource("i18n", f"outlet_desk_{language}.qm"))):
        return False
    app.installTranslator(tr)
    _translators.append(tr)
    # Qt's own texts (file dialogs, 确定/取消 buttons, context menus) from Qt's translations
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt)
        _translators.append(qt)
    return True


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
