"""Settings are checked when they are saved; a bad stored value never breaks a rule (issue 17)."""
import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from outlet_desk import settings, status
from outlet_desk.db import write_tx
from outlet_desk.errors import ValidationError
from outlet_desk.models import Setting
from outlet_desk.permissions import SYSTEM
from outlet_desk.shifts import roster, tasks

NOW = dt.datetime(2026, 6, 7, 9, 30)
A = {"code": "A", "name": "A岗", "hours": ["08:00-12:00", "14:30-20:00"]}
B = {"code": "B", "name": "B岗", "hours": ["10:00-20:00"]}


def save(key, value):
    settings.update({key: value}, actor=SYSTEM, now=NOW)


def refused(key, value, *fragments):
    before = settings.get(key)
    with pytest.raises(ValidationError) as err:
        save(key, value)
    message = str(err.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    assert settings.get(key) == before
    return message


@pytest.mark.parametrize("hours,fragment", [
    (["08:00-12:00", "14:30-24:30"], "“14:30-24:30”超出了一天"),
    (["20:00-10:00"], "“20:00-10:00”结束不晚于开始"),
    (["10:00-10:00"], "结束不晚于开始"),
    (["08:75-12:00"], "超出了一天"),
    (["8点-12点"], "应写成 08:00-12:00"),
    (["08:00-12:00", "11:00-14:00"], "重叠"),
    ([], "没有设置时间"),
])
def test_shift_hours_that_are_not_a_day_are_refused_naming_the_field(db, hours, fragment):
    refused("shift.posts", [{**A, "hours": hours}, B], "“岗位与时间”", fragment)


def test_duplicate_post_codes_are_refused(db):
    refused("shift.posts", [A, {**B, "code": "A"}], "“岗位与时间”里岗位代码“A”重复了")
    refused("shift.posts", '[{"code": "", "hours": ["08:00-12:00"]}]', "要有代码")
    refused("shift.posts", '{"code": "A"}', "岗位的列表")


def test_good_posts_are_saved(db):
    save("shift.posts", [A, {**B, "hours": ["10:00-24:00"]}])
    assert [p.code for p in roster.posts()] == ["A", "B"] and roster.posts()[1].end == 24 * 60


@pytest.mark.parametrize("row,fragment", [
    ({"id": "X", "post": "C", "time": "08:00", "text": "x"}, "岗位只能是"),
    ({"id": "X", "post": "A", "time": "25:00", "text": "x"}, "时间应写成 08:00"),
    ({"id": "X", "post": "A", "time": "08:00", "text": ""}, "没有写内容"),
    ({"id": "X", "post": "A", "time": "08:00", "text": "x", "key": "nope"}, "自动勾选事件"),
])
def test_duty_checklist_is_checked(db, row, fragment):
    refused("duty.templates", [row], fragment)
    refused("duty.templates", "[1, 2]", "“每日工作清单”")


def test_custom_carrier_patterns_must_compile_and_match_their_example(db):
    refused("waybill.custom_patterns", [{"carrier": "丰网", "regex": "^FW(\\d{12}$", "example": "FW123456789012"}],
            "“自定义单号规则”第 1 条的正则写错了")
    refused("waybill.custom_patterns", [{"carrier": "丰网", "regex": "^FW\\d{12}$", "example": "FW1234"}],
            "“自定义单号规则”第 1 条的例子“FW1234”不符合")
    refused("waybill.custom_patterns", [{"regex": "^FW\\d{12}$", "example": "FW123456789012"}], "快递公司")
    good = [{"carrier": "丰网", "regex": "^FW\\d{12}$", "example": "FW123456789012"}]
    save("waybill.custom_patterns", good)
    assert settings.get("waybill.custom_patterns") == good


@pytest.mark.parametrize("key,label", [("sms.template_notify", "短信模板：到件通知"),
                                       ("sms.template_reminder", "短信模板：催取提醒"),
                                       ("notify.call_template", "通知话术")])
def test_message_templates_use_known_placeholders_only(db, key, label):
    refused(key, "【{outlet}】您的包裹{code}已到", f"“{label}”里的占位符“{{code}}”不认识", "{codes}")
    refused(key, "【{outlet】您的包裹已到", f"“{label}”的花括号不成对")
    save(key, "【{outlet}】{name}您好，{count}个包裹，取件码{codes}，{deadline}前到{address}取（{hours}）")


def test_rates_and_deadlines_are_whole_positive_numbers(db):
    hours = settings.get("tickets.deadline_hours")
    refused("tickets.deadline_hours", {**hours, "延误": 0}, "“各类工单处理时限（小时）”里“延误”的值应是")
    refused("tickets.deadline_hours", {**hours, "延误": "48"}, "“延误”的值应是")
    refused("tickets.deadline_hours", {**hours, "投诉": 24}, "“投诉”不认识")
    refused("threeday.promise_hours", {"同城": -24, "省内": 48, "跨省": 48}, "“时效承诺（小时）”里“同城”")
    refused("dayclose.cash_float_fen", "-100", "不能小于 0")


def test_opening_hours_and_weekdays(db):
    refused("outlet.opening_hours", "08:00-24:30", "“营业时间”里的“08:00-24:30”超出了一天")
    refused("outlet.opening_hours", "20:00-08:00", "结束不晚于开始")
    refused("outlet.open_weekdays", "1,2,8", "1–7")
    save("outlet.opening_hours", "07:30-21:00")
    assert settings.get("outlet.opening_hours") == "07:30-21:00"


def test_pickup_code_format(db, clerk):
    """Review: a manager could save "{bogus}", "{shelf", "固定" (every code the same, no shelf) or
    "{level:>99999}"; it was stored without a word and every scan quietly used the default format
    (or a code 100,000 characters long, or "固定", "固定-2" … with no shelf to look on)."""
    refused("pickup.code_format", "{bogus}", "“取件码格式”里的“{bogus}”不认识")
    refused("pickup.code_format", "{shelf", "花括号不成对")
    refused("pickup.code_format", "固定", "必须含 {shelf}")
    refused("pickup.code_format", "{shelf.__class__}", "不认识")
    refused("pickup.code_format", "{shelf}-{level:>99999}", "不认识")
    refused("pickup.code_format", "{shelf}-{waybill}-{waybill}", "太长")
    save("pickup.code_format", "{shelf}{level}-{tail3}")
    from outlet_desk.inbound import intake
    r = intake.receive_parcel("SF1428397650166", actor=clerk, now=NOW)
    assert r.pickup_code.endswith("-166") and len(r.pickup_code) <= 8


def test_addresses_names_and_the_outlet_code(db):
    """Review: "not a url", "ftp://x" and "http://" were saved as the upload address (every upload
    then failed with "UnsupportedProtocol"); an empty outlet code or name, or one with a line break,
    was saved and sent to head office with every batch."""
    refused("upload.url", "not a url", "“总部上传地址”应是 http:// 或 https://")
    refused("upload.url", "ftp://10.0.0.5/records", "“总部上传地址”")
    refused("upload.url", "http://", "“总部上传地址”")
    refused("upload.url", "http://hq:99999/records", "“总部上传地址”")
    refused("sms.url", "javascript:alert(1)", "“短信网关地址”")
    refused("outlet.code", "", "“网点编码”不能是空的")
    refused("outlet.code", "8 03", "“网点编码”中间不能有空格")
    refused("outlet.name", "幸福路\n网点", "“网点名称”只能写一行")
    refused("outlet.name", "网" * 41, "“网点名称”最多 40 个字")
    save("upload.url", " https://hq.example.com:8443/api/v1/records ")
    save("sms.url", "")
    save("outlet.code", " 805 ")
    assert settings.get("upload.url") == "https://hq.example.com:8443/api/v1/records"
    assert settings.get("outlet.code") == "805" and settings.get("sms.url") == ""


def _write_straight(key, value):
    with write_tx():
        Setting.insert(key=key, value=json.dumps(value, ensure_ascii=False), updated_at=NOW).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: json.dumps(value, ensure_ascii=False)}).execute()
    settings._invalidate()          # as when another program wrote it


