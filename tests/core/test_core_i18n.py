"""English mode for the core's messages (gettext, outlet_desk/i18n.py).

Issue 18, "English everywhere in English mode": the foundation modules, the command line and every
operation's label (its refusal) are in the catalog; the services' own messages are marked by
capability (tests/core/test_core_i18n_<area>.py).
"""
import datetime as dt
import re
from pathlib import Path

import httpx
import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import settings as settings_hyp
from hypothesis import strategies as st

from outlet_desk import audit, audit_text, i18n, permissions, settings
from outlet_desk.errors import OutletError, PermissionDenied, ValidationError
from outlet_desk.signoff import upload

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
PO = Path(i18n.catalog_dir()) / "en" / "LC_MESSAGES" / "outlet_desk.po"
NOW = dt.datetime(2026, 6, 7, 11, 0)


@pytest.fixture
def english():
    assert i18n.set_language("en")
    yield
    i18n.set_language(i18n.DEFAULT)


def test_chinese_is_the_default_and_needs_no_catalog():
    assert i18n.language() == "zh_CN"
    assert upload.failure_reason(httpx.ConnectError("x")).startswith("连不上")


def test_a_language_without_a_catalog_falls_back_to_chinese():
    assert not i18n.set_language("fr")
    assert i18n.language() == "zh_CN" and "连不上" in upload.failure_reason(httpx.ConnectError("x"))


def test_every_marked_message_has_english_with_the_same_fields():
    with open(PO, "rb") as f:
        catalog = read_po(f, locale="en")
    messages = [m for m in catalog if m.id]
    assert len(messages) >= 20
    for m in messages:
        assert m.string and not CJK.search(m.string), m.id
        assert set(re.findall(r"\{(\w+)\}", m.id)) == set(re.findall(r"\{(\w+)\}", m.string)), m.id


def test_the_compiled_catalog_matches_the_po():
    import gettext
    with open(PO, "rb") as f:
        catalog = read_po(f, locale="en")
    mo = gettext.translation(i18n.DOMAIN, localedir=str(i18n.catalog_dir()), languages=["en"])
    stale = [m.id for m in catalog if m.id and mo.gettext(m.id) != m.string]
    assert not stale, "run python tools/core_i18n.py: " + repr(stale[:3])


def test_upload_failures_read_in_english(english, clerk, manager):
    for exc in (httpx.ConnectError("x"), httpx.ReadTimeout("t"), httpx.UnsupportedProtocol("u")):
        reason = upload.failure_reason(exc)
        assert reason and not CJK.search(reason), reason
    settings.update({"upload.url": "http://127.0.0.1:9/api/v1/records",
                     "upload.timeout_seconds": 1}, actor=manager, now=NOW)
    from outlet_desk.models import Parcel
    from outlet_desk.signoff import signoff

    from ..factories import make_parcel
    make_parcel("YT0000000000001", status=Parcel.RELEASED, released_at=NOW, signer_type="本人")
    signoff.sign(flt=None, actor=clerk, now=NOW)
    r = upload.drain_once(clock=lambda: NOW)
    assert r.error.startswith("Upload failed: cannot connect") and not CJK.search(r.error)


def test_a_clerk_is_refused_the_audit_log_in_english(english, clerk):
    with pytest.raises(PermissionDenied, match="^Only the manager may read the audit log.$"):
        audit_text.browse(actor=clerk)


def test_no_chinese_core_message_in_english_mode(english, clerk):
    """The goal: whatever the core refuses, it says it in English in English mode."""
    said = []
    for name, op in sorted(permissions.load_all_operations().items()):
        if op.roles == permissions.MANAGER_ONLY:
            try:
                permissions.check(clerk, name)
            except OutletError as exc:
                said.append(str(exc))
    assert said
    chinese = [s for s in said if CJK.search(s)]
    assert not chinese, chinese[:5]


# -- the foundation modules, the command line, the audit log (issue 18) -------------------------
ROOT = Path(__file__).resolve().parents[2]
FOUNDATION = ["permissions.py", "settings.py", "audit.py", "audit_text.py", "db.py", "datafiles.py",
              "tables.py", "fen.py", "businessday.py", "files.py", "errors.py", "scan.py",
              "privacy.py", "dates.py", "logs.py", "voice.py", "cli.py", "migrations.py", "i18n.py",
              "commands", "printing"]


