"""Money taken in at the counter, one row per payment, in integer fen.  Day close sums these."""
from __future__ import annotations

from peewee import AutoField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField

from .base import BaseModel
from .core import Staff


class Payment(BaseModel):
    METHODS = ("现金", "微信", "支付宝", "月结", "到付")  # zh-data: stored in Payment.method
    #: how a customer pays 到付 at the counter: the one list the core checks and the screen offers
    #: (月结 is a sender's account, 到付 is what is being collected)
    COD_METHODS = ("现金", "微信", "支付宝")  # zh-data
    SENDING_FEE = "sending_fee"     # counter sending (寄件)
    COD = "cod"                     # 到付 collected when an inbound parcel is released
    HOLDING_FEE = "holding_fee"     # storage fee for an overdue parcel
    KINDS = (SENDING_FEE, COD, HOLDING_FEE)

    id = AutoField()
    day = DateField(index=True)
    at = DateTimeField()
    kind = CharField()
    method = CharField()
    amount_fen = IntegerField()
    ref = CharField(default="")      # waybill it is for
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
