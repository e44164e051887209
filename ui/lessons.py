"""Lessons: short guided exercises that put a page into a fixed state (issue 17).

A lesson is data: the page it belongs to, a multiple-choice question to answer *before*
touching anything, the page's state as the page's own link parameters, the right choice
and an explanation pointing at the figure that shows it. The strings are in
ui/text/lessons.py. ``page.setup`` calls ``sidebar(tr, slug)`` on every page, so a page
needs no code of its own to have lessons:

- "Set up this lesson" drops the page's settings from the session (every key starting
  with "<slug>.", as ui.settings names them, the editors' seeds included) and reruns
  the page with the lesson's link: each setting is read from the link again.
- A lesson link is that URL (``link(lesson, lang)``): ``<page>?lang=…&<state>&lesson=<id>``.
  Arriving on a page with ``lesson=<id>`` in the link (from the lessons index, in the
  same session) resets the page's settings the same way, so the link's state wins.
- The student's predicted answer stays in the session; nothing is recorded or sent.
- ``?teacher=1`` hides the answers until "Reveal the answer" is pressed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import parse_qsl, urlencode

import streamlit as st

from ui.catalog import PAGES
from ui.i18n import Translator
from ui.text.lessons import STRINGS

LESSON_PARAM = "lesson"
TEACHER_PARAM = "teacher"
PROJECTOR_PARAM = "projector"

_ACTIVE = "_rnnviz_lesson_active"  # {slug: lesson id} set up this session
_LAST_PAGE = "_rnnviz_lesson_last_page"  # the page of the previous run: arrival detection
_TEACHER = "_rnnviz_teacher"  # answers hidden until revealed
_REVEALED = "_rnnviz_lesson_revealed"  # lesson ids revealed this session
_CHOICE = "_lesson.choice."  # + id: the student's predicted answer (session only)


@dataclass(frozen=True)
class Lesson:
    id: str
    slug: str  # the page's slug (ui.catalog)
    state: str  # the page's link parameters, "name=value&name=value"
    choices: tuple[str, ...]  # codes; labels are lesson.<id>.choice.<code>
    right: str
    exercise: bool = False  # has a lesson.<id>.exercise string (a seed-document exercise)

    def __post_init__(self) -> None:
        if self.right not in self.choices:
            raise ValueError(f"lesson {self.id}: right answer {self.right!r} not a choice")
        if self.slug not in _ORDER:
            raise ValueError(f"lesson {self.id}: unknown page {self.slug!r}")

    @property
    def params(self) -> dict[str, str]:
        return dict(parse_qsl(self.state, keep_blank_values=True))

    def key(self, part: str) -> str:
        return f"lesson.{self.id}.{part}"


_ORDER = {entry.slug: index for index, entry in enumerate(PAGES)}

# A character language model small enough to train in a few seconds in class.
_SMALL_LM = ("source=shakespeare&prefix=The king &max_tokens=2000&batch_size=8&num_steps=20"
             "&hidden=64&epochs=10")

_LESSONS = [
    Lesson("srn-identity", "srn", "act=identity&t=3",
           ("two", "eight", "thirtytwo", "inf"), "thirtytwo", exercise=True),
    Lesson("srn-tanh", "srn", "act=tanh&t=3", ("two", "eight", "thirtytwo", "zero"), "two",
           exercise=True),
    Lesson("activation-grow", "activation", "length=100&scale=1.0&activations=identity,tanh",
           ("grow", "level", "vanish"), "grow", exercise=True),
    Lesson("activation-saturate", "activation",
           "length=100&scale=1.0&activations=identity,tanh",
           ("grow", "saturate", "vanish"), "saturate", exercise=True),
    Lesson("activation-fade", "activation", "length=100&scale=0.4&activations=identity",
           ("grow", "level", "vanish"), "level"),
    Lesson("bptt-small-u", "bptt", "act=tanh&loss=every&param=U",
           ("same", "small", "zero"), "small", exercise=True),
    Lesson("bptt-identity", "bptt", "act=identity&loss=every&param=U",
           ("larger", "same", "zero"), "larger"),
    Lesson("gated-forget", "gated", "bias=4&steps=51", ("lstm", "both", "none", "all"), "lstm",
           exercise=True),
    Lesson("gated-bias-zero", "gated", "bias=0&steps=51", ("still", "half", "nothing"),
           "nothing"),
    Lesson("ohlol-seeds", "ohlol", "mode=spread&lr=0.1&epochs=15&seed=28&k_seeds=20&animation=0",
           ("all", "most", "few", "none"), "most", exercise=True),
    Lesson("ohlol-cells", "ohlol",
           "mode=compare&lr=0.001&epochs=4000&early_stop=true&hidden=4&seed=28&animation=0",
           ("rnn", "lstm", "gru", "same"), "rnn", exercise=True),
    Lesson("sine-carried", "sine", "recipe=reference&iterations=2000&seed=0&carried=true",
           ("carried", "zero", "same"), "carried", exercise=True),
    Lesson("sine-horizon", "sine", "recipe=fast&seed=0&horizon=300",
           ("same", "larger", "explodes"), "larger"),
    Lesson("seq2seq-untrained", "seq2seq", "recipe=fast&seed=2",
           ("right", "empty", "letters", "copy"), "letters", exercise=True),
    Lesson("seq2seq-unseen", "seq2seq", "recipe=fast&seed=2&word=dog",
           ("nothing", "letters", "known", "dog"), "known", exercise=True),
    Lesson("bidirectional-backward", "bidirectional", "kind=numbers&hidden=3&layers=1&seed=0",
           ("last-back", "first-back", "last-fwd", "none"), "first-back", exercise=True),
    Lesson("bidirectional-layers", "bidirectional", "kind=numbers&hidden=3&layers=2&seed=0",
           ("four", "two", "zero"), "two"),
    Lesson("shapes-layers", "shapes", "cell=RNN&batch_first=false&num_layers=4",
           ("both", "h_n", "out", "neither"), "h_n", exercise=True),
    Lesson("shapes-batch-first", "shapes", "cell=RNN&batch_first=true&num_layers=1",
           ("all", "x_out", "h_n", "nothing"), "x_out", exercise=True),
    Lesson("language-before", "language", _SMALL_LM, ("one", "vocab", "squared"), "vocab",
           exercise=True),
    Lesson("language-after", "language", _SMALL_LM, ("vocab", "half", "few", "one"), "few",
           exercise=True),
    Lesson("attention-reverse", "attention", "task=reverse&lengths=3-6&example_len=6&seed=0",
           ("anti", "diagonal", "end", "spread"), "anti", exercise=True),
    Lesson("attention-pairs", "attention",
           "task=pairs&score=additive&cell=gru&hidden=64&seed=0",
           ("all", "later", "some", "none"), "all", exercise=True),
]

# In the order a course takes them: by page (ui.catalog's order), then as written.
LESSONS: list[Lesson] = sorted(_LESSONS, key=lambda lesson: _ORDER[lesson.slug])
BY_ID: dict[str, Lesson] = {lesson.id: lesson for lesson in LESSONS}
if len(BY_ID) != len(LESSONS):
    raise ValueError("two lessons share an id")


def of_page(slug: str) -> list[Lesson]:
    return [lesson for lesson in LESSONS if lesson.slug == slug]


def pages_without_lessons() -> list[str]:
    """The slugs of the course's pages that have no lesson yet."""
    have = {lesson.slug for lesson in LESSONS}
    return [entry.slug for entry in PAGES if entry.slug not in have and entry.slug != "lessons"]


