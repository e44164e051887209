"""ui.settings: the codecs, and a page's settings (PageSettings) in a tiny AppTest script."""

from __future__ import annotations

import math

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from ui import settings

SCRIPT = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})

import streamlit as st

from ui import settings
from ui.i18n import Translator
from ui.text import common

tr = Translator({{**common.STRINGS,
                 "demo.n": ("Number n", "数 n"), "demo.n.help": ("How many.", "多少个。"),
                 "demo.rate": ("Rate", "比率"), "demo.cell": ("Cell", "单元"),
                 "demo.on": ("On", "开"), "demo.name": ("Name", "名字")}}, "en")
setting = settings.PageSettings(tr, "demo", dict(n=3, cell="rnn", on=False, name="abc"))
setting.number(st.slider, "n", 1, 10)
setting.number(st.number_input, "rate", 0.0, 1.0, default=0.5, help="Given.")
setting.choice(st.selectbox, "cell", ("rnn", "lstm"), format_func=lambda c: f"the {{c}} cell")
setting.flag(st.toggle, "on")
setting.text(st.text_input, "name", 5)
st.write(f"hidden: {{setting.value('n')}}")
"""


def page(**query: str) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# --- the codecs ---------------------------------------------------------------------------

def test_a_choice_is_kept_by_its_code_not_its_label():
    codec = settings.choice(("rnn", "lstm"))
    assert codec.parse("lstm") == "lstm" and codec.show("lstm") == "lstm"
    for label in ("LSTM", "the lstm cell", ""):
        with pytest.raises(ValueError):
            codec.parse(label)
    numbers = settings.choice((0, 1, 2, 3))
    assert numbers.parse("3") == 3  # the option itself, not its text


def test_numbers_keep_to_their_bounds_and_refuse_nan():
    whole, real = settings.integer(1, 10), settings.number(0.0, 1.0)
    assert whole.parse("10") == 10 and real.parse("0.25") == 0.25 and real.show(0.5) == "0.5"
    for codec, raw in ((whole, "11"), (whole, "0"), (whole, "2.5"), (real, "nan"),
                       (real, "inf"), (real, "1.5"), (real, "x")):
        with pytest.raises(ValueError):
            codec.parse(raw)
    assert math.isclose(real.parse("1e-1"), 0.1)


def test_flags_choices_and_text():
    flag = settings.boolean()
    assert flag.parse("true") is True and flag.parse("0") is False and flag.show(True) == "true"
    with pytest.raises(ValueError):
        flag.parse("yes")
    several = settings.choices(("a", "b", "c"))
    assert several.parse("c,a") == ["c", "a"] and several.parse("") == []
    assert several.show(["a", "b"]) == "a,b"
    for raw in ("a,a", "a,d"):
        with pytest.raises(ValueError):
            several.parse(raw)
    assert settings.text(3).parse("abc") == "abc"
    with pytest.raises(ValueError):
        settings.text(3).parse("abcd")


# --- PageSettings in a script ---------------------------------------------------------------

def test_label_help_default_and_codec_follow_the_name():
    at = page()
    slider = at.slider(key="demo.n")
    assert slider.label == "Number n" and slider.help == "How many." and slider.value == 3
    assert (slider.min, slider.max) == (1, 10)
    rate = at.number_input(key="demo.rate")
    assert rate.value == 0.5 and rate.help == "Given."  # a default= and a help= given win
    assert at.selectbox(key="demo.cell").value == "rnn"
    assert at.toggle(key="demo.on").value is False
    assert at.text_input(key="demo.name").value == "abc" and at.text_input(
        key="demo.name").max_chars == 5
    assert "hidden: 3" in [m.value for m in at.markdown]
    assert not at.error


def test_the_defaults_are_kept_out_of_the_link():
    at = page()
    assert dict(at.query_params) == {}
    at.slider(key="demo.n").set_value(7).run()
    at.number_input(key="demo.rate").set_value(0.25).run()
    at.toggle(key="demo.on").set_value(True).run()
    assert dict(at.query_params) == {"n": "7", "rate": "0.25", "on": "true"}
    at.slider(key="demo.n").set_value(3).run()  # back at the default: out of the link
    assert "n" not in at.query_params and at.query_params["on"] == "true"


def test_a_choice_is_linked_by_its_code():
    at = page()
    at.selectbox(key="demo.cell").set_value("lstm").run()
    assert at.query_params["cell"] == "lstm"  # not "the lstm cell"
    fresh = page(cell="lstm")
    assert fresh.selectbox(key="demo.cell").value == "lstm" and not fresh.error
    shown = page(cell="the lstm cell")
    assert shown.selectbox(key="demo.cell").value == "rnn"
    assert any("for cell (Cell)" in e.value for e in shown.error)


def test_a_link_value_is_read_once_a_session():
    at = page(n="5", name="xy")
    assert at.slider(key="demo.n").value == 5 and at.text_input(key="demo.name").value == "xy"
    at.query_params["n"] = "9"  # a later change of the address is not read again
    at.run()
    assert at.slider(key="demo.n").value == 5 and at.query_params["n"] == "5"
    at.slider(key="demo.n").set_value(6).run()
    assert at.query_params["n"] == "6" and "hidden: 6" in [m.value for m in at.markdown]


@pytest.mark.parametrize("name, raw, label, default", [
    ("n", "banana", "Number n", "3"), ("n", "11", "Number n", "3"),
    ("rate", "nan", "Rate", "0.5"), ("on", "maybe", "On", "false"),
    ("name", "toolong", "Name", "abc"),
])
def test_a_bad_link_value_is_named_and_the_default_used(name, raw, label, default):
    at = page(**{name: raw})
    errors = [e.value for e in at.error]
    assert errors == [f"The link's value “{raw}” for {name} ({label}) cannot be used; "
                      f"showing {default} instead."]
    assert name not in at.query_params  # the default again, so out of the link
    assert at.slider(key="demo.n").value == 3 and at.number_input(key="demo.rate").value == 0.5
    assert at.toggle(key="demo.on").value is False
    assert at.text_input(key="demo.name").value == "abc"


def test_a_number_option_matches_by_value():
    codec = settings.choice([0.1, 1.0, 100.0])
    assert codec.parse("100") == 100.0 and codec.parse("1e2") == 100.0
    assert codec.parse("0.1") == 0.1
    with pytest.raises(ValueError):
        codec.parse("7")
