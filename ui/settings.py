"""Every setting a student changes is kept in the page's link, so a link reopens the view.

``linked(tr, st.slider, label, page="sine", name="horizon", default=49, codec=integer(1, 300),
min_value=1, max_value=300)`` draws the widget with the key ``"sine.horizon"`` and keeps its
value in the URL as ``?horizon=…`` (removed again at the default, so a link stays short).

- The first time a session draws the widget, a value in the link decides it; a value
  the codec refuses gets an error naming the parameter, and the default is used.
- The value lives under a key unique to the page with ``persist_state="session"``
  (Streamlit's own): it survives a visit to another page, and no page can read another
  page's leftover setting, so nothing is written back or deleted by hand.
- Options are kept in the link by their code (``rnn``, ``lstm``), not by their shown
  label. Streamlit's ``bind="query-params"`` keeps a select box's *label* (translated
  here, so a link made in Chinese would not open in English) and drops a bad value
  silently, where the link must say what it could not use.

A page names its settings once with ``PageSettings(tr, "sine", DEFAULTS)``: the label, help,
default and codec of ``s.number(st.slider, "horizon", 1, 300)`` follow from its name.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st

from ui.i18n import Translator

T = TypeVar("T")


@dataclass(frozen=True)
class Codec:
    """How a setting is written in a link and read back (`parse` raises ValueError)."""

    parse: Callable[[str], Any]
    show: Callable[[Any], str] = str


def choice(options: Sequence[Any]) -> Codec:
    """One of `options`, kept by its code (a number matches by value: `100` is `100.0`)."""
    by_code = {str(option): option for option in options}
    numbers = {float(option): option for option in options
               if isinstance(option, int | float) and not isinstance(option, bool)}

    def parse(raw: str) -> Any:
        if raw in by_code:
            return by_code[raw]
        try:
            return numbers[float(raw)]
        except (ValueError, KeyError):
            raise ValueError(raw) from None

    return Codec(parse)


def choices(options: Sequence[Any]) -> Codec:
    """Several of `options` (a multiselect), comma separated in the link; none is a choice too."""
    by_code = {str(option): option for option in options}

    def parse(raw: str) -> list[Any]:
        codes = raw.split(",") if raw else []
        if len(set(codes)) != len(codes) or not set(codes) <= by_code.keys():
            raise ValueError(raw)
        return [by_code[code] for code in codes]

    return Codec(parse, lambda values: ",".join(map(str, values)))


def integer(low: int, high: int) -> Codec:
    def parse(raw: str) -> int:
        value = int(raw)
        if not low <= value <= high:
            raise ValueError(raw)
        return value

    return Codec(parse)


def number(low: float, high: float) -> Codec:
    def parse(raw: str) -> float:
        value = float(raw)
        if not (math.isfinite(value) and low <= value <= high):
            raise ValueError(raw)
        return value

    return Codec(parse, lambda value: f"{value:g}")


def boolean() -> Codec:
    def parse(raw: str) -> bool:
        if raw.lower() not in ("true", "false", "1", "0"):
            raise ValueError(raw)
        return raw.lower() in ("true", "1")

    return Codec(parse, lambda value: "true" if value else "false")


def text(max_chars: int) -> Codec:
    def parse(raw: str) -> str:
        if len(raw) > max_chars:
            raise ValueError(raw)
        return raw

    return Codec(parse)


def key_of(page: str, name: str) -> str:
    return f"{page}.{name}"


_LINKED = "_rnnviz_linked"  # every setting's key this session has drawn
_DRAWN_IN = "_rnnviz_drawn_in"  # the language of the session's previous run


def resend_after_language_change(lang: str) -> None:
    """On the first run in a new language, set every setting again.

    The browser holds a choice (a radio, a select box) by the label it last showed; after
    a language switch those labels have changed, and the next rerun would fall back to the
    first option (a chosen corpus back to Hamlet). Set from the script before the widgets
    are drawn, each value is sent again with its new label.
    """
    state = st.session_state
    if state.get(_DRAWN_IN, lang) != lang:
        for key in state.get(_LINKED, ()):
            if key in state:
                state[key] = state[key]
    state[_DRAWN_IN] = lang


def read_link(tr: Translator, label: str, *, page: str, name: str, default: T,
              codec: Codec) -> None:
    """Seed the setting's session value from the link once per session (or the default)."""
    key = key_of(page, name)
    if key in st.session_state:
        return
    st.session_state.setdefault(_LINKED, set()).add(key)
    raw = st.query_params.get(name)
    value = default
    if raw is not None:
        try:
            value = codec.parse(raw)
        except (ValueError, TypeError, OverflowError):
            st.error(tr("link.bad", name=name, label=label, value=raw,
                        default=codec.show(default)), icon=":material/link_off:")
    st.session_state[key] = value