def path_of(slug: str) -> str:
    """The page file of `slug` (relative to the app root)."""
    return next(entry.path for entry in PAGES if entry.slug == slug)


def url_path(slug: str) -> str:
    """The page's address, as Streamlit names it: the file name without its number."""
    return re.sub(r"^[0-9]+_", "", PurePosixPath(path_of(slug)).stem)


def query(lesson: Lesson, lang: str, *, teacher: bool = False,
          projector: bool = False) -> dict[str, str]:
    """The link parameters that open `lesson`: language, the page's state, the lesson."""
    params = {"lang": lang, **lesson.params, LESSON_PARAM: lesson.id}
    if teacher:
        params[TEACHER_PARAM] = "1"
    if projector:
        params[PROJECTOR_PARAM] = "true"
    return params


def link(lesson: Lesson, lang: str, *, teacher: bool = False, projector: bool = False,
         base: str = "") -> str:
    """The lesson's link, relative (``activation?lang=en&…``) or under `base`."""
    params = query(lesson, lang, teacher=teacher, projector=projector)
    return f"{base}{url_path(lesson.slug)}?{urlencode(params, safe=',')}"


def translator(lang: str) -> Translator:
    return Translator(STRINGS, lang)


def label(tr: Translator, lesson: Lesson, code: str) -> str:
    return tr(lesson.key(f"choice.{code}"))


