"""English mode for returns, evidence, claims, sign-off, delivery, the outbox and the upload
(issue 18): real refusals and results of these services read in English, with no Chinese, except
words that are data (a return's reason, head office's own reason) — and the data stays Chinese
(the export file for the carrier's client, the signer types sent to head office)."""
import csv
import datetime as dt
import io
import json
import re

import httpx
import pytest
from PIL import Image

from devtools.hqserver import serve_in_thread
from outlet_desk import evidence, i18n, settings
from outlet_desk.errors import OutletError
from outlet_desk.inbound import returns
from outlet_desk.models import Outbox, Parcel
from outlet_desk.signoff import delivery, outbox, signoff, upload
from outlet_desk.tickets import claims, tickets

from ..factories import make_parcel

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
NOW = dt.datetime(2026, 6, 7, 11, 0)


@pytest.fixture
def english():
    assert i18n.set_language("en")
    yield
    i18n.set_language(i18n.DEFAULT)


def refusal(call) -> str:
    """The one line the clerk reads when ``call`` is refused."""
    with pytest.raises(OutletError) as exc:
        call()
    text = str(exc.value)
    assert text and "\n" not in text
    return text


def english_only(text: str, *data: str) -> str:
    """``text`` with no Chinese once the given data words (stored values shown as they are) are
    taken out."""
    rest = text
    for word in data:
        rest = rest.replace(word, "")
    assert not CJK.search(rest), text
    return text


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


# -- returns: the red-label + photo checklist --------------------------------------------------

def test_a_return_without_red_label_and_photo_is_refused_in_english(db, home, clerk, english):
    p = make_parcel("YT1000000000001")
    info = returns.start_return(parcel_id=p.id, kind="return", reason="拒收", actor=clerk, now=NOW,
                                home=home)
    said = refusal(lambda: returns.dispatch(p.waybill, actor=clerk, now=NOW, home=home))
    assert said == "YT1000000000001 cannot go out yet. Missing: Red label stuck on, Photo taken."
    returns.confirm_label(info.id, actor=clerk, now=NOW, home=home)
    said = refusal(lambda: returns.dispatch(p.waybill, actor=clerk, now=NOW, home=home))
    assert said == "YT1000000000001 cannot go out yet. Missing: Photo taken."
    # what the record shows: checklist, kind, destination
    shown = returns.get_return(info.id, home)
    assert [i.label for i in shown.checklist] == ["Red label stuck on", "Photo taken"]
    assert (shown.kind_label, shown.destination) == ("Return", "Sender")
    # the clerk's open items for the handover: only the reason (a stored word) stays Chinese
    [item] = returns.open_items(clerk.id, NOW)
    assert item.title == "Return YT1000000000001 (拒收): missing: Photo taken"


@pytest.mark.parametrize("label,photo_taken,struck", [(a, b, c) for a in (False, True)
                                                      for b in (False, True) for c in (False, True)])
def test_every_incomplete_checklist_of_a_mis_sorted_forward_names_its_items_in_english(
        db, home, clerk, english, label, photo_taken, struck):
    p = make_parcel()
    info = returns.start_return(parcel_id=p.id, kind="forward", reason="错分", dest_code="805",
                                dest_name="City East", actor=clerk, now=NOW, home=home)
    if label:
        returns.confirm_label(info.id, actor=clerk, now=NOW, home=home)
    if photo_taken:
        returns.add_photo(info.id, photo(), actor=clerk, now=NOW, home=home)
    if struck:
        returns.confirm_code_struck(info.id, actor=clerk, now=NOW, home=home)
    missing = ([] if label else ["Red label stuck on"]) + ([] if photo_taken else ["Photo taken"]) \
        + ([] if struck else ['Outlet code "803" struck out'])
    if not missing:
        assert returns.dispatch(p.waybill, actor=clerk, now=NOW, home=home).status == Parcel.FORWARDED
        return
    said = refusal(lambda: returns.dispatch(p.waybill, actor=clerk, now=NOW, home=home))
    assert said == f"{p.waybill} cannot go out yet. Missing: {', '.join(missing)}."
    assert Parcel.get_by_id(p.id).status == Parcel.FORWARDING          # refused: nothing changed


