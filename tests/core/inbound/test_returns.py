"""Returns, forwards and mis-sorts: the red-label checklist is enforced by the core."""
import datetime as dt
import io
import json

import pytest
from PIL import Image

from outlet_desk import evidence, settings
from outlet_desk.errors import DomainError, PermissionDenied, ValidationError
from outlet_desk.inbound import returns
from outlet_desk.models import Outbox, Parcel, ParcelEvent
from outlet_desk.models.returns import ReturnRecord
from outlet_desk.openitems import collect
from outlet_desk.permissions import SYSTEM
from tests.factories import make_parcel


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def state(p):
    p = Parcel.get_by_id(p.id)
    return p.status, ReturnRecord.select().count(), Outbox.select().count(), \
        ParcelEvent.select().where(ParcelEvent.parcel == p.id).count()


def test_start_return_from_stock(db, clerk, now):
    p = make_parcel("SF1234567890123", carrier="顺丰")
    info = returns.start_return(parcel_id=p.id, kind="return", reason="拒收", note="当面拒收",
                                sender_name="优品电商", sender_phone="13905712345", actor=clerk, now=now)
    assert Parcel.get_by_id(p.id).status == Parcel.RETURNING
    assert info.sender_phone_masked == "139****2345"
    assert [i.key for i in info.checklist] == ["label", "photo"]     # not mis-sorted: 2 items
    assert not info.complete
    ev = ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.RETURN_STARTED).get()
    assert ev.staff_id == clerk.id and "拒收" in ev.detail


def test_dispatch_refused_naming_each_missing_item(db, home, clerk, now):
    p = make_parcel()
    info = returns.start_return(parcel_id=p.id, kind="return", reason="拒收", actor=clerk, now=now)
    before = state(p)
    with pytest.raises(returns.ChecklistIncomplete) as exc:
        returns.dispatch(p.waybill, actor=clerk, now=now)
    assert "红标签已贴" in str(exc.value) and "已拍照留底" in str(exc.value)
    returns.confirm_label(info.id, actor=clerk, now=now)
    with pytest.raises(returns.ChecklistIncomplete) as exc:
        returns.dispatch(p.waybill, actor=clerk, now=now)
    assert "已拍照留底" in str(exc.value) and "红标签" not in str(exc.value)
    assert state(p) == before                                        # refusals changed nothing
    returns.add_photo(info.id, photo(), actor=clerk, now=now, home=home)
    out = returns.dispatch(p.waybill, actor=clerk, now=now + dt.timedelta(minutes=5))
    assert out.status == Parcel.RETURNED and Parcel.get_by_id(p.id).status == Parcel.RETURNED
    box = Outbox.get()
    body = json.loads(box.payload)
    assert box.kind == "return_dispatch" and body["waybill"] == p.waybill and len(body["photos"]) == 1
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.RETURNED).count() == 1
    with pytest.raises(DomainError) as exc:                          # second scan of the burst
        returns.dispatch(p.waybill, actor=clerk, now=now)
    assert "不要重复扫描" in str(exc.value) and Outbox.select().count() == 1


def test_mis_sort_item_only_for_mis_sorted(db, home, clerk, now):
    plain = returns.start_return(parcel_id=make_parcel().id, kind="forward", reason="地址错误",
                                 dest_code="805", dest_name="城东网点", actor=clerk, now=now)
    assert "struck" not in [i.key for i in plain.checklist]
    with pytest.raises(ValidationError):
        returns.confirm_code_struck(plain.id, actor=clerk, now=now)
    mis = returns.start_return(parcel_id=make_parcel().id, kind="forward", reason="错分",
                               dest_code="805", dest_name="城东网点", actor=clerk, now=now)
    assert mis.mis_sorted and mis.should_have_gone == "805 城东网点"
    item = [i for i in mis.checklist if i.key == "struck"][0]
    assert item.label == "网点编码“803”已划掉" and not item.done
    returns.confirm_label(mis.id, actor=clerk, now=now)
    returns.add_photo(mis.id, photo(), actor=clerk, now=now, home=home)
    with pytest.raises(returns.ChecklistIncomplete) as exc:
        returns.dispatch(mis.waybill, actor=clerk, now=now)
    assert "803" in str(exc.value)
    info = returns.confirm_code_struck(mis.id, actor=clerk, now=now + dt.timedelta(minutes=1))
    struck = [i for i in info.checklist if i.key == "struck"][0]
    assert struck.done and struck.by == "张丽" and struck.at == now + dt.timedelta(minutes=1)
    assert returns.dispatch(mis.waybill, actor=clerk, now=now).status == Parcel.FORWARDED
    assert Outbox.get().kind == "forward_dispatch"