def _core_i18n_tool():
    import importlib.util
    spec = importlib.util.spec_from_file_location("core_i18n_tool", ROOT / "tools" / "core_i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_chinese_text_in_the_core_is_a_message_or_marked_data():
    """The whole core, every capability and the foundation: each Chinese text is a catalog message
    (``_``/``N_``) or marked data (``# zh-data``), so none reaches an English screen unnoticed."""
    assert all((ROOT / "outlet_desk" / name).exists() for name in FOUNDATION)
    found = _core_i18n_tool().unmarked([ROOT / "outlet_desk"])
    assert found == [], found[:5]


def test_the_check_finds_an_unmarked_message(tmp_path):
    """The check above can fail: a new refusal written without _() is found."""
    module = tmp_path / "new_service.py"
    module.write_text('def f(x):\n    raise ValueError(f"没有这个包裹：{x}")\n', encoding="utf-8")
    found = _core_i18n_tool().unmarked([module])
    assert [line for _path, line, _text in found] == [2]


def test_a_bad_setting_is_refused_in_english(english, manager):
    with pytest.raises(ValidationError, match=r'^"Storage period \(days\)" cannot be less than 1\.$'):
        settings.update({"storage.days": 0}, actor=manager, now=NOW)
    # a check given the 中文 field name (as the services pass it) names the field in English
    with pytest.raises(ValidationError) as exc:
        settings.update({"outlet.opening_hours": "20:00-08:00"}, actor=manager, now=NOW)
    assert str(exc.value) == 'In "Opening hours", "20:00-08:00" does not end after it starts.'
    for bad in ({"outlet.name": ""}, {"outlet.code": "8 03"}, {"outlet.open_weekdays": [0]},
                {"outlet.carriers": ["中通", "中通"]}, {"no.such.key": 1}):
        with pytest.raises(ValidationError) as exc:
            settings.update(bad, actor=manager, now=NOW)
        assert not CJK.search(str(exc.value).replace("中通", "")), exc.value
    assert settings.get("storage.days") == 7          # nothing changed


def test_a_bad_setting_is_still_refused_in_chinese(manager):
    with pytest.raises(ValidationError, match="^“保管期（天）”不能小于 1。$"):
        settings.update({"storage.days": 0}, actor=manager, now=NOW)


def test_the_audit_log_reads_in_english(english, manager):
    settings.update({"storage.days": 5}, actor=manager, now=NOW)
    lines = audit_text.describe(audit_text.browse(actor=manager, action="settings"))
    assert [(line.action_label, line.record, line.detail) for line in lines] == [
        ("Change outlet settings", "Setting Storage period (days)", "New: 5; Old: 7")]
    assert audit_text.detail_text({"amount_fen": 8400, "method": "cash"}) == \
        "Amount: 84.00 yuan; Method: Cash"
    # the F12 filter takes the English name, and the Chinese one still
    assert "settings.update" in audit_text.actions_matching("outlet settings")
    assert "settings.update" in audit_text.actions_matching("网点设置")
    # audit verify says it in English too
    assert audit.verify().message().startswith("The audit log is intact:")


def test_a_closed_day_refuses_in_english(english, clerk, clerk_b, manager):
    from outlet_desk import businessday
    from outlet_desk.errors import DayLocked
    from outlet_desk.inbound import pickup

    from ..factories import make_parcel
    from .test_guarantees import DAY, _close, at
    p = make_parcel("ZT1000000000003", phone="13812341234", arrived_at=at(DAY, 9))
    _close(DAY, clerk, clerk_b, manager)
    assert businessday.notice(at(DAY, 20)) == "Today is closed: work from now on counts on 8 Jun"
    settings.update({"dayclose.after_close": "refuse"}, actor=manager, now=at(DAY, 20))
    with pytest.raises(DayLocked, match="^7 Jun is closed: this outlet does no more work after the "
                                        "close. Please do it on the next business day.$"):
        pickup.release([p.id], code=p.pickup_code, tail="1234", actor=clerk, now=at(DAY, 20))


def test_dates_read_in_english(english):
    from outlet_desk.dates import md, md_range
    assert md(dt.date(2026, 6, 8)) == "8 Jun"
    assert md_range(dt.date(2026, 12, 30), dt.date(2027, 1, 2)) == "30 Dec-2 Jan"
    i18n.set_language(i18n.DEFAULT)
    assert md(dt.date(2026, 6, 8)) == "6月8日"


def test_the_command_line_prints_english_with_lang_en(tmp_path, capsys, monkeypatch):
    from outlet_desk import cli
    monkeypatch.delenv(cli.ENV_LANG, raising=False)
    assert cli.main(["--home", str(tmp_path), "--lang", "en", "roles"]) == 0
    out = capsys.readouterr().out
    assert "settings.update                  Manager Change outlet settings" in out
    assert not CJK.search(out), [line for line in out.splitlines() if CJK.search(line)][:3]
    # a refusal, on stderr, in English; the language is back to Chinese afterwards
    assert cli.main(["--home", str(tmp_path / "empty"), "--lang", "en", "stockcheck", "last"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("outlet-desk: There is no database in ") and not CJK.search(err)
    assert i18n.language() == i18n.DEFAULT
    # $OUTLET_DESK_LANG does the same; without either the command line stays Chinese
    monkeypatch.setenv(cli.ENV_LANG, "en")
    cli.main(["--home", str(tmp_path), "roles"])
    assert not CJK.search(capsys.readouterr().out)
    monkeypatch.delenv(cli.ENV_LANG)
    cli.main(["--home", str(tmp_path), "roles"])
    assert "修改网点设置" in capsys.readouterr().out


_TYPED = st.text(alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x7f) | st.sampled_from(
    "元¥，。１２．５-−"), max_size=12)


@settings_hyp(max_examples=150, deadline=None)
@given(text=_TYPED)
def test_a_refused_amount_is_english_whatever_was_typed(text):
    """Invariant: in English mode a refusal of a typed amount has no Chinese of its own (only what
    the person typed, quoted back)."""
    from outlet_desk.fen import parse_yuan
    i18n.set_language("en")
    try:
        parse_yuan(text)
    except ValidationError as exc:
        said = str(exc).replace(text, "")
        assert said and not CJK.search(said), said
    finally:
        i18n.set_language(i18n.DEFAULT)


def test_every_operation_and_audit_action_has_an_english_name(english):
    """F12 and ``outlet-desk roles`` name every operation; in English mode none is left in Chinese."""
    from outlet_desk import audit_text
    ops = permissions.load_all_operations()
    names = sorted(set(ops) | set(audit_text.ACTION_LABELS))
    chinese = [(n, audit_text.action_label(n)) for n in names if CJK.search(audit_text.action_label(n))]
    assert not chinese, chinese[:5]
    assert ops["pickup.release"].title == "Pickup release"
    i18n.set_language(i18n.DEFAULT)
    assert ops["pickup.release"].title == "取件出库"
