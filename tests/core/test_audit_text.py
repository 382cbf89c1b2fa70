"""The audit log reads in Chinese (F12): operation names, the record touched, the detail."""
import ast
import datetime as dt
import re
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from outlet_desk import audit_text, settings
from outlet_desk.inbound import pickup
from outlet_desk.permissions import load_all_operations

from ..factories import make_parcel

NOW = dt.datetime(2026, 6, 7, 9, 30)
ROOT = Path(__file__).resolve().parents[2] / "outlet_desk"
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{3,}")


def _written_codes():
    """Every action code and entity name the core writes into the log (read from the source)."""
    actions, entities = set(), set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "record" \
                    and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                actions.add(node.args[1].value)
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "entity" and isinstance(kw.value, ast.Constant):
                        entities.add(kw.value.value)
            if isinstance(node, ast.Dict):
                for k, v in zip(node.keys, node.values):
                    if isinstance(k, ast.Constant) and isinstance(v, ast.Constant) \
                            and k.value in ("action", "entity") and isinstance(v.value, str):
                        (actions if k.value == "action" else entities).add(v.value)
    return actions, entities - {""}


def test_every_operation_and_every_logged_action_has_a_chinese_name():
    actions, _ = _written_codes()
    assert len(actions) > 20
    names = set(load_all_operations()) | actions
    missing = sorted(a for a in names if not CJK.search(audit_text.action_label(a)))
    assert not missing, missing


def _detail_keys():
    """The keys of every detail dict written into the log as a literal (``detail={...}``)."""
    keys = set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            dicts = []
            if isinstance(node, ast.Call):
                dicts += [kw.value for kw in node.keywords
                          if kw.arg == "detail" and isinstance(kw.value, ast.Dict)]
            if isinstance(node, ast.Dict):
                dicts += [v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)
                          and k.value == "detail" and isinstance(v, ast.Dict)]
            for d in dicts:
                keys.update(k.value for k in d.keys if isinstance(k, ast.Constant))
    return keys


def test_every_detail_key_written_has_a_chinese_name():
    keys = _detail_keys()
    assert {"fen", "waybills", "method"} <= keys
    missing = sorted(k for k in keys if k not in audit_text.DETAIL_LABELS)
    assert not missing, missing


def test_every_logged_entity_has_a_chinese_name():
    _, entities = _written_codes()
    assert "parcel" in entities and len(entities) > 15
    missing = sorted(e for e in entities if e not in audit_text.ENTITY_LABELS)
    assert not missing, missing


def test_a_release_reads_as_the_waybill_not_the_row_number(db, clerk, manager):
    p = make_parcel("SF1234567890123", code="3-2-1234")
    pickup.release([p.id], code="3-2-1234", tail="1234", actor=clerk, now=NOW)
    settings.update({"outlet.name": "东门网点"}, actor=manager, now=NOW)
    lines = audit_text.describe(audit_text.browse(actor=manager))
    release = next(x for x in lines if x.action == "pickup.release")
    assert release.record == "包裹 SF1234567890123"
    assert release.action_label == audit_text.load_all_operations()["pickup.release"].label
    setting = next(x for x in lines if x.action == "settings.update")
    assert setting.record.startswith("设置")
    for line in lines:
        assert not ENGLISH.search(line.action_label + line.record), line


def test_a_login_names_the_person(db, clerk, manager):
    rows = [audit_text.AuditRow(1, NOW, "张丽", "staff.login", "staff", str(clerk.id), "{}")]
    line = audit_text.describe(rows)[0]
    assert (line.action_label, line.record) == ("登录", f"员工 {clerk.name}")


def test_cash_counts_read_as_yuan():
    text = audit_text.detail_text({"counted": {"微信": 5600}, "denominations": {"100": 4, "5000": 1}})
    assert text == "清点：微信 56.00 元；面额：1.00 元×4，50.00 元×1"


def test_a_batch_sign_off_reads_as_a_number_of_parcels():
    assert audit_text.record_text("parcel", "15", "signoff.sign") == "包裹 15 件"
    assert audit_text.record_text("parcel", "2046", "pickup.release", {2046: "YT1"}) == "包裹 YT1"


def test_the_detail_reads_in_chinese():
    text = audit_text.detail_text('{"kind":"sending_fee","method":"现金","fen":8400,'
                                  '"cleared_confirmations":false,"old_g":null,'
                                  '"fingerprint":"6127f495774241b569cdff5297a34ef6f3"}')
    assert text == "类别：寄件费；方式：现金；金额：84.00 元；清除了确认：否；原重量：—；指纹：6127f495…"


def test_the_filter_finds_an_action_by_its_chinese_name(db, clerk, manager):
    p = make_parcel("SF1234567890124", code="3-2-1234")
    pickup.release([p.id], code="3-2-1234", tail="1234", actor=clerk, now=NOW)
    label = audit_text.action_label("pickup.release")
    found = audit_text.browse(actor=manager, action=label)
    assert [r.action for r in found] == ["pickup.release"]
    assert [r.action for r in audit_text.browse(actor=manager, action="pickup.")] == ["pickup.release"]


@hsettings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(audit_text.DETAIL_LABELS)),
                       st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9),
                                 st.sampled_from(sorted(audit_text.VALUE_LABELS)),
                                 st.lists(st.integers(0, 99), max_size=3)), max_size=6))
def test_known_keys_and_code_words_never_show_english(detail):
    assert not ENGLISH.search(audit_text.detail_text(detail).replace("CRM", ""))
