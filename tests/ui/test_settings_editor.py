"""The settings screen (F11) edits the outlet's rules with proper widgets (issue 18): every setting
round-trips through its editor, no Python/JSON literal is ever shown, a refused value shows the
core's one-line reason under its field and changes nothing."""
import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QTableWidget, QWidget

from outlet_desk import settings
from outlet_desk.db import close_database
from outlet_desk.errors import ValidationError
from outlet_desk.fen import MAX_FEN
from outlet_desk.models import AuditLog, Setting
from outlet_desk.permissions import SYSTEM
from outlet_desk.storage import open_database
from ui.widgets.setting_editors import HoursEditor, MoneyEditor, RangesEditor, TableEditor, editor_for, editor_kind

from .conftest import DEMO_NOW, login


def open_settings(qtbot, window, who=("李店长", "manager803")):
    login(qtbot, window, *who)
    qtbot.keyClick(window, Qt.Key_F11)
    screen = window.screen_by_key(11)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screen)
    return screen


def shown_texts(widget: QWidget) -> list[str]:
    """Every text a person can read in ``widget``: fields, combo items, buttons, labels, headers."""
    out = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if isinstance(w, QLineEdit):
            out += [w.text(), w.placeholderText()]
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QAbstractSpinBox):
            out.append(w.text())
        elif isinstance(w, (QAbstractButton, QLabel)):
            out.append(w.text())
        elif isinstance(w, QTableWidget):
            out += [w.horizontalHeaderItem(c).text() for c in range(w.columnCount())]
        out.append(w.toolTip())
    return [t for t in out if t]


def literal_in(text: str) -> bool:
    """A Python/JSON literal: brackets, True/False/None, a brace that is not a {placeholder}."""
    return bool(re.search(r"[\[\]]|\bTrue\b|\bFalse\b|\bNone\b|\bnull\b|\btrue\b|\bfalse\b", text)
                or "{" in re.sub(r"\{\w+\}", "", text) or "}" in re.sub(r"\{\w+\}", "", text))


def stored(key):
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else None


# -- the declared settings ------------------------------------------------------------------------
def test_every_declared_setting_gets_an_editor_and_round_trips_its_current_value(qtbot, make_window):
    window = make_window()
    screen = open_settings(qtbot, window)
    values = settings.all_values()
    assert set(screen.editors) == set(settings.specs())
    for key, editor in screen.editors.items():
        assert editor.get() == values[key], key
    # saving without touching anything changes nothing
    audit_rows = AuditLog.select().count()
    screen.save()
    assert window.banner.level == "info"
    assert AuditLog.select().count() == audit_rows


def test_non_default_values_round_trip_too(qtbot, make_window):
    """Posts ending at midnight, a duty with an event, a deadline and every 3 days, a custom
    pattern, a float of 1,234.50 元, an empty list, the second cut-off on."""
    window = make_window()
    settings.update({
        "shift.posts": [{"code": "早", "name": "早班", "hours": ["06:00-12:00"]},
                        {"code": "晚", "name": "晚班", "hours": ["12:00-18:00", "19:00-24:00"]}],
        "waybill.custom_patterns": [{"carrier": "丰网", "regex": r"^FW\d{12}$",
                                     "example": "FW123456789012"}],
        "dayclose.cash_float_fen": 123450,
        "intake.couriers": [],
        "signoff.second_cutoff_enabled": True,
        "outlet.open_weekdays": [1, 2, 3, 4, 5],
        "waybill.shape_picks": {"14:77": "申通"},
        "threeday.promise_hours": {"同城": 12, "跨省": 72},
    }, actor=SYSTEM, now=DEMO_NOW)
    settings.update({"duty.templates": [
        {"id": "Z1", "post": "早", "time": "06:05", "text": "开门", "key": "arrivals_scanned", "by": True,
         "every": 3},
        {"id": "Z2", "post": "*", "time": "23:30", "text": "关门"}]}, actor=SYSTEM, now=DEMO_NOW)
    screen = open_settings(qtbot, window)
    values = settings.all_values()
    for key, editor in screen.editors.items():
        assert editor.get() == values[key], key
    assert screen.editors["dayclose.cash_float_fen"].edit.text() == "1234.50"


