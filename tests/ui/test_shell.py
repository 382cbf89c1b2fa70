from PySide6.QtCore import QStandardPaths, Qt, QTime
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
    from outlet_desk.signoff import outbox  # the demo leaves a few sign-offs waiting (F6)
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
    screen.editors["dayclose.cash_float_fen"].edit.setText("七块")      # money is typed in 元
    screen.save()
    assert window.banner.level == "error" and "不是金额" in window.banner.text()
    assert settings.get("dayclose.cash_float_fen") == 0


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


def _write_straight_into_the_database(home, values: dict) -> None:
    """What an older version or a hand edit may have left: another connection, no check on the way."""
    import json
    import sqlite3
    con = sqlite3.connect(home / "outlet.db")
    with con:
        for key, value in values.items():
            con.execute("INSERT INTO setting (key, value, updated_at) VALUES (?, ?, '2025-01-01 00:00:00') "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (key, json.dumps(value, ensure_ascii=False)))
    con.close()


def test_bad_stored_settings_show_in_the_banner_and_the_screens_keep_working(qtbot, make_window):
    """Issue 17: shift hours 14:30-24:30, an end before a start or duplicate post codes made home,
    the roster and the status bar throw on every refresh."""
    window = make_window()
    _write_straight_into_the_database(window.ctx.home, {
        "shift.posts": [{"code": "A", "name": "A岗", "hours": ["08:00-12:00", "14:30-24:30"]},
                        {"code": "A", "name": "B岗", "hours": ["20:00-10:00"]}],
        "duty.templates": [{"id": "X1", "post": "C", "time": "25:00", "text": "不存在的岗位"}],
    })
    shown = []
    show = window.banner.show_message
    window.banner.show_message = lambda text, level="error", **kw: (shown.append((level, text)),
                                                                   show(text, level, **kw))
    login(qtbot, window, "张丽", "1111")
    home = window.screen_by_key(1)
    assert window.stack.currentWidget() is home
    found = [m for m in shown if "设置有误" in m[1]]
    [(level, text)] = found
    assert level == "warning" and "“岗位与时间”里的“14:30-24:30”超出了一天" in text and "另有 1 处" in text
    assert window.status_settings.isVisible() and window.status_settings.text() == "设置有误：2 处（F11）"
    assert "每日工作清单" in window.status_settings.toolTip() or "工作清单" in window.status_settings.toolTip()
    assert home.checklist.count() > 0                        # the checklist runs on its default
    assert window.status_post.text().startswith("岗位：")
    qtbot.keyClick(window.focusWidget() or window, Qt.Key_F9)   # the roster
    roster_screen = window.stack.currentWidget()
    assert roster_screen is window.screen_by_key(9)
    window.refresh_status()
    # fixed by the manager: the warning goes, the saved values are used
    from outlet_desk.permissions import SYSTEM
    settings.update({"shift.posts": [{"code": "A", "name": "A岗", "hours": ["08:00-12:00", "14:30-20:00"]},
                                     {"code": "B", "name": "B岗", "hours": ["10:00-20:00"]}],
                     "duty.templates": settings.specs()["duty.templates"].default},
                    actor=SYSTEM, now=window.ctx.now())
    assert settings.problems() == []
    window.refresh_status()
    assert not window.status_settings.isVisible()


def test_a_bad_setting_is_refused_naming_the_field(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F11)
    screen = window.stack.currentWidget()
    before = settings.get("shift.posts")
    screen.editors["shift.posts"].table.cellWidget(0, 2).ranges[1][0].start.setTime(QTime(11, 0))
    screen.save()
    assert window.banner.level == "error" and "岗位 A 的时间段 08:00-12:00 和 11:00-20:00 重叠" in window.banner.text()
    assert settings.get("shift.posts") == before