def write_link(name: str, value: Any, default: Any, codec: Codec) -> None:
    """Keep `value` in the URL (or take it out at the default)."""
    params = st.query_params
    if value == default:
        if name in params:
            del params[name]
        return
    code = codec.show(value)
    if params.get(name) != code:
        params[name] = code


def linked(tr: Translator, widget: Callable[..., T], label: str, *, page: str, name: str,
           default: Any, codec: Codec, **kwargs: Any) -> T:
    """`widget(label, **kwargs)` whose value is kept in the link as `name`."""
    read_link(tr, label, page=page, name=name, default=default, codec=codec)
    value = widget(label, key=key_of(page, name), persist_state="session", **kwargs)
    write_link(name, value, default, codec)
    return value


def value(page: str, name: str, default: Any = None) -> Any:
    """A setting's current value, also while its widget is not drawn."""
    return st.session_state.get(key_of(page, name), default)


def assign(page: str, **values: Any) -> None:
    """Set settings from a callback (a preset button): the widgets show them next run."""
    for name, setting in values.items():
        st.session_state[key_of(page, name)] = setting


class PageSettings:
    """A page's settings, each named once: ``s = PageSettings(tr, "language", DEFAULTS)``,
    then ``s.number(st.slider, "epochs", 1, 100)`` is the linked slider "language.epochs",
    labelled by the string "language.epochs", with the help "language.epochs.help" where the
    page's strings have one (a ``help=`` given wins), starting at ``DEFAULTS["epochs"]`` (a
    ``default=`` given wins), its codec picked by the method (number, choice, flag, text)
    from the bounds or options given once. (In the methods, ``number(…)``, ``choice(…)``
    and the like are this module's functions, not the methods.)"""

    def __init__(self, tr: Translator, page: str, defaults: dict[str, Any]):
        self.tr, self.page, self.defaults = tr, page, defaults

    def label(self, name: str) -> str:
        return self.tr(key_of(self.page, name))

    def linked(self, widget: Callable[..., T], name: str, codec: Codec, **kwargs: Any) -> T:
        """`widget` kept in the link with `codec` (the others pick theirs and call this)."""
        default = kwargs.pop("default") if "default" in kwargs else self.defaults[name]
        if "help" not in kwargs and (help_key := f"{key_of(self.page, name)}.help") in self.tr:
            kwargs["help"] = self.tr(help_key)
        return linked(self.tr, widget, self.label(name), page=self.page, name=name,
                      default=default, codec=codec, **kwargs)

    def number(self, widget: Callable[..., T], name: str, low: float, high: float,
               **kwargs: Any) -> T:
        """A number from `low` to `high` (a slider, a number input); whole numbers when both
        bounds are."""
        whole = isinstance(low, int) and isinstance(high, int)
        return self.linked(widget, name, (integer if whole else number)(low, high),
                           min_value=low, max_value=high, **kwargs)

    def choice(self, widget: Callable[..., T], name: str, options: Sequence[Any],
               **kwargs: Any) -> T:
        """One of `options` (a select box, a radio, a select slider), kept by its code."""
        return self.linked(widget, name, choice(options), options=options, **kwargs)

    def flag(self, widget: Callable[..., T], name: str, **kwargs: Any) -> T:
        """On or off (a toggle, a checkbox)."""
        return self.linked(widget, name, boolean(), **kwargs)

    def text(self, widget: Callable[..., T], name: str, max_chars: int, **kwargs: Any) -> T:
        """Typed text of at most `max_chars` characters."""
        return self.linked(widget, name, text(max_chars), max_chars=max_chars, **kwargs)

    def value(self, name: str) -> Any:
        """The setting's current value (its default before it was drawn), also while hidden."""
        return value(self.page, name, self.defaults.get(name))

    def assign(self, **values: Any) -> None:
        """Set settings from a callback (a preset button): the widgets show them next run."""
        assign(self.page, **values)