def test_reason_and_destination_required(db, clerk, now):
    p = make_parcel()
    for kwargs, words in [(dict(kind="return", reason="随便"), "原因"),
                          (dict(kind="return", reason="其他"), "备注"),
                          (dict(kind="forward", reason="拒收"), "目的网点"),
                          (dict(kind="forward", reason="拒收", dest_code="803", dest_name="本店"), "本网点"),
                          (dict(kind="return", reason="拒收", mis_sorted=True), "应发往")]:
        with pytest.raises(ValidationError) as exc:
            returns.start_return(parcel_id=p.id, actor=clerk, now=now, **kwargs)
        assert words in str(exc.value)
    assert Parcel.get_by_id(p.id).status == Parcel.IN_STOCK and ReturnRecord.select().count() == 0


def test_unknown_waybill_scanned_creates_the_parcel_when_it_is_the_customers_own(db, clerk, now):
    info = returns.start_return("ｊｔ1234567890123", kind="return", reason="其他", note="客户退货",
                                customer_own=True, actor=clerk, now=now)
    p = Parcel.get(Parcel.waybill == "JT1234567890123")
    assert p.carrier == "极兔" and p.status == Parcel.RETURNING and info.source == "scan"
    assert "客户自带退件" in p.note
    assert not ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.ARRIVED).exists()
    settings.update({"waybill.bag_rules": [{"carrier": "极兔", "prefix": "4", "lengths": [16]}]},
                    actor=SYSTEM, now=now)
    with pytest.raises(ValidationError) as exc:
        returns.start_return("4123456789012345", kind="return", reason="拒收", customer_own=True,
                             actor=clerk, now=now)
    assert "集包单号" in str(exc.value)
    with pytest.raises(DomainError):                                   # already in a return
        returns.start_return("JT1234567890123", kind="return", reason="拒收", actor=clerk, now=now)


def test_a_mistyped_waybill_asks_instead_of_starting_a_return(db, clerk, now):
    """Issue 17: a mistyped number in F5 started a return for a parcel the outlet never had, the
    dispatch went to head office and the real overdue parcel stayed on the shelf."""
    real = make_parcel("75312345678901")
    make_parcel("SF1385628716739")
    typo = "75312345678910"                                            # last two digits swapped
    before = (Parcel.select().count(), ReturnRecord.select().count())
    with pytest.raises(returns.UnknownWaybill) as exc:
        returns.start_return(typo, kind="return", reason="拒收", actor=clerk, now=now)
    assert exc.value.suggestions == (real.waybill,)
    assert "客户自带退件" in str(exc.value) and real.waybill in str(exc.value)
    assert (Parcel.select().count(), ReturnRecord.select().count()) == before
    assert returns.unknown_waybill(typo).suggestions == (real.waybill,)
    assert returns.unknown_waybill(real.waybill) is None
    # the clerk picks the suggestion: the return is for the real parcel
    info = returns.start_return(exc.value.suggestions[0], kind="return", reason="拒收", actor=clerk,
                                now=now)
    assert info.waybill == real.waybill and Parcel.get_by_id(real.id).status == Parcel.RETURNING


@pytest.mark.parametrize("typo,kind", [("75312345678902", "one digit"), ("7531234567890", "one missing"),
                                       ("753123456789011", "one extra"), ("75312345678923", "two digits")])
def test_closest_in_stock_finds_counter_typing_mistakes(db, typo, kind):
    make_parcel("75312345678901")
    make_parcel("SF1385628716739")
    assert returns.closest_in_stock(typo) == ("75312345678901",), kind
    assert returns.closest_in_stock("462598779470531") == ()


