
import pytest

from outlet_desk.errors import DomainError, NotFound, PermissionDenied, ValidationError
from outlet_desk.inbound import pickup
from outlet_desk.models import AuditLog, Parcel, ParcelEvent
from outlet_desk.models.money import Payment
from tests.factories import make_parcel


def _state(*parcels):
    return [(p.status, p.released_at, p.signer_type) for p in
            (Parcel.get_by_id(x.id) for x in parcels)]


@pytest.fixture
def customer(db):
    """张三 has three parcels on the shelf; 李四 shares his phone tail."""
    ps = [make_parcel(f"SF100000000{i:04d}", phone="13812341234", name="张三",
                      shelf="3", level=2) for i in range(3)]
    other = make_parcel("YT4000000009999", phone="13900001234", name="李四", shelf="1", level=1)
    return ps, other


def test_lookup_by_code_lists_all_of_the_customers_parcels(customer):
    ps, _ = customer
    found = pickup.lookup(ps[1].pickup_code)
    assert found.kind == "code" and not found.verified and found.needs == "tail"
    assert len(found.customers) == 1
    assert {r.id for r in found.rows} == {p.id for p in ps}
    assert found.customers[0].phone_masked == "138****1234"


def test_lookup_by_tail_shows_every_customer_with_that_tail(customer):
    found = pickup.lookup("1234")
    assert found.kind == "tail" and found.needs == "code"
    assert len(found.customers) == 2 and len(found.rows) == 4


def test_lookup_by_waybill_brings_up_that_parcel_and_asks_for_the_phone_tail(customer):
    ps, _ = customer
    found = pickup.lookup(" ｓｆ1000000000001 ")     # full-width, spaces: folded
    assert found.kind == "waybill" and not found.verified
    assert found.needs == "tail" and found.prompt() == "请核对手机尾号"
    assert [r.id for r in found.rows] == [ps[1].id] and found.scanned_id == ps[1].id


def test_lookup_reasons(customer, clerk, now):
    with pytest.raises(NotFound, match="没有取件码"):
        pickup.lookup("9-9-9999")
    with pytest.raises(NotFound, match="尾号 0000"):
        pickup.lookup("0000")
    with pytest.raises(NotFound, match="不是本店"):
        pickup.lookup("JT0000000000000")


def test_code_and_tail_release_three_parcels_in_one_action(customer, clerk, now):
    ps, other = customer
    res = pickup.release([p.id for p in ps], code=ps[0].pickup_code, tail="1234",
                         actor=clerk, now=now)
    assert "已出库 3 件" in res.message()
    for p in ps:
        p = Parcel.get_by_id(p.id)
        assert (p.status, p.released_at, p.released_by_id, p.signer_type, p.collector_name) == \
            (Parcel.RELEASED, now, clerk.id, "本人", None)
        assert p.signed_at is None                      # waits in the sign-off queue
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.RELEASED).count() == 3
    assert Parcel.get_by_id(other.id).status == Parcel.IN_STOCK
    assert AuditLog.select().where(AuditLog.action == "pickup.release").count() == 1


def test_wrong_tail_is_refused_and_nothing_changes(customer, clerk, now):
    ps, other = customer
    before = _state(*ps)
    with pytest.raises(DomainError, match="尾号与取件码不符"):
        pickup.release([p.id for p in ps], code=ps[0].pickup_code, tail="9999",
                       actor=clerk, now=now)
    assert _state(*ps) == before
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.RELEASED).count() == 0


def test_wrong_code_is_refused_and_nothing_changes(customer, clerk, now):
    ps, _ = customer
    before = _state(*ps)
    with pytest.raises(NotFound, match="没有取件码"):
        pickup.release([ps[0].id], code="3-2-9998", tail="1234", actor=clerk, now=now)
    # a code of the other customer with this customer's tail (same tail!) does not open his parcels
    with pytest.raises(DomainError, match="这件不是该客户的包裹"):
        pickup.release([ps[0].id], code=customer[1].pickup_code, tail="1234", actor=clerk, now=now)
    with pytest.raises(ValidationError, match="两项信息"):
        pickup.release([ps[0].id], code=ps[0].pickup_code, actor=clerk, now=now)
    assert _state(*ps) == before


