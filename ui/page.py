"""Page set-up shared by every page: language, title, navigation, small helpers."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError
from streamlit.runtime.scriptrunner import get_script_run_ctx

from rnnviz.jobs import DetachedJob, Job
from ui import figures, turns
from ui.catalog import available_pages
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, Strings, Translator, merge
from ui.text import common

LANG_KEY = "lang"
_CHOSEN = "_rnnviz_lang"  # survives page switches; the widget's own state may not
_SHOWN_PAGE = "_rnnviz_page"
HOME_PATH = "app.py"

turns.install()  # every page imports this module: from here on, scripts run in turns


def _warm_up_torch() -> None:
    """Import what the first optimizer would: torch._dynamo, about a second of the GIL.

    Done here, in the first run after the server starts, rather than in the script of
    the first student to open a training page while the rest of the class queues
    behind it."""
    import torch._dynamo  # noqa: F401


_warm_up_torch()


def _remember_language() -> None:
    st.session_state[_CHOSEN] = st.session_state[LANG_KEY]


def choose_language() -> str:
    """Sidebar language choice, seeded from and written back to the URL (`?lang=zh`)."""
    if _CHOSEN not in st.session_state:
        from_url = st.query_params.get(LANG_KEY)
        st.session_state[_CHOSEN] = from_url if from_url in LANGUAGES else DEFAULT_LANGUAGE
    codes = list(LANGUAGES)
    lang = st.sidebar.selectbox(
        "Language / 语言",
        codes,
        index=codes.index(st.session_state[_CHOSEN]),
        format_func=LANGUAGES.__getitem__,
        key=LANG_KEY,
        on_change=_remember_language,
    )
    st.session_state[_CHOSEN] = lang
    if st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
    return lang


_PAGES: dict[tuple[str, str], st.Page | None] = {}


def _page(path: str) -> st.Page | None:
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
    target = _page(path)
    if target is not None:
        st.page_link(target, label=label, icon=icon, query_params={LANG_KEY: lang})


def navigation(tr: Translator) -> None:
    lang = st.session_state[_CHOSEN]
    with st.sidebar:
        link(HOME_PATH, tr("nav.home"), ":material/home:", lang)
        for page in available_pages():
            link(page.path, tr(f"nav.{page.slug}"), page.icon, lang)


def forget_other_pages_settings(page_id: str) -> None:
    """On arriving from another page, drop the settings that page left behind.

    Streamlit keeps a key's value across a page switch, and pages reuse plain
    keys ("hidden", "cell", "seed") with other types and ranges: the language
    page's hidden size 256 would arrive in the bidirectional page's slider of
    at most 8. The language choice, underscored bookkeeping and training jobs
    (a run keeps going while the student looks at another page) stay.
    """
    previous = st.session_state.get(_SHOWN_PAGE)
    st.session_state[_SHOWN_PAGE] = page_id
    if previous is None or previous == page_id:
        return
    for key in list(st.session_state.keys()):
        if str(key).startswith("_") or key == LANG_KEY:
            continue
        if isinstance(st.session_state[key], Job | DetachedJob):
            continue
        del st.session_state[key]


def setup(strings: Strings, title_key: str, *, icon: str = "🔁") -> Translator:
    """Configure the page, draw the sidebar, and return the page's translator."""
    forget_other_pages_settings(title_key)
    lang = choose_language()
    tr = Translator(merge(common.STRINGS, strings), lang)
    # Once, now that the title's language is known: each call is a message on every rerun.
    st.set_page_config(page_title=f"{tr(title_key)} · rnnviz", page_icon=icon, layout="wide")
    navigation(tr)
    st.title(tr(title_key))
    return tr


def how_to_read(tr: Translator, key: str, **values: object) -> None:
    """The one-line reading guide under a figure."""
    st.caption(tr("how_to_read", text=tr(key, **values)))


def download_csv(tr: Translator, table: pd.DataFrame | Callable[[], pd.DataFrame],
                 file_name: str, *, key: str, cache_key: Hashable | None = None) -> None:
    """A CSV download of `table`. With `cache_key` (naming the table and everything its
    content depends on) the CSV is written once for every session, and `table` may be a
    function that builds the frame only then."""
    if cache_key is not None:
        data = figures.csv(cache_key, table if callable(table) else lambda: table)
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
