"""Page set-up shared by every page: language, title, navigation, small helpers."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import cache, failover, lessons, settings, turns, widget_state
from ui.cache import LANG_KEY, PROJECTOR_KEY
from ui.catalog import available_pages
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, Strings, Translator, merge
from ui.text import common

if TYPE_CHECKING:  # pandas loads with the first table, not with the home page
    import pandas as pd

HOME_PATH = "views/home.py"

turns.install()  # every page imports this module: from here on, scripts run in turns
failover.install()  # and a tab reconnecting from a dead server reloads its page
widget_state.install()  # and widgets look up their own key, not a copy of the state


def _warm_up_torch(delay: float = 1.0) -> None:
    """Import torch and what the first optimizer would (torch._dynamo): ~4 s of the GIL.

    Not before the first page is drawn: the home page needs no torch, so a newcomer on a
    cold server sees it at once. In the background once the run that first imported this
    module has finished (and `delay` later, while the browser draws it), taking a turn
    like a script run (ui.turns), so that no script waits on a half-done import and the
    first student to open a training page does not pay it while the class queues behind.
    Outside a script run (a notebook, a bench) it starts at once. RNNVIZ_WARM_UP=0: never;
    =first: in the first run, before its page is drawn (as before; the lecture-hall bench
    compares the two).
    """
    import os
    import sys
    import threading
    import time

    mode = os.environ.get("RNNVIZ_WARM_UP", "").strip().lower()
    if mode == "0":
        return
    if mode == "first":
        import torch._dynamo  # noqa: F401
        return
    drawing = threading.current_thread() if get_script_run_ctx() is not None else None

    def warm_up() -> None:
        if drawing is not None:
            drawing.join()  # the first page's script run is over
            time.sleep(delay)
        from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

        gate = getattr(ScriptRunner._run_script, "gate", None)  # set by turns.install()
        holding = gate.acquire(timeout=turns.WAIT_SECONDS) if gate is not None else False
        started = time.monotonic()
        try:
            import torch._dynamo  # noqa: F401
        finally:
            if holding:
                gate.release()
        print(f"rnnviz: torch warmed up in {time.monotonic() - started:.1f} s, after the first "
              "page", file=sys.stderr, flush=True)

    threading.Thread(target=warm_up, name="rnnviz-warm-up", daemon=True).start()


_warm_up_torch()


_CHOSEN = "_rnnviz_lang"  # the language, kept apart from the widget across page switches


def _remember_language() -> None:
    st.session_state[_CHOSEN] = st.session_state[LANG_KEY]


def choose_language() -> str:
    """Sidebar language choice, kept in the URL (`?lang=zh`) and for the whole session.

    The choice is kept under a key of its own: on the first run after a page switch a
    widget that was not drawn in the previous run starts from its default."""
    state = st.session_state
    if _CHOSEN not in state:
        from_url = st.query_params.get(LANG_KEY)
        state[_CHOSEN] = from_url if from_url in LANGUAGES else DEFAULT_LANGUAGE
    state[LANG_KEY] = state[_CHOSEN]
    lang = st.sidebar.selectbox("Language / 语言", list(LANGUAGES),
                                format_func=LANGUAGES.__getitem__, key=LANG_KEY,
                                on_change=_remember_language)
    if st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
    settings.resend_after_language_change(lang)
    return lang


_PAGES: dict[tuple[str, str], st.Page | None] = {}


def page_object(path: str) -> st.Page | None:
    """The page at `path` (relative to the app root), made once per process.

    A link given a path resolves it on disk on every run (nine links a run, and
    a class of forty rerunning); a page object made once does not. None where
    there is no such page, as for a page run as its own entry script (AppTest,
    a notebook), which has no multipage registry to link into.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    where = (str(ctx.pages_manager.main_script_parent), path)
    if where not in _PAGES:
        try:
            _PAGES[where] = st.Page(path, default=path == HOME_PATH)
        except StreamlitPageNotFoundError:
            _PAGES[where] = None
    return _PAGES[where]


