from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication

from outlet_desk import settings
from outlet_desk.paths import fallback_app_data

from .conftest import login


def test_clerk_logs_in_and_visits_every_screen_by_function_key(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    assert window.pages.currentWidget() is window.work
    visited = []
    for screen in window.screens:
        if screen.MANAGER_ONLY:
            continue
        qtbot.keyClick(window.focusWidget() or window, getattr(Qt, f"Key_F{screen.FKEY}"))
        assert window.stack.currentWidget() is screen, f"F{screen.FKEY} did not open {screen}"
        visited.append(screen.FKEY)
    assert visited == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    # the navigation is in Chinese and names the key
    assert window.nav.item(1).text() == "F2  到件入库"


def test_status_bar_shows_clerk_and_upload_count(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "王芳", "2222")
    assert "王芳" in window.status_clerk.text()
    from outlet_desk.services import outbox   # the demo leaves a few sign-offs waiting (F6)
    assert f"待上传：{outbox.pending_count()}" in window.status_uploads.text()
    assert window.status_time.text().startswith("2026-06-08 09:00")


def test_clerk_has_no_audit_log_and_cannot_save_settings(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    audit_screen = window.screen_by_key(12)
    assert window.nav.isRowHidden(window.screens.index(audit_screen))
    qtbot.keyClick(window, Qt.Key_F12)
    assert window.stack.currentWidget() is not audit_screen
    qtbot.keyClick(window, Qt.Key_F11)
    screen = window.stack.currentWidget()
    assert not screen.save_button.isEnabled()
    assert screen.editors["outlet.code"].isReadOnly()


def test_manager_edits_a_setting_from_the_screen(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F11)
    screen = window.stack.currentWidget()
    screen.editors["outlet.code"].setText("805")
    screen.save()
    assert settings.get("outlet.code") == "805"
    assert window.banner.level == "ok"
    qtbot.keyClick(window, Qt.Key_F12)
    audit_screen = window.stack.currentWidget()
    assert audit_screen.model.rowCount() > 0
    assert audit_screen.model.row_at(0).action == "settings.update"


def test_bad_setting_shows_banner_and_changes_nothing(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F11)
    screen = window.stack.currentWidget()
    screen.editors["storage.days"].setText("七天")
    screen.save()
    assert window.banner.level == "error" and "整数" in window.banner.text()
    assert settings.get("storage.days") == 7


def test_wrong_pin_shows_reason_and_stays_on_login(qtbot, make_window):
    window = make_window()
    window.login.select_person("张丽")
    window.login.secret.setText("0000")
    window.login.attempt()
    assert window.ctx.actor is None
    assert "不正确" in window.login.error.text()


def test_lock_returns_to_pin_screen_and_unlock_returns_to_the_same_screen(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F11)
    window.lock()
    assert window.pages.currentWidget() is window.login
    login(qtbot, window, "张丽", "1111")
    assert window.stack.currentWidget() is window.screen_by_key(11)


def test_english_can_be_chosen(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F11)
    screen = window.stack.currentWidget()
    screen.language.setCurrentIndex(screen.language.findData("en"))
    # Qt delivers LanguageChange as posted events
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "F2  Intake")
    assert screen.save_button.text() == "Save outlet settings"
    screen.language.setCurrentIndex(screen.language.findData("zh_CN"))
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "F2  到件入库")
    assert prefs_language(window) == "zh_CN"


def prefs_language(window):
    return window.ctx.prefs.value("language")


def test_qt_app_data_location_matches_the_core_fallback(qtbot, make_window):
    make_window()
    app = QApplication.instance()
    assert app.applicationName() == "outlet-desk"
    qt_path = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)
    assert qt_path.rstrip("/") == str(fallback_app_data())
