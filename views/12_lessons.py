"""The lessons index: every page's lessons in course order, each with its link (issue 17)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import cache, lessons, page, settings
from ui.text.lessons import STRINGS

SLUG = "lessons"
tr = page.setup(STRINGS, "lessons.title", icon="📝")


def link_options() -> tuple[bool, bool]:
    left, right = st.columns(2)
    teacher = settings.linked(tr, left.toggle, tr("lessons.teacher"), page=SLUG, name="hide",
                              default=lessons.teacher_view(), codec=settings.boolean(),
                              help=tr("lessons.teacher.help"))
    projector = settings.linked(tr, right.toggle, tr("lessons.projector_links"), page=SLUG,
                                name="projector_links", default=cache.projector_view(),
                                codec=settings.boolean())
    return bool(teacher), bool(projector)


def base_url() -> str:
    """The app's address (ends with "/"), so a copied link works anywhere; "" if unknown."""
    try:
        url = st.context.url or ""
    except Exception:  # no browser behind this run (AppTest)
        return ""
    return url.split("?")[0].rsplit("/", 1)[0] + "/" if url.startswith("http") else ""


def exercise(lesson: lessons.Lesson) -> str:
    return tr(lesson.key("exercise")) if lesson.exercise else ""


def table(teacher: bool, projector: bool, base: str) -> pd.DataFrame:
    return pd.DataFrame({
        tr("lessons.col.n"): range(1, len(lessons.LESSONS) + 1),
        tr("lessons.col.page"): [tr(f"nav.{lesson.slug}") for lesson in lessons.LESSONS],
        tr("lessons.col.question"): [tr(lesson.key("question")) for lesson in lessons.LESSONS],
        tr("lessons.col.exercise"): [exercise(lesson) for lesson in lessons.LESSONS],
        tr("lessons.col.link"): [lessons.link(lesson, tr.lang, teacher=teacher,
                                              projector=projector, base=base)
                                 for lesson in lessons.LESSONS],
    })


def lesson_row(number: int, lesson: lessons.Lesson, teacher: bool, projector: bool,
               base: str) -> None:
    # Four elements a lesson (25 lessons, every student's rerun): no columns around the link.
    with st.container(border=True):
        text = f"**{number}.** {tr(lesson.key('question'))}"
        if lesson.exercise:
            text += f"\n\n*{tr('lessons.exercise', name=exercise(lesson))}*"
        link = lessons.link(lesson, tr.lang, teacher=teacher, projector=projector, base=base)
        target = page.page_object(lessons.path_of(lesson.slug))
        if target is None:  # run as its own script (AppTest): a plain link
            text += f"\n\n[{tr('lessons.open')}]({lessons.link(lesson, tr.lang)})"
        st.markdown(text)
        if target is not None:
            st.page_link(target, label=tr("lessons.open"), icon=":material/play_lesson:",
                         query_params=lessons.query(lesson, tr.lang, teacher=teacher,
                                                    projector=projector))
        st.code(link, language=None, wrap_lines=True)


def main() -> None:
    st.markdown(tr("lessons.intro"))
    teacher, projector = link_options()
    base = base_url()
    number = 0
    for slug in dict.fromkeys(lesson.slug for lesson in lessons.LESSONS):
        st.subheader(tr(f"nav.{slug}"))
        for lesson in lessons.of_page(slug):
            number += 1
            lesson_row(number, lesson, teacher, projector, base)
    missing = lessons.pages_without_lessons()
    if missing:
        st.caption(tr("lessons.none", pages=", ".join(tr(f"nav.{slug}") for slug in missing)))
    page.download_csv(tr, lambda: table(teacher, projector, base), "rnnviz_lessons.csv",
                      key="lessons_csv", cache_key=("lessons.csv", teacher, projector, base))


main()