def test_starting_closes_open_problems(db, clerk, now):
    from outlet_desk.inbound import problems
    p = make_parcel()
    problems.open_problem(p.id, "拒收", actor=clerk, now=now)
    assert Parcel.get_by_id(p.id).problem
    returns.start_return(parcel_id=p.id, kind="return", reason="拒收", actor=clerk, now=now)
    assert not Parcel.get_by_id(p.id).problem and problems.open_count() == 0


def test_received_cancel_list_and_open_items(db, home, clerk, clerk_b, now):
    a = returns.start_return(parcel_id=make_parcel().id, kind="return", reason="破损", actor=clerk, now=now)
    b = returns.start_return(parcel_id=make_parcel().id, kind="forward", reason="地址错误",
                             dest_code="806", dest_name="城西网点", actor=clerk_b, now=now)
    with pytest.raises(DomainError):
        returns.mark_received(a.id, actor=clerk, now=now)
    returns.confirm_label(a.id, actor=clerk, now=now)
    returns.add_photo(a.id, photo(), actor=clerk, now=now, home=home)
    returns.dispatch(a.waybill, actor=clerk, now=now)
    assert returns.mark_received(a.id, "对方已签", actor=clerk, now=now).status == "received"
    rows = returns.list_returns(scope="today", now=now)
    assert {r.id for r in rows} == {a.id, b.id}
    assert [r.id for r in returns.list_returns(scope="open", now=now)] == [b.id]
    assert [r.id for r in returns.list_returns(scope="all", kind="return", now=now)] == [a.id]
    got = {r.id: r for r in rows}
    assert got[a.id].label_done and got[a.id].photo_count == 1 and got[a.id].struck_done is None
    assert [i.ref for i in collect(clerk_b.id, now) if i.kind == "return"] == [str(b.id)]
    assert "红标签已贴" in [i.title for i in collect(clerk_b.id, now) if i.kind == "return"][0]
    back = returns.cancel_return(b.id, "扫错了", actor=clerk_b, now=now)
    assert back.status == "cancelled" and Parcel.get_by_id(b.parcel_id).status == Parcel.IN_STOCK


def test_list_does_not_query_per_row(db, clerk, now):
    from playhouse.test_utils import assert_query_count
    for _ in range(6):
        returns.start_return(parcel_id=make_parcel().id, kind="return", reason="拒收", actor=clerk, now=now)
    with assert_query_count(2):
        assert len(returns.list_returns(scope="open", now=now)) == 6


def test_photo_refused_after_dispatch_and_delete_reverts_item(db, home, clerk, manager, now):
    a = returns.start_return(parcel_id=make_parcel().id, kind="return", reason="拒收", actor=clerk, now=now)
    info = returns.add_photo(a.id, photo(), actor=clerk, now=now, home=home)
    assert info.checklist[1].done and info.checklist[1].by == "张丽"
    evidence.delete_photo(info.photos[0].hash, "拍错包裹", actor=manager, now=now, home=home)
    assert not returns.get_return(a.id).checklist[1].done
    with pytest.raises(PermissionDenied):
        evidence.delete_photo(info.photos[0].hash, "x", actor=clerk, now=now, home=home)


def test_red_label_pdf(db, clerk, now):
    a = returns.start_return(parcel_id=make_parcel("SF1234567890123").id, kind="forward", reason="错分",
                             dest_code="805", dest_name="城东网点", actor=clerk, now=now)
    pdf = returns.red_label_pdf([a.id], now=now)
    assert pdf.startswith(b"%PDF") and b"/MediaBox [ 0 0 283.4646 212.5984 ]" in pdf


@pytest.mark.sqlite_only   # the SQLite file in the data directory itself
def test_command_line_lists(db, home, clerk, manager, now, capsys, monkeypatch):
    from outlet_desk import cli
    p = make_parcel("SF1234567890123")
    returns.start_return(parcel_id=p.id, kind="return", reason="拒收", actor=clerk, now=now)
    assert cli.main(["--home", str(home), "returns", "list", "--scope", "all"]) == 0
    out = capsys.readouterr().out
    assert "SF1234567890123" in out and "标签×" in out and "共 1 件" in out
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "manager803")
    assert cli.main(["--home", str(home), "photos", "sweep", "--as", manager.name]) == 0
    assert cli.main(["--home", str(home), "problems", "list"]) == 0
    assert cli.main(["--home", str(home), "overdue", "list"]) == 0