def test_no_editor_shows_a_python_or_json_literal(qtbot, make_window):
    window = make_window()
    screen = open_settings(qtbot, window)
    for key, editor in screen.editors.items():
        for text in shown_texts(editor):
            assert not literal_in(text), (key, text)
    # the tables are tables, the lists are lines, the money is in 元
    assert editor_kind(settings.specs()["shift.posts"]) == "table"
    assert isinstance(screen.editors["shift.posts"], TableEditor)
    assert isinstance(screen.editors["duty.templates"], TableEditor)
    assert isinstance(screen.editors["outlet.opening_hours"], HoursEditor)
    assert isinstance(screen.editors["dayclose.cash_float_fen"], MoneyEditor)
    assert screen.editors["outlet.carriers"].text().startswith("极兔，中通")
    assert screen.editors["signoff.cutoff"].time() == QTime(14, 0)
    assert screen.editors["leave.keep_staffed"].isChecked()
    assert screen.editors["shelves.rule"].currentText() == "同一客户的包裹放一起"


def test_in_chinese_mode_what_the_editors_show_is_chinese(qtbot, make_window):
    window = make_window()
    screen = open_settings(qtbot, window)
    posts = screen.editors["shift.posts"]
    assert [posts.table.horizontalHeaderItem(c).text() for c in range(3)] == ["代码", "名称", "时间段"]
    assert posts.add_button.text() == "添加一行"
    duty = screen.editors["duty.templates"]
    key_cell = duty.table.cellWidget(2, 4)          # A03 ticks itself when problems were reviewed
    assert key_cell.currentText() == "已查看问题件"
    assert duty.table.cellWidget(0, 4).currentText() == "手动勾选"
    assert screen.editors["intake.default_category"].currentText() == "自取"
    assert screen.editors["dayclose.cash_float_fen"].unit.text() == "元"
    for key, spec in settings.specs().items():           # the help, in Chinese
        assert screen.labels[key].toolTip() == spec.help_zh, key
        assert bool(spec.help) == bool(spec.help_zh), key
        # English words only as the {placeholders} a manager types, and a regex example
        assert not re.search(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}|\^FW\S*|FW\d+", "", spec.help_zh)), key


def test_every_choice_setting_is_labelled():
    """A choice shows a word, not its stored code (sizes like 60x40 are the same in any language)."""
    for spec in settings.specs().values():
        if spec.choices and not all(re.fullmatch(r"\d+x\d+", str(c)) for c in spec.choices):
            assert len(spec.choice_labels) == len(spec.choices), spec.key
        if spec.kind == "json":
            assert spec.shape in ("table", "map") and spec.columns, spec.key
        assert editor_kind(spec) != "fixed", spec.key


# -- refused values -------------------------------------------------------------------------------
def core_reason(key, value) -> str:
    with pytest.raises(ValidationError) as err:
        settings.coerce(settings.specs()[key], value)
    return err.value.message


def assert_refused_inline(window, screen, key, fragment):
    db_before = {s.key: s.value for s in Setting.select()}
    audit_before = AuditLog.select().count()
    screen.save()
    error = screen.errors[key]
    assert error.isVisible() and fragment in error.text(), error.text()
    assert "\n" not in error.text()
    assert window.banner.level == "error" and fragment in window.banner.text()
    assert {s.key: s.value for s in Setting.select()} == db_before
    assert AuditLog.select().count() == audit_before
    others = [k for k, label in screen.errors.items() if label.isVisible() and k != key]
    assert others == []


def test_shift_hours_ending_before_they_start_are_refused_next_to_the_field(qtbot, make_window):
    window = make_window()
    screen = open_settings(qtbot, window)
    posts = screen.editors["shift.posts"]
    ranges = posts.table.cellWidget(1, 2)                    # B岗 10:00-20:00
    assert isinstance(ranges, RangesEditor)
    ranges.ranges[0][0].end.setTime(QTime(9, 0))
    expected = core_reason("shift.posts", posts.get())
    assert "“10:00-09:00”结束不晚于开始" in expected
    assert_refused_inline(window, screen, "shift.posts", expected)