def test_a_waybill_scan_alone_releases_nothing(customer, clerk, now):
    """A waybill in hand is not a customer: anyone could take a parcel off the shelf."""
    ps, _ = customer
    with pytest.raises(TypeError):
        pickup.release([ps[2].id], waybill=ps[2].waybill, actor=clerk, now=now)
    with pytest.raises(ValidationError, match="两项信息"):
        pickup.release([ps[2].id], code=ps[2].waybill, actor=clerk, now=now)
    assert Parcel.get_by_id(ps[2].id).status == Parcel.IN_STOCK
    pickup.release([ps[2].id], code=ps[2].pickup_code, tail="1234", actor=clerk, now=now)
    assert Parcel.get_by_id(ps[2].id).status == Parcel.RELEASED
    assert Parcel.get_by_id(ps[0].id).status == Parcel.IN_STOCK
    with pytest.raises(DomainError, match="已不在店"):
        pickup.lookup(ps[2].waybill)


def test_confirmed_customer_then_someone_elses_waybill_is_refused(customer, clerk, now):
    """Clerk confirms 张三 (code + tail), then scans 李四's parcel: refused, 张三 still confirmed,
    and 李四's parcel cannot be released with 张三's facts."""
    ps, other = customer
    confirmed = pickup.identify(code=ps[0].pickup_code, tail="1234")
    assert pickup.check_scan(confirmed, ps[2].waybill).id == ps[2].id
    with pytest.raises(DomainError, match="^这件不是该客户的包裹$"):
        pickup.check_scan(confirmed, other.waybill)
    with pytest.raises(DomainError, match="这件不是该客户的包裹"):
        pickup.release([other.id], code=ps[0].pickup_code, tail="1234", actor=clerk, now=now)
    assert Parcel.get_by_id(other.id).status == Parcel.IN_STOCK
    assert Payment.select().count() == 0


def test_proxy_pickup_records_the_collector(customer, clerk, now):
    ps, _ = customer
    res = pickup.release([ps[0].id], code=ps[0].pickup_code, tail="1234", proxy_name=" 王五 ",
                         actor=clerk, now=now)
    p = Parcel.get_by_id(ps[0].id)
    assert (p.signer_type, p.collector_name) == ("代收", "王五")
    assert "代取人：王五" in res.message()


def test_problem_or_returning_parcel_cannot_go_and_blocks_the_whole_action(db, clerk, now):
    ok = make_parcel("ZT1000000000001", phone="13812341234")
    bad = make_parcel("ZT1000000000002", phone="13812341234", problem=True)
    ret = make_parcel("ZT1000000000003", phone="13812341234", status=Parcel.RETURNING)
    rows = {r.id: r for r in pickup.lookup(ok.pickup_code).rows}
    assert rows[bad.id].blocked == "问题件未处理，不能取件"
    assert rows[ret.id].blocked == "退件中，不能取件" and rows[ok.id].releasable
    with pytest.raises(DomainError, match="问题件"):
        pickup.release([ok.id, bad.id], code=ok.pickup_code, tail="1234", actor=clerk, now=now)
    with pytest.raises(DomainError, match="退件中"):
        pickup.release([ret.id], code=ok.pickup_code, tail="1234", actor=clerk, now=now)
    assert Parcel.get_by_id(ok.id).status == Parcel.IN_STOCK


def test_cash_on_delivery_is_collected_in_the_same_transaction(db, clerk, now):
    a = make_parcel("JT1000000000001", cod_fen=1250)
    b = make_parcel("JT1000000000002", cod_fen=800)
    with pytest.raises(ValidationError, match="要收 20.50 元"):
        pickup.release([a.id, b.id], code=a.pickup_code, tail="1234", actor=clerk, now=now)
    assert Payment.select().count() == 0 and Parcel.get_by_id(a.id).status == Parcel.IN_STOCK
    res = pickup.release([a.id, b.id], code=a.pickup_code, tail="1234", payment_method="微信",
                         actor=clerk, now=now)
    assert res.cod_fen == 2050
    pays = sorted((p.ref, p.amount_fen, p.kind, p.method) for p in Payment.select())
    assert pays == [("JT1000000000001", 1250, "cod", "微信"), ("JT1000000000002", 800, "cod", "微信")]


