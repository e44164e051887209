"""rnnviz: the app's entry point. Streamlit's own navigation over the pages in views/
(ui.page.route): titles in the session's language, the home page views/home.py."""

from ui import page

page.route()
