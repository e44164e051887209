"""rnnviz home page: what the app is, and one card per page."""

import streamlit as st

from ui import page
from ui.catalog import PAGES
from ui.text import home

tr = page.setup(home.STRINGS, "home.title")
st.write(tr("home.intro"))
st.info(tr("home.how"), icon=":material/lightbulb:")

columns = st.columns(2)
for index, entry in enumerate(PAGES):
    with columns[index % 2].container(border=True):
        title = tr(f"nav.{entry.slug}")
        if not entry.exists:
            title = f"{title} {tr('home.coming')}"
        # One element for the card's heading and both paragraphs: every element is paid
        # for on each rerun, by every student.
        st.markdown(f"### {title}\n\n"
                    f"**{tr('home.teaches')}:** {tr(f'home.{entry.slug}.teaches')}\n\n"
                    f"**{tr('home.read')}:** {tr(f'home.{entry.slug}.read')}")
        if entry.exists:
            page.link(entry.path, tr("home.open"), entry.icon, tr.lang)