def test_a_duplicate_post_code_is_refused_next_to_the_field(qtbot, make_window):
    window = make_window()
    screen = open_settings(qtbot, window)
    posts = screen.editors["shift.posts"]
    posts.table.cellWidget(1, 0).setText("A")
    assert_refused_inline(window, screen, "shift.posts", "岗位代码“A”重复了")


def test_money_with_three_decimals_is_refused_next_to_the_field(qtbot, make_window):
    window = make_window()
    screen = open_settings(qtbot, window)
    money = screen.editors["dayclose.cash_float_fen"]
    money.edit.setText("12.345")
    assert_refused_inline(window, screen, "dayclose.cash_float_fen", "最多两位小数")
    # corrected: saved in fen, audited, the reason goes
    money.edit.setText("12.34")
    screen.save()
    assert window.banner.level == "ok"
    assert settings.get("dayclose.cash_float_fen") == 1234
    assert not screen.errors["dayclose.cash_float_fen"].isVisible()
    row = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert row.action == "settings.update" and row.entity_id == "dayclose.cash_float_fen"


def test_opening_hours_end_before_start_shows_the_core_reason(qtbot, make_window):
    window = make_window()
    screen = open_settings(qtbot, window)
    screen.editors["outlet.opening_hours"].end.setTime(QTime(7, 0))
    assert_refused_inline(window, screen, "outlet.opening_hours", "“08:00-07:00”结束不晚于开始")


def test_two_bad_fields_are_both_shown_and_nothing_is_saved(qtbot, make_window):
    window = make_window()
    screen = open_settings(qtbot, window)
    screen.editors["outlet.name"].setText("新名字")
    screen.editors["dayclose.cash_float_fen"].edit.setText("12,5")
    screen.editors["waybill.bag_rules"].table.cellWidget(0, 1).setText("X4")
    screen.save()
    assert screen.errors["dayclose.cash_float_fen"].isVisible()
    assert "开头（prefix）应是 1–6 位数字" in screen.errors["waybill.bag_rules"].text()
    assert window.banner.level == "error" and "2" in window.banner.text()
    assert settings.get("outlet.name") != "新名字"


# -- editing ---------------------------------------------------------------------------------------
def test_manager_adds_a_time_range_and_a_duty_row_and_saves(qtbot, make_window):
    window = make_window()
    screen = open_settings(qtbot, window)
    posts = screen.editors["shift.posts"]
    ranges = posts.table.cellWidget(1, 2)
    ranges.ranges[0][0].end.setTime(QTime(14, 0))
    qtbot.mouseClick(ranges.add_button, Qt.LeftButton)
    ranges.ranges[1][0].start.setTime(QTime(15, 0))
    ranges.ranges[1][0].end.setTime(QTime(0, 0))          # 00:00 as an end is midnight
    duty = screen.editors["duty.templates"]
    rows_before = duty.table.rowCount()
    duty.table.selectRow(rows_before - 1)
    qtbot.mouseClick(duty.add_button, Qt.LeftButton)
    duty.table.cellWidget(rows_before, 0).setText("X01")
    duty.table.cellWidget(rows_before, 3).setText("锁门")
    duty.table.cellWidget(rows_before, 2).setTime(QTime(20, 0))
    screen.save()
    assert window.banner.level == "ok", window.banner.text()
    assert settings.get("shift.posts")[1]["hours"] == ["10:00-14:00", "15:00-24:00"]
    last = settings.get("duty.templates")[-1]
    assert last == {"id": "X01", "post": last["post"], "time": "20:00", "text": "锁门"}
    assert AuditLog.select().where(AuditLog.action == "settings.update").count() >= 2


def test_clerk_sees_the_rules_but_cannot_change_them(qtbot, make_window):
    window = make_window()
    screen = open_settings(qtbot, window, ("张丽", "1111"))
    assert screen.editors["outlet.code"].isReadOnly()
    assert not screen.editors["leave.keep_staffed"].isEnabled()
    assert screen.editors["signoff.cutoff"].isReadOnly()
    posts = screen.editors["shift.posts"]
    assert not posts.add_button.isEnabled()
    assert posts.table.cellWidget(0, 0).isReadOnly()
    assert not screen.save_button.isEnabled()