def test_return_refusals_after_dispatch_and_on_bad_input_read_in_english(db, home, clerk, english):
    p = make_parcel("JT1000000000002")
    info = returns.start_return(parcel_id=p.id, kind="return", reason="拒收", actor=clerk, now=NOW,
                                home=home)
    returns.confirm_label(info.id, actor=clerk, now=NOW, home=home)
    returns.add_photo(info.id, photo(), actor=clerk, now=NOW, home=home)
    returns.dispatch(p.waybill, actor=clerk, now=NOW, home=home)
    said = [
        refusal(lambda: returns.dispatch(p.waybill, actor=clerk, now=NOW, home=home)),
        refusal(lambda: returns.confirm_label(info.id, actor=clerk, now=NOW, home=home)),
        refusal(lambda: returns.cancel_return(info.id, "", actor=clerk, now=NOW, home=home)),
        refusal(lambda: returns.cancel_return(info.id, "scanned by mistake", actor=clerk, now=NOW,
                                              home=home)),
        refusal(lambda: returns.start_return(parcel_id=p.id, kind="return", reason="拒收",
                                             actor=clerk, now=NOW, home=home)),
        refusal(lambda: returns.start_return(parcel_id=make_parcel().id, kind="return",
                                             reason="其他", actor=clerk, now=NOW, home=home)),
        refusal(lambda: returns.dispatch("", actor=clerk, now=NOW, home=home)),
        refusal(lambda: returns.red_label_pdf([], now=NOW, home=home)),
    ]
    for text in said:
        english_only(text)
    assert said[0] == "JT1000000000002 is already dispatched (06-07 11:00); do not scan it again."
    assert said[2] == "A cancellation needs a reason."
    assert said[5] == 'With the reason "other", a note is required.'


def test_a_mistyped_waybill_is_asked_about_in_english(db, home, clerk, english):
    make_parcel("YT1234567890123")
    said = refusal(lambda: returns.start_return("YT1234567890124", kind="return", reason="拒收",
                                                actor=clerk, now=NOW, home=home))
    assert said == ("YT1234567890124 was never received at this outlet: is it the customer's own "
                    "parcel, or a mistyped number? Close waybills in stock: YT1234567890123.")


def test_the_parcel_history_written_in_english_mode_stays_chinese(db, home, clerk, english):
    """Stored words are data: a return started in English mode writes the same event text."""
    from outlet_desk.models import ParcelEvent
    p = make_parcel()
    info = returns.start_return(parcel_id=p.id, kind="return", reason="拒收", actor=clerk, now=NOW,
                                home=home)
    returns.confirm_label(info.id, actor=clerk, now=NOW, home=home)
    returns.add_photo(info.id, photo(), actor=clerk, now=NOW, home=home)
    returns.dispatch(p.waybill, actor=clerk, now=NOW, home=home)
    event = ParcelEvent.select().where((ParcelEvent.parcel == p.id)
                                       & (ParcelEvent.kind == ParcelEvent.RETURNED)).get()
    assert event.detail == "拒收 → 寄件人"


# -- sign-off ------------------------------------------------------------------------------------

def test_signing_off_nothing_is_refused_in_english(db, clerk, english):
    said = refusal(lambda: signoff.sign(flt=None, actor=clerk, now=NOW))
    assert said == "The selected batch (all) has no parcels waiting for sign-off."
    flt = signoff.BatchFilter(courier="Liu", category=Parcel.DELIVERY)
    said = refusal(lambda: signoff.sign(flt=flt, actor=clerk, now=NOW))
    assert said == ("The selected batch (courier Liu, category delivery) has no parcels waiting "
                    "for sign-off.")
    english_only(refusal(lambda: signoff.sign(parcel_ids=[], actor=clerk, now=NOW)))
    english_only(refusal(lambda: signoff.sign_scanned("YT9999999999999", actor=clerk, now=NOW)))
    p = make_parcel(status=Parcel.IN_STOCK)
    english_only(refusal(lambda: signoff.sign_scanned(p.waybill, actor=clerk, now=NOW)))