def test_a_bad_stored_value_falls_back_to_its_default_and_is_reported(db, clerk):
    _write_straight("shift.posts", [{"code": "A", "hours": ["14:30-24:30"]}, {"code": "A", "hours": ["10:00-20:00"]}])
    _write_straight("storage.days", 0)
    _write_straight("duty.templates", "not a list")
    assert settings.get("shift.posts") == settings.specs()["shift.posts"].default
    assert [p.code for p in roster.posts()] == ["A", "B"]
    assert tasks.templates() and status.snapshot(clerk, now=NOW).clerk == clerk.name
    assert settings.get("storage.days") == 7
    problems = settings.problems()
    assert len(problems) == 3
    assert problems[0].startswith("设置有误：“保管期（天）”不能小于 1")
    assert any("“岗位与时间”里的“14:30-24:30”超出了一天" in p for p in problems)
    assert all("已暂用默认值" in p for p in problems)
    # the manager saves a good value (even the default): it is written and the problem goes
    save("shift.posts", settings.specs()["shift.posts"].default)
    assert len(settings.problems()) == 2


JSON = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                    max_leaves=12)


@given(key=st.sampled_from(sorted(settings.specs())), value=JSON)
@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_whatever_is_stored_a_setting_reads_as_a_value_that_passes_its_check(db, key, value):
    _write_straight(key, value)
    try:
        got = settings.get(key)
        spec = settings.specs()[key]
        settings.coerce(spec, got)                       # raises if a screen could trip on it
        if spec.kind != "json":
            assert isinstance(got, type(spec.default))
        assert len(settings.problems()) <= 1
    finally:
        with write_tx():
            Setting.delete().where(Setting.key == key).execute()
        settings._invalidate()


