"""Test data made directly in the tables, for tests of flows downstream of intake."""
from __future__ import annotations

import datetime as dt

from outlet_desk.models import Parcel, ParcelEvent
from outlet_desk.privacy import phone_tail

_seq = [0]


def make_parcel(waybill: str | None = None, *, carrier: str = "中通", category: str = Parcel.PICKUP,
                status: str = Parcel.IN_STOCK, phone: str | None = "13812341234",
                name: str | None = "张三", shelf: str | None = "3", level: int | None = 2,
                code: str | None = None, arrived_at: dt.datetime = dt.datetime(2026, 6, 7, 8, 30),
                staff_id: int | None = None, **fields) -> Parcel:
    _seq[0] += 1
    waybill = waybill or f"7{_seq[0]:013d}"
    if code is None and category == Parcel.PICKUP and shelf is not None:
        code = f"{shelf}-{level}-{waybill[-4:]}"
    p = Parcel.create(waybill=waybill, carrier=carrier, category=category, status=status,
                      shelf=shelf if category == Parcel.PICKUP else None,
                      level=level if category == Parcel.PICKUP else None,
                      pickup_code=code if category == Parcel.PICKUP else None,
                      recipient_name=name, recipient_phone=phone, phone_tail=phone_tail(phone),
                      arrived_at=arrived_at, arrived_by=staff_id, updated_at=arrived_at, **fields)
    ParcelEvent.create(parcel=p, at=arrived_at, kind=ParcelEvent.ARRIVED, staff=staff_id)
    return p
