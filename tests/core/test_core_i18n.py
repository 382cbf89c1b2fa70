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

from outlet_desk import audit, i18n, permissions, settings
from outlet_desk.errors import OutletError, PermissionDenied
from outlet_desk.services import upload

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
    from outlet_desk.services import signoff

    from ..factories import make_parcel
    make_parcel("YT0000000000001", status=Parcel.RELEASED, released_at=NOW, signer_type="本人")
    signoff.sign(flt=None, actor=clerk, now=NOW)
    r = upload.drain_once(clock=lambda: NOW)
    assert r.error.startswith("Upload failed: cannot connect") and not CJK.search(r.error)


def test_a_clerk_is_refused_the_audit_log_in_english(english, clerk):
    with pytest.raises(PermissionDenied, match="^Only the manager may read the audit log.$"):
        audit.browse(actor=clerk)


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