def test_a_pickup_code_format_with_an_unknown_field_is_refused_naming_it(db, manager):
    """Issue 17: a typo such as {shlef} silently fell back to the default code shape."""
    import datetime as dt

    from outlet_desk import settings
    from outlet_desk.errors import ValidationError
    now = dt.datetime(2026, 6, 7, 9, 0)
    with pytest.raises(ValidationError, match="取件码格式"):
        settings.update({"pickup.code_format": "{shlef}-{level}-{tail4}"}, actor=manager, now=now)
    assert settings.get("pickup.code_format") == "{shelf}-{level}-{tail4}"
    settings.update({"pickup.code_format": "{shelf}{level}-{seq}"}, actor=manager, now=now)
    assert settings.get("pickup.code_format") == "{shelf}{level}-{seq}"


# -- review of issue 17: settings that still took anything -------------------------------------
@pytest.mark.parametrize("key,value,reason", [
    ("waybill.custom_patterns", [{"carrier": "顺丰", "regex": "^.*$", "example": "x"}], "太宽"),
    ("waybill.custom_patterns", [{"carrier": "丰网", "regex": "^[A-Z0-9]+$", "example": "FW12"}], "太宽"),
    ("waybill.default_carrier", "火星快递", "不认识"),
    ("waybill.bag_rules", [{"carrier": "火星快递", "prefix": "4", "lengths": [13]}], "不认识"),
    ("shelves.names", ["1", "2", "2"], "两次"),
    ("shelves.names", ["1", ""], "空的"),
    ("shelves.names", ["A-1"], "不能含"),
    ("outlet.carriers", ["中通", "中通"], "两次"),
    ("outlet.carriers", [], "至少"),
])
def test_settings_that_took_anything_are_refused_naming_the_field(db, manager, key, value, reason):
    import datetime as dt

    from outlet_desk import settings
    from outlet_desk.errors import ValidationError
    before = settings.get(key)
    with pytest.raises(ValidationError, match=reason):
        settings.update({key: value}, actor=manager, now=dt.datetime(2026, 6, 7, 9, 0))
    assert settings.get(key) == before


def test_a_garbage_scan_never_becomes_a_parcel_through_a_custom_pattern(db, manager):
    """The review set 顺丰 = ^.*$ and then scanned "ABCDEFGHIJ": now such a pattern is refused,
    and a narrow one still works."""
    import datetime as dt

    from outlet_desk import settings, waybill
    now = dt.datetime(2026, 6, 7, 9, 0)
    settings.update({"outlet.carriers": settings.get("outlet.carriers") + ["丰网"]}, actor=manager, now=now)
    settings.update({"waybill.custom_patterns": [{"carrier": "丰网", "regex": r"^FW\d{12}$",
                                                  "example": "FW123456789012"}]}, actor=manager, now=now)
    assert waybill.recognize("FW123456789012",
                             custom=settings.get("waybill.custom_patterns")).carrier == "丰网"
    settings.update({"waybill.default_carrier": "丰网"}, actor=manager, now=now)   # now it is known