@pytest.mark.parametrize("method", ["月结", "到付", "", "银行卡"])
def test_cod_is_taken_only_by_a_method_the_counter_offers(db, clerk, now, method):
    """Issue 17: the core accepted 月结 for a COD payment that the screen never offers."""
    p = make_parcel("JT1000000000003", cod_fen=1250)
    with pytest.raises(ValidationError, match="请选择收款方式（现金、微信、支付宝）"):
        pickup.release([p.id], code=p.pickup_code, tail="1234", payment_method=method,
                       actor=clerk, now=now)
    assert Payment.select().count() == 0 and Parcel.get_by_id(p.id).status == Parcel.IN_STOCK


def test_cod_payment_rolls_back_when_release_fails(db, clerk, now):
    a = make_parcel("JT1000000000011", cod_fen=500)
    b = make_parcel("JT1000000000012", problem=True)
    with pytest.raises(DomainError):
        pickup.release([a.id, b.id], code=a.pickup_code, tail="1234", payment_method="现金",
                       actor=clerk, now=now)
    assert Payment.select().count() == 0


def test_lookup_queries_do_not_grow_with_parcels(db):
    from playhouse.test_utils import count_queries
    first = None
    for i in range(20):
        p = make_parcel(phone="13812341234")
        first = first or p
    with count_queries() as counter:
        pickup.lookup(first.pickup_code)
    assert counter.count <= 2


def test_released_code_can_be_used_again_by_a_new_parcel(db, clerk, now):
    a = make_parcel("SF1000000000366", code="3-2-0366")
    pickup.release([a.id], code="3-2-0366", tail="1234", actor=clerk, now=now)
    b = make_parcel("SF2000000000366", code="3-2-0366", phone="13900005678")
    assert [r.id for r in pickup.lookup("3-2-0366").rows] == [b.id]


def test_proxy_without_a_name_is_refused(customer, clerk, now):
    ps, _ = customer
    with pytest.raises(ValidationError, match="取件人姓名"):
        pickup.release([ps[0].id], code=ps[0].pickup_code, tail="1234", proxy=True, proxy_name="  ",
                       actor=clerk, now=now)
    assert Parcel.get_by_id(ps[0].id).status == Parcel.IN_STOCK


def test_clerk_role_is_enough_but_someone_must_act(customer, now):
    ps, _ = customer
    with pytest.raises(PermissionDenied):
        pickup.release([ps[0].id], code=ps[0].pickup_code, tail="1234", actor=None, now=now)


def test_parcel_without_phone_needs_code_and_recipient_name(db, clerk, now):
    p = make_parcel("ZT1000000000077", phone=None, name="赵六")
    found = pickup.lookup(p.pickup_code)
    assert found.needs == "name" and "姓名" in found.prompt()
    with pytest.raises(DomainError, match="没有登记电话"):
        pickup.release([p.id], code=p.pickup_code, tail="0077", actor=clerk, now=now)
    with pytest.raises(DomainError, match="姓名与取件码不符"):
        pickup.release([p.id], code=p.pickup_code, name="赵七", actor=clerk, now=now)
    pickup.release([p.id], code=p.pickup_code, name=" 赵六 ", actor=clerk, now=now)
    assert Parcel.get_by_id(p.id).status == Parcel.RELEASED
    q = make_parcel("ZT1000000000078", phone=None, name=None)
    with pytest.raises(DomainError, match="无法核对客户"):
        pickup.release([q.id], code=q.pickup_code, name="谁", actor=clerk, now=now)


def test_holding_fee_only_against_the_confirmed_customers_parcels(customer, clerk, now):
    ps, other = customer
    with pytest.raises(DomainError, match="保管费只能向本次出库的包裹收取"):
        pickup.release([ps[0].id], code=ps[0].pickup_code, tail="1234", payment_method="现金",
                       holding_fees={other.id: 200}, actor=clerk, now=now)
    assert Payment.select().count() == 0
    pickup.release([ps[0].id], code=ps[0].pickup_code, tail="1234", payment_method="现金",
                   holding_fees={ps[0].id: 200}, actor=clerk, now=now)
    assert [(x.kind, x.amount_fen, x.ref) for x in Payment.select()] == \
        [("holding_fee", 200, ps[0].waybill)]