def test_undo_refusals_read_in_english(db, clerk, manager, english):
    p = make_parcel("YT2000000000001", status=Parcel.RELEASED, released_at=NOW, signer_type="本人")
    signoff.sign(flt=None, actor=clerk, now=NOW)
    [row] = signoff.signed(NOW.date())
    assert row.upload_label == "waiting to upload"
    said = refusal(lambda: signoff.reverse(row.signoff_id, "wrong parcel", actor=manager, now=NOW))
    assert said == "This sign-off has not been uploaded yet: just undo it."
    Outbox.update(status=Outbox.SENT, sent_at=NOW).execute()               # head office took it
    said = refusal(lambda: signoff.undo(row.signoff_id, actor=clerk, now=NOW))
    assert said == ("This sign-off has been uploaded to head office: only the manager can correct "
                    "it (with a reason).")
    english_only(refusal(lambda: signoff.reverse(row.signoff_id, "", actor=manager, now=NOW)))
    signoff.reverse(row.signoff_id, "wrong parcel", actor=manager, now=NOW)
    english_only(refusal(lambda: signoff.undo(row.signoff_id, actor=clerk, now=NOW)))
    english_only(refusal(lambda: signoff.undo(999, actor=clerk, now=NOW)))
    assert Parcel.get_by_id(p.id).signed_at is None


def test_the_export_and_what_head_office_gets_stay_chinese_in_english_mode(db, tmp_path, clerk, english):
    make_parcel("YT3000000000001", status=Parcel.RELEASED, released_at=NOW, signer_type="代取")
    signoff.sign(flt=None, actor=clerk, now=NOW)
    body = json.loads(Outbox.select().get().payload)
    assert body["signer_type"] == "代收"
    path = tmp_path / "signoff.csv"
    signoff.export(NOW.date(), path, actor=clerk, now=NOW)
    header, row = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert header[0] == "运单号" and row[header.index("上传状态")] == "待上传"
    said = refusal(lambda: signoff.export(NOW.date(), tmp_path / "x.txt", actor=clerk, now=NOW))
    assert said == "The export file name must end in .csv or .xlsx."


# -- upload: a server that lies or refuses -------------------------------------------------------

@pytest.fixture
def hq(tmp_path):
    server = serve_in_thread(port=0, db_path=tmp_path / "hq.db", token="t0k")
    yield server
    server.stop()


def _fault(server, fault):
    httpx.post(f"http://127.0.0.1:{server.port}/control", json={"fault": fault}, timeout=5,
               headers={"Authorization": "Bearer t0k"}).raise_for_status()


@pytest.mark.parametrize("fault,expected", [
    ("empty", "Head office answered HTTP 200, but with an empty answer: no record was confirmed. "
              "The records stay waiting and are tried again later."),
    ("html", None), ("ok", None), ("202", None), ("204", None), ("wrongkeys", None),
    ("redirect", None), ("400", None), ("404", None),
    ("413", None), ("500", "The head-office server is unavailable for now (HTTP 500); it is tried "
                           "again automatically later."),
    ("429", None),
])
def test_upload_reasons_from_a_lying_server_read_in_english(db, clerk, manager, hq, english, fault,
                                                            expected):
    settings.update({"upload.url": hq.url, "upload.token": "t0k", "upload.batch_size": 10,
                     "upload.timeout_seconds": 2}, actor=manager, now=NOW)
    make_parcel("YT4000000000001", status=Parcel.RELEASED, released_at=NOW, signer_type="本人")
    signoff.sign(flt=None, actor=clerk, now=NOW)
    _fault(hq, fault)
    r = upload.drain_once(clock=lambda: NOW)
    assert r.sent == 0 and r.error
    english_only(r.error)
    if expected:
        assert r.error == expected
    assert outbox.pending_reason() == r.error                 # what the status bar shows
    if fault == "413":
        assert "lower the records per batch" in r.error


def test_a_wrong_token_and_an_unnamed_rejection_read_in_english(db, clerk, manager, hq, english):
    settings.update({"upload.url": hq.url, "upload.token": "wrong", "upload.timeout_seconds": 2},
                    actor=manager, now=NOW)
    make_parcel("YT5000000000001", status=Parcel.RELEASED, released_at=NOW, signer_type="本人")
    signoff.sign(flt=None, actor=clerk, now=NOW)
    r = upload.drain_once(clock=lambda: NOW)
    assert r.error == ("Head office refused the upload token (HTTP 401): the manager should check "
                       "the upload token in Settings.")

    def rejects_without_reason(request):
        keys = [rec["idempotency_key"] for rec in json.loads(request.content)["records"]]
        return httpx.Response(422, json={"results": [{"key": k, "status": "rejected"} for k in keys]})
    client = httpx.Client(transport=httpx.MockTransport(rejects_without_reason))
    r = upload.drain_once(clock=lambda: NOW, force=True, client=client)
    assert r.rejected == 1
    [rec] = outbox.records(Outbox.REJECTED)
    assert rec.last_error == "Rejected by head office (no reason given)"
    assert rec.kind_label == "Sign-off"
    [item] = signoff.open_items(clerk.id, NOW)
    assert item.title == ("Sign-off rejected by head office: YT5000000000001 (Rejected by head office "
                          "(no reason given); fix it and upload again")        # the reason cut at 40
    english_only(refusal(lambda: outbox.resend(rec.id, {"clerk": "x"}, actor=clerk, now=NOW)))
    english_only(refusal(lambda: signoff.fix_rejected(rec.id, signer_type="本人",
                                                      waybill="YT0000000000000", actor=clerk,
                                                      now=NOW)))


