"""Nothing a user types is trusted: no HTML injection, no unsafe loaders in the source."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import app_test  # noqa: E402

from ui.catalog import available_pages  # noqa: E402

SCRIPT = "<script>window.__rnnviz_xss = 1</script>"
IMG = '<img src=x onerror="window.__rnnviz_xss = 1">'
SOURCE_FILES = sorted(
    p for folder in ("rnnviz", "ui", "pages") for p in (ROOT / folder).rglob("*.py")
) + [ROOT / "views" / "home.py"]


def page_paths() -> list[str]:
    return [entry.path for entry in available_pages()]


def open_page(path: str):
    """A page run as the app runs it (routed by app.py, its links resolve)."""
    return app_test("app", lang="en").run().switch_page(path).run(timeout=60)


@pytest.mark.parametrize("path", page_paths())
def test_typed_html_is_shown_as_text(path):
    at = open_page(path)
    assert not at.exception
    inputs = [w for w in list(at.text_input) + list(at.text_area) if w.key]
    if not inputs:
        pytest.skip(f"{path} has no text input")
    for payload in (SCRIPT, IMG):
        for widget in inputs:
            widget.set_value(payload)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        # Wherever the payload is shown it goes through markdown/code/text elements,
        # none of which may allow raw HTML.
        for element in at.markdown:
            if "onerror" in element.value or "<script" in element.value:
                assert not element.proto.allow_html, element.value
        for element in at.get("html"):
            assert "onerror" not in str(element.proto) and "<script" not in str(element.proto)


def test_no_unsafe_html_fed_from_user_input():
    offenders = []
    for path in SOURCE_FILES:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"unsafe_allow_html\s*=\s*True", text):
            line = text.count("\n", 0, match.start()) + 1
            call = text[max(0, match.start() - 400): match.start()]
            # Allowed only with a literal/translated string: no f-string or variable from input.
            if re.search(r"f[\"']|session_state|\.value|upload|text_input|format\(", call[-300:]):
                offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert offenders == []


@pytest.mark.parametrize("pattern", [r"\bimport pickle\b|\bpickle\.", r"(?<![\w.])eval\(",
                                     r"(?<![\w.])exec\(", r"\bmarshal\.loads|\bshelve\."])
def test_no_unsafe_loaders_in_source(pattern):
    hits = [f"{p.relative_to(ROOT)}" for p in SOURCE_FILES
            if re.search(pattern, p.read_text(encoding="utf-8"))]
    assert hits == []


def test_torch_load_only_with_weights_only():
    for path in SOURCE_FILES:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"torch\.load\(", text):
            call = text[match.start(): text.find(")", match.start()) + 200]
            assert "weights_only=True" in call, f"{path.relative_to(ROOT)}: torch.load unsafe"