def test_the_wheel_scrolls_the_page_past_an_unfocused_spin_box(qtbot, make_window):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication
    window = make_window()
    screen = open_settings(qtbot, window)
    spin = screen.editors["storage.days"]
    spin.clearFocus()
    ev = QWheelEvent(QPointF(5, 5), QPointF(spin.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                     QPoint(0, -120), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(spin, ev)
    assert spin.value() == 7


# -- invariants ------------------------------------------------------------------------------------
@pytest.fixture
def demo_db(demo_home):
    open_database(demo_home / "outlet.db")
    yield
    close_database()


_minutes = st.integers(min_value=0, max_value=24 * 60)


@st.composite
def post_lists(draw):
    """Valid posts: distinct codes, each with 1–3 non-overlapping ranges inside the day."""
    codes = draw(st.lists(st.sampled_from("ABCDEFG"), min_size=1, max_size=4, unique=True))
    out = []
    for code in codes:
        cuts = sorted(draw(st.lists(_minutes, min_size=2, max_size=6, unique=True)))
        pairs = [(a, b) for a, b in zip(cuts[::2], cuts[1::2])]
        hours = [f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in pairs]
        out.append({"code": code, "name": code + "岗", "hours": hours})
    return out


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=post_lists())
def test_any_valid_posts_round_trip_through_the_table(qtbot, demo_db, value):
    spec = settings.specs()["shift.posts"]
    assert settings.coerce(spec, value) == value
    editor = editor_for(spec)
    qtbot.addWidget(editor)
    editor.set(value)
    assert editor.get() == value


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fen=st.integers(min_value=0, max_value=MAX_FEN))
def test_any_amount_round_trips_through_the_money_editor(qtbot, fen):
    editor = editor_for(settings.specs()["dayclose.cash_float_fen"])
    qtbot.addWidget(editor)
    editor.set(fen)
    assert editor.get() == fen
    assert not literal_in(editor.edit.text())


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"),
                                                       blacklist_characters=",，"),
                              min_size=1, max_size=6), max_size=8))
def test_any_list_of_words_round_trips_through_its_line(qtbot, items):
    editor = editor_for(settings.specs()["outlet.carriers"])
    qtbot.addWidget(editor)
    editor.set(items)
    assert editor.get() == items


def test_a_bad_stored_value_is_shown_at_its_field_and_saving_fixes_it(qtbot, make_window):
    """Issue 17's banner says 请店长在“设置”里改正: the manager finds the field, and saving what is
    shown (the default the outlet runs on) replaces the bad stored value."""
    from .test_shell import _write_straight_into_the_database
    window = make_window()
    _write_straight_into_the_database(window.ctx.home, {
        "shift.posts": [{"code": "A", "name": "A岗", "hours": ["08:00-12:00", "14:30-24:30"]}]})
    screen = open_settings(qtbot, window)
    error = screen.errors["shift.posts"]
    assert error.isVisible() and "“14:30-24:30”超出了一天" in error.text()
    assert screen.editors["shift.posts"].get() == settings.specs()["shift.posts"].default
    screen.save()
    assert window.banner.level == "ok", window.banner.text()
    assert settings.problems() == []
    assert not screen.errors["shift.posts"].isVisible()


def test_in_english_mode_the_editors_speak_english_and_keep_their_values(qtbot, make_window):
    window = make_window()
    screen = open_settings(qtbot, window)
    before = {k: e.get() for k, e in screen.editors.items()}
    screen.language.setCurrentIndex(screen.language.findData("en"))
    qtbot.waitUntil(lambda: screen.save_button.text() == "Save outlet settings")
    posts = screen.editors["shift.posts"]
    assert [posts.table.horizontalHeaderItem(c).text() for c in range(3)] == ["Code", "Name", "Hours"]
    assert posts.add_button.text() == "Add a row"
    assert screen.editors["shelves.rule"].currentText() == "With the customer's other parcels"
    assert screen.editors["duty.templates"].table.cellWidget(2, 4).currentText() == "Problem parcels reviewed"
    assert screen.labels["dayclose.cash_float_fen"].text() == "Cash float left in the drawer (yuan)"
    assert {k: e.get() for k, e in screen.editors.items()} == before
    screen.language.setCurrentIndex(screen.language.findData("zh_CN"))
    qtbot.waitUntil(lambda: posts.add_button.text() == "添加一行")