# --- in a page run ----------------------------------------------------------------------------

def reset_page(slug: str) -> None:
    """Forget every setting of the page `slug` this session holds (read from the link again)."""
    state = st.session_state
    for key in [key for key in state if str(key).startswith(f"{slug}.")]:
        del state[key]


def teacher_view() -> bool:
    """Answers hidden until revealed: ``?teacher=1`` (kept for the session once seen)."""
    raw = st.query_params.get(TEACHER_PARAM)
    if raw is not None:
        st.session_state[_TEACHER] = raw.lower() in ("1", "true")
    return bool(st.session_state.get(_TEACHER, False))


def _arrive(slug: str) -> None:
    """On the first run of a page (a link, a page switch) with ``lesson=<id>`` in its link:
    the lesson's state is in the link, so the page's old settings are dropped."""
    state = st.session_state
    arrived = state.get(_LAST_PAGE) != slug
    state[_LAST_PAGE] = slug
    lesson = BY_ID.get(st.query_params.get(LESSON_PARAM, ""))
    if arrived and lesson is not None and lesson.slug == slug:
        reset_page(slug)
        state.setdefault(_ACTIVE, {})[slug] = lesson.id


def _set_up(lesson: Lesson, lang: str, projector: bool) -> None:
    reset_page(lesson.slug)
    st.session_state.setdefault(_ACTIVE, {})[lesson.slug] = lesson.id
    st.query_params.from_dict(query(lesson, lang, teacher=teacher_view(), projector=projector))
    st.rerun()


def _answer(tr: Translator, lesson: Lesson) -> None:
    revealed = st.session_state.setdefault(_REVEALED, set())
    if teacher_view() and lesson.id not in revealed:
        st.caption(tr("lessons.hidden"))
        if st.button(tr("lessons.reveal"), key=f"_lesson.reveal.{lesson.id}",
                     icon=":material/visibility:"):
            revealed.add(lesson.id)
            st.rerun()
        return
    st.success(tr("lessons.answer", answer=label(tr, lesson, lesson.right)),
               icon=":material/check_circle:")
    chosen = st.session_state.get(_CHOICE + lesson.id)
    if chosen == lesson.right:
        st.caption(tr("lessons.right"))
    elif chosen is not None:
        st.caption(tr("lessons.wrong", chosen=label(tr, lesson, chosen)))
    st.markdown(tr(lesson.key("why")))


def sidebar(lang: str, slug: str, *, projector: bool = False) -> None:
    """The lessons of the page `slug` in the sidebar; called by ``page.setup``."""
    _arrive(slug)
    lessons = of_page(slug)
    if not lessons:
        return
    tr = translator(lang)
    active = st.session_state.get(_ACTIVE, {}).get(slug)
    with st.sidebar:
        st.subheader(tr("lessons.sidebar"))
        st.caption(tr("lessons.predict"))
        for lesson in lessons:
            with st.container(border=True):
                st.radio(tr(lesson.key("question")), lesson.choices, index=None,
                         format_func=lambda code, lesson=lesson: label(tr, lesson, code),
                         key=_CHOICE + lesson.id, persist_state="session")
                if st.button(tr("lessons.setup"), key=f"_lesson.setup.{lesson.id}",
                             help=tr("lessons.setup.help"), icon=":material/play_lesson:",
                             width="stretch"):
                    _set_up(lesson, lang, projector)
                if active == lesson.id:
                    st.caption(tr("lessons.active"))
                    _answer(tr, lesson)
        index = next((entry for entry in PAGES if entry.slug == "lessons"), None)
        if index is not None and index.exists:
            from ui import page  # ui.page imports this module

            page.link(index.path, tr("lessons.index_link"), index.icon, lang)