# -- delivery --------------------------------------------------------------------------------------

def test_delivery_refusals_read_in_english(db, clerk, english):
    p = make_parcel(category=Parcel.DELIVERY, status=Parcel.RELEASED)
    said = refusal(lambda: delivery.scan_out(p.waybill, "Liu", actor=clerk, now=NOW))
    assert said == (f"Waybill {p.waybill} is not in stock (now: picked up); it cannot go out for "
                    "delivery.")
    q = make_parcel(category=Parcel.DELIVERY)
    delivery.scan_out(q.waybill, "Liu", actor=clerk, now=NOW)
    assert refusal(lambda: delivery.scan_out(q.waybill, "Chen", actor=clerk, now=NOW)) == \
        f"Waybill {q.waybill} is already out with Liu."
    for call in (lambda: delivery.scan_out(q.waybill, "", actor=clerk, now=NOW),
                 lambda: delivery.report_delivered(waybills=[p.waybill], actor=clerk, now=NOW),
                 lambda: delivery.report_delivered(actor=clerk, now=NOW),
                 lambda: delivery.report_delivered(waybills=["YT0000000000009"], actor=clerk,
                                                   now=NOW)):
        english_only(refusal(call))


# -- claims and photos ---------------------------------------------------------------------------

def test_a_claim_refused_in_english(db, clerk, english):
    enquiry = tickets.open_ticket("查询", "where is it", actor=clerk, now=NOW)
    said = refusal(lambda: claims.open_claim(enquiry.id, actor=clerk, now=NOW))
    english_only(said)
    damaged = tickets.open_ticket("破损", "box crushed", actor=clerk, now=NOW)
    c = claims.open_claim(damaged.id, actor=clerk, now=NOW)
    assert c.status_label == "preparing materials"
    assert [i.label for i in c.items] == ["Proof of value", "Purchase record",
                                          "Photo of the packaging", "Photo of the contents"]
    said = refusal(lambda: claims.submit(c.id, actor=clerk, now=NOW))
    assert said == ("Claim materials incomplete. Missing: Proof of value, Purchase record, "
                    "Photo of the packaging, Photo of the contents.")
    for call in (lambda: claims.set_item(c.id, "outer_photo", True, actor=clerk, now=NOW),
                 lambda: claims.attach_photo(c.id, "value_proof", photo(), actor=clerk, now=NOW),
                 lambda: claims.attach_photo(c.id, "outer_photo", b"", actor=clerk, now=NOW),
                 lambda: claims.update_claim(c.id, amount_fen=-1, actor=clerk, now=NOW),
                 lambda: claims.record_result(c.id, True, 100, "paid", actor=clerk, now=NOW),
                 lambda: claims.open_claim(damaged.id, actor=clerk, now=NOW)):
        english_only(refusal(call))


def test_photo_refusals_read_in_english(db, home, clerk, manager, english):
    said = refusal(lambda: evidence.store_photo(b"not a picture", purpose="return", ref=1,
                                                actor=clerk, now=NOW, home=home))
    assert said == "This file is not a picture (unknown format)."
    for call in (lambda: evidence.store_photo(b"", purpose="return", ref=1, actor=clerk, now=NOW,
                                              home=home),
                 lambda: evidence.store_photo(photo(), purpose=" ", ref=1, actor=clerk, now=NOW,
                                              home=home),
                 lambda: evidence.delete_photo("0" * 64, "", actor=manager, now=NOW, home=home),
                 lambda: evidence.delete_photo("0" * 64, "blurred", actor=manager, now=NOW,
                                               home=home),
                 lambda: evidence.photo_path("../etc/passwd", home)):
        english_only(refusal(call))
