"""Training word pairs typed by a student: validation, reading an edited table, a link code.

Shared by the encoder-decoder (rnnviz.seq2seq) and the attention page (rnnviz.attention).
A problem names the row (0-based), the column ("word" or "target") and a reason code the
page translates:

    empty        nothing typed (or only spaces)
    letters      a character outside the allowed alphabet (when one is given)
    reserved     a character the model keeps for a symbol of its own (when any are given)
    characters   a tab, newline or other unprintable character
    too_long     more than `limit` characters
    duplicate    the same pair as `other_row` (only where repeats are refused)
    conflict     the word has another translation in `other_row`: greedy decoding writes
                 one word per input, so it could never get both right
    no_pairs     no pair at all (row -1)
    too_many     more than `max_pairs` pairs (row -1)
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WordProblem:
    """Why a word (or the table) cannot be used; see the module docstring for `reason`."""

    row: int  # 0-based pair row, or -1 for a word box or the table as a whole
    column: str  # "word" or "target"
    raw: str
    reason: str
    other_row: int = -1


def check_word(word: object, *, row: int = -1, column: str = "word", limit: int,
               alphabet: Collection[str] | None = None,
               reserved: Collection[str] = ()) -> list[WordProblem]:
    """The first problem with one word (empty, outside `alphabet`, one of the `reserved`
    characters or unprintable, too long)."""
    text = "" if word is None else str(word)
    if not text.strip():
        return [WordProblem(row, column, text, "empty")]
    if alphabet is not None and not all(c in alphabet for c in text):
        return [WordProblem(row, column, text, "letters")]
    if any(c in reserved for c in text):
        return [WordProblem(row, column, text, "reserved")]
    if not text.isprintable():
        return [WordProblem(row, column, text, "characters")]
    if len(text) > limit:
        return [WordProblem(row, column, text, "too_long")]
    return []


def check_pairs(pairs: Sequence[Sequence[object]], *, limit: int, max_pairs: int,
                alphabet: Collection[str] | None = None, reserved: Collection[str] = (),
                repeats: bool = True) -> list[WordProblem]:
    """Every problem with the training pairs (none when they can be learned).

    `repeats=False` refuses a pair typed twice (it would weigh double)."""
    if not pairs:
        return [WordProblem(-1, "word", "", "no_pairs")]
    if len(pairs) > max_pairs:
        return [WordProblem(-1, "word", str(len(pairs)), "too_many")]
    problems = []
    first_row: dict[str, int] = {}
    for row, (word, target) in enumerate(pairs):
        for column, text in (("word", word), ("target", target)):
            problems += check_word(text, row=row, column=column, limit=limit,
                                   alphabet=alphabet, reserved=reserved)
        earlier = first_row.setdefault(str(word), row)
        if earlier == row:
            continue
        if str(pairs[earlier][1]) != str(target):
            problems.append(WordProblem(row, "word", str(word), "conflict", other_row=earlier))
        elif not repeats:
            problems.append(WordProblem(row, "word", str(word), "duplicate", other_row=earlier))
    return problems


class InvalidPairs(ValueError):
    def __init__(self, problems: list[WordProblem]):
        super().__init__("pairs: " + "; ".join(f"row {p.row} {p.column}: {p.reason}"
                                               for p in problems))
        self.problems = problems


def table_pairs(words: Sequence[Any], targets: Sequence[Any]) -> tuple[tuple[str, str], ...]:
    """The pairs in the columns of an edited table: cells as text (an emptied cell, None or
    NaN, as ""), stripped, rows left wholly empty dropped (a freshly added, untouched row)."""
    def text(value: Any) -> str:
        return "" if value is None or (isinstance(value, float) and value != value) \
            else str(value).strip()

    rows = ((text(w), text(t)) for w, t in zip(words, targets, strict=True))
    return tuple(row for row in rows if row != ("", ""))


# --- Pairs in a link: hello:hola,cat:gato --------------------------------------------------

PAIR_SEPARATOR, WORD_SEPARATOR = ",", ":"
_ESCAPES = {"%": "%25", PAIR_SEPARATOR: "%2C", WORD_SEPARATOR: "%3A"}


def _escape(word: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in word)


_UNESCAPES = {escaped: raw for raw, escaped in _ESCAPES.items()}
_ESCAPED = re.compile("|".join(_UNESCAPES), re.IGNORECASE)


def _unescape(word: str) -> str:
    """`_escape` undone in one pass from the left ("%253A" is "%3A", "%2525" is "%25"); an
    escape may be typed in lower case, a '%' not starting one stays as it is."""
    return _ESCAPED.sub(lambda match: _UNESCAPES[match.group().upper()], word)


def pairs_code(pairs: Sequence[tuple[str, str]]) -> str:
    """Pairs written compactly for a link (a ',' ':' or '%' inside a word is %-escaped; any
    other character, pinyin's spaces or Chinese, is written as it is and URL-encoded by the
    browser's address bar)."""
    return PAIR_SEPARATOR.join(f"{_escape(word)}{WORD_SEPARATOR}{_escape(target)}"
                               for word, target in pairs)


def parse_pairs_code(code: str) -> list[tuple[str, str]]:
    """The pairs `pairs_code` wrote (not yet checked); ValueError for an item without one
    ':' (a ':' inside a word is written %3A)."""
    pairs = []
    for item in code.split(PAIR_SEPARATOR) if code else ():
        word, separator, target = item.partition(WORD_SEPARATOR)
        if not separator or WORD_SEPARATOR in target:
            raise ValueError(f"{item!r} is not word{WORD_SEPARATOR}translation")
        pairs.append((_unescape(word), _unescape(target)))
    return pairs


class PairList:
    """What every set of (word, target) pairs offers, over its `pairs` field."""

    pairs: tuple[tuple[str, str], ...]

    def __len__(self) -> int:
        return len(self.pairs)

    @property
    def words(self) -> list[str]:
        return [w for w, _ in self.pairs]

    @property
    def targets(self) -> list[str]:
        return [t for _, t in self.pairs]
