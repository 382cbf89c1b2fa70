"""English everywhere in English mode (issue 18): the manager and a clerk open every screen (and
every tab) of the demo outlet with the language set to English and read every visible text —
labels, buttons, group boxes, tabs, placeholders, combo items, table headers, the status bar and
the banner.  No Chinese may be left **except data**: the outlet's people, customers, carriers,
addresses and the words the outlet stores (problem reasons, ticket categories, payment methods,
signer types …).

The data allow-list is built from the core — the models' stored-word tuples, the carrier table,
the demo outlet's names, addresses and notes read back from its database — never by listing what
a screen shows.  Table cells are stored data and are skipped; their headers are not.
"""
import re

import pytest

from .conftest import login
from .test_no_english_in_zh import _walk_screen, visible_texts

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
#: Fields whose stored values are people's words (names, addresses, notes): data on any screen.
DATA_FIELD = re.compile(r"(^|_)(name|names|address|note|notes|title|description|content|text|"
                        r"body|summary|filename|reason|detail|remark|phone|contact|route|zone|"
                        r"area|shelf|location|label|signer_type|category|method|kind)$")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _data_words() -> list[str]:
    """Every Chinese word that is data, from the core: longest first (so "地址不详" goes before "地址")."""
    from outlet_desk import privacy, settings, waybill
    from outlet_desk.models import all_models
    from outlet_desk.outgoing import outgoing
    from outlet_desk.signoff import signoff
    from outlet_desk.tickets import replies
    from ui.resources import LANGUAGES
    words: set[str] = {p.carrier for p in waybill.PATTERNS}
    words |= set(signoff.SIGNER_TYPES) | set(outgoing.PROVINCES)
    words |= set(replies.WHEN_EXAMPLES)         # a reply's time is written for the customer
    words |= set(LANGUAGES.values())            # each language by its own name (F11)
    for model in all_models():
        for attr, value in vars(model).items():     # METHODS, CATEGORIES, REASONS …: stored words
            if attr.isupper() and isinstance(value, tuple) \
                    and all(isinstance(v, str) for v in value):
                words |= set(value)
        fields = [f for name, f in model._meta.fields.items() if DATA_FIELD.search(name)
                  and f.field_type in ("VARCHAR", "TEXT")]
        for field in fields:
            for (value,) in model.select(field).distinct().tuples():
                if isinstance(value, str) and CJK.search(value):
                    words.add(value)
                    words.add(privacy.mask_name(value))     # 陈静 → 陈*, as the screens show it
                    words |= {part for part in re.split(r"[\s,，、;；:：/()（）]+", value) if part}
    for spec in settings.specs().values():   # what the manager typed: outlet name, carriers, posts …
        words |= set(_strings(settings.get(spec.key)))
        words |= {c for c in spec.choices if isinstance(c, str)}
    return sorted((w for w in words if CJK.search(w)), key=len, reverse=True)


def chinese_left(text: str, data: list[str]) -> str:
    """What is left of ``text``'s Chinese once data words are taken out ("" when none)."""
    for word in data:
        if word in text:
            text = text.replace(word, " ")
    return "".join(CJK.findall(text))


def _chinese_on_screens(qtbot, window, who):
    data = _data_words()
    found = [(f"login {where}", text) for where, text in visible_texts(window.login)
             if chinese_left(text, data)]
    login(qtbot, window, *who)
    for screen in window.screens:
        if screen.MANAGER_ONLY and not window.ctx.actor.is_manager:
            continue
        window.show_screen(screen)
        for where, text in _walk_screen(window, screen):
            if ":row" in where:     # a table cell shows stored data; its header is checked
                continue
            if where.endswith(":text"):  # what is typed in an editor (an SMS to send, a rate table)
                continue
            if chinese_left(text, data):
                found.append((f"F{screen.FKEY} {where}", text))
    found += [(f"status bar {w}", t) for w, t in visible_texts(window.statusBar())
              if chinese_left(t, data)]
    seen, report = set(), []
    for where, text in found:
        if (where, text) not in seen:
            seen.add((where, text))
            report.append(f"{where}: {text!r} → {chinese_left(text, data)}")
    return report


@pytest.fixture
def english(prefs):
    prefs.setValue("language", "en")
    yield
    from outlet_desk import i18n
    from ui import resources
    from ui.app import ensure_app
    resources.install_translation(ensure_app(), resources.DEFAULT_LANGUAGE)
    assert i18n.language() == i18n.DEFAULT


@pytest.mark.parametrize("who", [("李店长", "manager803"), ("张丽", "1111")],
                         ids=["manager", "clerk"])
def test_no_chinese_but_data_on_any_screen_in_english_mode(qtbot, make_window, english, who):
    from outlet_desk import i18n
    window = make_window()
    assert i18n.language() == "en"
    report = _chinese_on_screens(qtbot, window, who)
    assert window.nav.item(1).text().startswith("F2")
    assert not CJK.search(window.nav.item(1).text())
    assert not report, "\n".join(report)


def test_the_check_sees_chinese_but_not_data():
    data = ["地址不详", "张丽", "中通"]
    assert chinese_left("Reason: 地址不详, clerk 张丽", data) == ""
    assert chinese_left("Status: 待取件", data) == "待取件"
    assert chinese_left("中通：3 parcels", data) == "："


def test_dialogs_have_no_chinese_but_data_in_english_mode(qtbot, make_window, english, tmp_path):
    """The dialogs the zh walk opens (tests/ui/test_no_english_in_zh.py), in English mode."""
    from .test_no_english_in_zh import _dialogs
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    # what _dialogs passes in as the screens would (a title, a photo's caption, head office's
    # refusal, a salesman's name) is data here, not the dialog's own words
    given = ["标签", "红标签照片", "签收人姓名不能为空", "赵师傅"]
    data = sorted(_data_words() + given, key=len, reverse=True)
    found = []
    for dialog in _dialogs(window, tmp_path):
        qtbot.addWidget(dialog)
        dialog.show()
        for where, text in [("title", dialog.windowTitle()), *visible_texts(dialog)]:
            if ":row" not in where and not where.endswith(":text") and chinese_left(text, data):
                found.append(f"{type(dialog).__name__} {where}: {text!r} → {chinese_left(text, data)}")
        dialog.close()
    assert not found, "\n".join(found)
