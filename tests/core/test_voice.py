"""语音播报, the pure part: what an intake scan says, and that every word has its bundled clip."""
import datetime as dt
import re
import wave

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from outlet_desk import settings, voice
from outlet_desk.errors import EnvironmentFault, ValidationError
from outlet_desk.inbound import intake
from outlet_desk.inbound.intake import _format_code
from outlet_desk.models import Parcel
from outlet_desk.resources import resource, voice_clip
from outlet_desk.waybill import BagNumber

NOW = dt.datetime(2026, 6, 7, 9, 30)


def test_a_pickup_code_is_read_one_character_at_a_time():
    a = voice.for_code("3-2-017")
    assert a.clips == ("3", "dash", "2", "dash", "0", "1", "7")
    assert a.text == "三 杠 二 杠 零 幺 七"          # 幺, never heard as 七


def test_letters_full_width_forms_and_chinese_shelf_names():
    assert voice.for_code("ａ-１２").clips == ("A", "dash", "1", "2")
    a = voice.for_code("冷柜/3-0012")
    assert a.clips == ("3", "dash", "0", "0", "1", "2")        # no clip for 冷柜, no word for /
    assert a.text.startswith("冷 柜 三 杠")                      # the system voice says it


def test_an_accepted_scan_says_its_code_or_its_category(clerk):
    r = intake.receive_parcel("SF1385628716739", actor=clerk, now=NOW)
    assert r.pickup_code and voice.for_result(r) == voice.for_code(r.pickup_code)
    r = intake.receive_parcel("YT2345678901234", category=Parcel.DELIVERY, courier="周师傅",
                              actor=clerk, now=NOW)
    assert voice.for_result(r) == voice.Announcement(("delivery",), "派送 周师傅")
    r = intake.receive_parcel("YT2345678901235", category=Parcel.PROBLEM, actor=clerk, now=NOW)
    assert voice.for_result(r).clips == ("problem",)


def test_a_duplicate_says_so(clerk):
    intake.receive_parcel("SF1385628716739", actor=clerk, now=NOW)
    again = intake.receive_parcel("SF1385628716739", actor=clerk, now=NOW)
    assert voice.for_result(again) == voice.Announcement(("duplicate",), "重复")


def _refusal(raw, clerk):
    try:
        intake.receive_parcel(raw, actor=clerk, now=NOW)
    except ValidationError as exc:
        return voice.for_error(exc)
    raise AssertionError(f"{raw} was not refused")


def test_each_refusal_of_the_intake_screen_has_its_short_reason(clerk, manager):
    assert _refusal("4309597495550", clerk).text == "可能是集包号"       # held: one key takes it in
    assert _refusal("12", clerk).text == "无效单号"
    assert _refusal("SF12!34567890", clerk).text == "无效单号"
    settings.update({"waybill.bag_rules": [{"carrier": "极兔", "prefix": "4", "lengths": [16]}]},
                    actor=manager, now=NOW)
    assert _refusal("4300123456789013", clerk) == voice.Announcement(("bag",), "集包号")
    assert voice.for_error(BagNumber()).clips == ("bag",)
    assert voice.for_error(EnvironmentFault("磁盘已满")).text == "请重扫"
    assert voice.for_error(RuntimeError("bug")).text == "请重扫"
    assert voice.for_refusal("no such kind").clips == ("failed",)


def test_every_clip_is_bundled_small_and_playable():
    names = {p.stem for p in resource("sounds", "voice").glob("*.wav")}
    assert names == set(voice.CLIP_WORDS), "run tools/make_voice_clips.py"
    total = 0
    for name in voice.CLIP_WORDS:
        path = voice_clip(name)
        total += path.stat().st_size
        with wave.open(str(path)) as w:       # plain PCM: QSoundEffect plays it
            assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
            assert 0.05 < w.getnframes() / w.getframerate() < 2.0, name
    assert total < 320 * 1024
    assert (resource("sounds", "README.md")).read_text(encoding="utf-8").count("espeak-ng") >= 2


def test_every_word_the_counter_says_has_a_clip():
    for kind in voice.REFUSALS:
        assert all(c in voice.CLIP_WORDS for c in voice.for_refusal(kind).clips)
    for clip in voice.CATEGORY_CLIPS.values():
        assert clip in voice.CLIP_WORDS


shelf_names = st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                      min_size=1, max_size=3)
formats = st.sampled_from(["{shelf}-{level}-{tail4}", "{shelf}-{level}-{tail3}",
                           "{shelf}-{level}-{seq}", "{shelf}{level}-{tail4}", "{shelf}-{tail4}",
                           "{level}-{seq}"])
waybills = st.one_of(st.from_regex(r"\A(SF|YT|JT|75|78)?[0-9]{10,15}\Z"),
                     st.from_regex(r"\AE[A-Z][0-9]{9}CN\Z"))


@hsettings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(fmt=formats, shelf=shelf_names, level=st.integers(1, 12), waybill=waybills,
       seq=st.integers(1, 999), suffix=st.integers(1, 30))
def test_every_valid_pickup_code_maps_to_bundled_clips_in_order(fmt, shelf, level, waybill, seq,
                                                                 suffix):
    code = _format_code(fmt, shelf, level, waybill, seq)
    if suffix > 1:
        code = f"{code}-{suffix}"                 # a collision's suffix, as _plan_code makes it
    a = voice.for_code(code)
    assert a.clips and all(voice_clip(c).is_file() for c in a.clips)
    # nothing dropped, nothing added, in the code's order
    spoken = "".join("-" if c == "dash" else c for c in a.clips)
    assert spoken == re.sub(r"[^0-9A-Za-z-]", "", code).upper()
    assert len(a.text.split()) == len(a.clips)