def link(path: str, label: str, icon: str, lang: str) -> None:
    """A link to the page at `path` that keeps the language."""
    target = page_object(path)
    if target is not None:
        st.page_link(target, label=label, icon=icon, query_params={LANG_KEY: lang})


_ROUTED = threading.local()  # the language route() chose, while it runs the chosen page
_NAVIGATION = "_rnnviz_navigation"  # (language, this session's page objects)


def _titled_pages(lang: str) -> list[st.Page]:
    """The pages titled in `lang`, made once per session and language (a page object
    records whether it may run, so sessions do not share them)."""
    made = st.session_state.get(_NAVIGATION)
    if made is None or made[0] != lang:
        tr = Translator(common.STRINGS, lang)
        pages = [st.Page(HOME_PATH, title=tr("nav.home"), icon=":material/home:", default=True)]
        pages += [st.Page(entry.path, title=tr(f"nav.{entry.slug}"), icon=entry.icon)
                  for entry in available_pages()]
        made = st.session_state[_NAVIGATION] = (lang, pages)
    return made[1]


def route() -> None:
    """app.py: Streamlit's navigation over the catalog's pages, titled in the session's
    language, then the chosen page (which calls setup)."""
    lang = choose_language()
    chosen = st.navigation(_titled_pages(lang), expanded=True)
    _ROUTED.lang = lang
    try:
        chosen.run()
    finally:
        _ROUTED.lang = None


def setup(strings: Strings, title_key: str, *, icon: str = ":material/autorenew:") -> Translator:
    """Configure the page, draw the sidebar, and return the page's translator.

    Run by route() (the app), the language is already chosen; a page run on its own
    (AppTest, `streamlit run views/1_srn.py`) draws the choice itself."""
    lang = getattr(_ROUTED, "lang", None) or choose_language()
    tr = Translator(merge(common.STRINGS, strings), lang)
    # Once, now that the title's language is known: each call is a message on every rerun.
    st.set_page_config(page_title=f"{tr(title_key)} · rnnviz", page_icon=icon, layout="wide")
    projector = projector_switch(tr)
    lessons.sidebar(lang, title_key.split(".")[0], projector=projector)
    st.title(tr(title_key))
    return tr


def projector_switch(tr: Translator) -> bool:
    """The projector view (larger figure fonts and lines, ui.cache), kept in the link."""
    page_name, name = PROJECTOR_KEY.split(".")
    with st.sidebar:
        return bool(settings.linked(tr, st.toggle, tr("view.projector"), page=page_name,
                                    name=name, default=False, codec=settings.boolean(),
                                    help=tr("view.projector.help")))


def how_to_read(tr: Translator, key: str, **values: object) -> None:
    """The one-line reading guide under a figure."""
    st.caption(tr("how_to_read", text=tr(key, **values)))


def metrics(*items: tuple) -> None:
    """One row of metrics, a column each: (label, value) or (label, value, st.metric options)."""
    for column, (label, value, *options) in zip(st.columns(len(items)), items, strict=True):
        column.metric(label, value, **(options[0] if options else {}))


def chart(tr: Translator, figure: Any, *, key: str, read: str, where: Any = None,
          **values: object) -> None:
    """A figure as wide as `where` (a column; None: the page) and under it its one-line
    reading guide `read` (ui.page.how_to_read) with `values`, the numbers it shows."""
    with contextlib.nullcontext() if where is None else where:
        st.plotly_chart(figure, width="stretch", key=key)
        how_to_read(tr, read, **values)


