"""The one translation layer. Every user-facing string goes through a `Translator`.

A page keeps its strings in `ui/text/<page>.py` as ``{"key": ("English", "简体中文")}``
and asks for a translator bound to the language chosen in the sidebar.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"

Strings = Mapping[str, tuple[str, str]]


class Translator:
    """Looks a key up in the current language and fills in ``{placeholders}``."""

    def __init__(self, strings: Strings, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; choose one of {sorted(LANGUAGES)}")
        self.strings = strings
        self.lang = lang
        self._column = list(LANGUAGES).index(lang)

    def __call__(self, key: str, /, **values: object) -> str:
        text = self.strings[key][self._column]
        return text.format(**values) if values else text

    def __contains__(self, key: str) -> bool:
        return key in self.strings


def merge(*tables: Strings) -> dict[str, tuple[str, str]]:
    """Join string tables; a key defined twice is a bug, not an override."""
    merged: dict[str, tuple[str, str]] = {}
    for table in tables:
        clash = merged.keys() & table.keys()
        if clash:
            raise KeyError(f"string keys defined twice: {sorted(clash)}")
        merged.update(table)
    return merged
