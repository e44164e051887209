"""The pages of the app, in teaching order, for the home page and the sidebar."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageEntry:
    path: str  # relative to the app root, as st.page_link wants it
    icon: str
    slug: str  # names the strings home.<slug>.title / .teaches / .read

    @property
    def exists(self) -> bool:
        return _is_file(self.path)


# In the order a course takes them (file numbers only tell the pages apart).
PAGES = [
    PageEntry("views/1_srn.py", ":material/timeline:", "srn"),
    PageEntry("views/2_activation.py", ":material/show_chart:", "activation"),
    PageEntry("views/10_bptt.py", ":material/undo:", "bptt"),
    PageEntry("views/9_gated.py", ":material/valve:", "gated"),
    PageEntry("views/3_ohlol.py", ":material/school:", "ohlol"),
    PageEntry("views/4_sine.py", ":material/waves:", "sine"),
    PageEntry("views/5_seq2seq.py", ":material/translate:", "seq2seq"),
    PageEntry("views/11_attention.py", ":material/center_focus_strong:", "attention"),
    PageEntry("views/6_bidirectional.py", ":material/swap_horiz:", "bidirectional"),
    PageEntry("views/7_shapes.py", ":material/view_in_ar:", "shapes"),
    PageEntry("views/8_language_model.py", ":material/text_fields:", "language"),
    # Not a course page: every page's lessons in the order above (ui.lessons).
    PageEntry("views/12_lessons.py", ":material/quiz:", "lessons"),
]


@functools.cache  # looked at on every run, by every student; pages do not come and go
def _is_file(path: str) -> bool:
    return (ROOT / path).is_file()


def available_pages() -> list[PageEntry]:
    return [page for page in PAGES if page.exists]