def download_csv(tr: Translator, table: pd.DataFrame | Callable[[], pd.DataFrame],
                 file_name: str, *, key: str, cache_key: Hashable | None = None) -> None:
    """A CSV download of `table`. With `cache_key` (naming the table and everything its
    content depends on) the CSV is written once for every session, and `table` may be a
    function that builds the frame only then."""
    if cache_key is not None:
        data = cache.csv(cache_key, table if callable(table) else lambda: table)
    else:
        data = (table() if callable(table) else table).to_csv(index=False).encode("utf-8")
    st.download_button(
        tr("download_csv"),
        data,
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
    )


def uploader_words(tr: Translator, key: str, *, size_mb: int, types: str) -> None:
    """The file uploader `key`'s own words ("Upload", "2MB per file") in the page's language.

    Streamlit 1.67 draws them in English whatever the language and has no option to change
    them; a style sheet scoped to this one widget (its ``st-key-…`` class) hides the English
    text and shows the translation in its place. English needs nothing.
    """
    if tr.lang == "en":
        return
    scope = ".st-key-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)  # as Streamlit names the class
    button = tr("uploader.button").replace('"', "")
    limit = tr("uploader.limit", size=size_mb, types=types).replace('"', "")
    st.html(f"""<style>
{scope} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
{scope} [data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
{scope} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after
  {{ content: "{button}"; font-size: 0.875rem; }}
{scope} [data-testid="stFileUploaderDropzoneInstructions"] span::after
  {{ content: "{limit}"; font-size: 0.875rem; }}
</style>""")


def literal(text: str) -> str:
    """Typed text inside markdown (labels, captions): shown as typed, never as markup."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


def code_span(text: str) -> str:
    """Typed text as a markdown code span (shown as typed, a backtick inside it included)."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def metric_change(value: float) -> dict[str, str]:
    """st.metric's delta for a change of a loss: its sign once (a true minus, no arrow), green
    when it fell."""
    colour = "green" if value < 0 else "red" if value > 0 else "gray"
    return dict(delta=f"{value:+.4f}".replace("-", "\N{MINUS SIGN}"), delta_color=colour,
                delta_arrow="off")


def translated(tr: Translator, frame: pd.DataFrame, prefix: str,
               keys: dict[str, str] | None = None) -> pd.DataFrame:
    """`frame` with each column code translated: by `keys`, else as the string prefix.code."""
    keys = keys or {}
    return frame.rename(columns=lambda code: tr(keys.get(code, f"{prefix}.{code}")))


def shared_table(tr: Translator, key: Hashable, build: Callable[[], pd.DataFrame], name: str,
                 file_name: str, *, download: bool = True, **kwargs: Any) -> None:
    """The table `build()` makes, named by `key` (ui.cache: built and converted once for the
    class), as the dataframe "<name>_table", and its CSV download "<name>_csv"."""
    st.dataframe(cache.table(key, build), hide_index=True, key=f"{name}_table", **kwargs)
    if download:
        download_csv(tr, build, file_name, key=f"{name}_csv", cache_key=key)


def read_links(setting: settings.PageSettings, **codecs: settings.Codec) -> None:
    """Read settings whose widgets are not drawn yet from the link, each with its codec and
    its page default, so that a bad value is named as the page opens."""
    for name, codec in codecs.items():
        settings.read_link(setting.tr, setting.label(name), page=setting.page, name=name,
                           default=setting.defaults[name], codec=codec)


def within(setting: settings.PageSettings, widget: Callable, name: str, codec: settings.Codec,
           fits: Callable[[Any], bool], fallback: Any, **kwargs: Any) -> Any:
    """A setting whose choices follow a run (a new range is a new widget to Streamlit, so
    the value is handed to it every run): read from the link with `codec` (every value it
    can ever take); a value that does not fit this run becomes `fallback`."""
    settings.read_link(setting.tr, setting.label(name), page=setting.page, name=name,
                       default=fallback, codec=codec)
    chosen = setting.value(name)
    setting.assign(**{name: chosen if fits(chosen) else fallback})
    return setting.linked(widget, name, codec, default=fallback, **kwargs)
