"""From the hello -> ohlol page to the gated-cells page: the network just trained, one click."""

import re

from conftest import app_test, run_until, shown_text


def test_a_trained_lstm_opens_on_the_gated_page_with_the_ohlol_pages_prediction():
    at = app_test("app", lang="en").run()
    at.switch_page("views/3_ohlol.py").run(timeout=60)
    at.selectbox(key="ohlol.variant").set_value("B").run(timeout=60)
    at.selectbox(key="ohlol.cell").set_value("lstm").run(timeout=60)
    at.number_input(key="ohlol.lr").set_value(0.01).run(timeout=60)
    at.number_input(key="ohlol.epochs").set_value(300).run(timeout=60)
    at.select_slider(key="ohlol.animation").set_value(0).run(timeout=60)
    at.button(key="ohlol_train").click().run(timeout=60)
    run_until(at, lambda a: any(b.key == "ohlol.to_gated" for b in a.button), timeout=120)
    # What the ohlol page says its model predicts at the inspected epoch.
    summary = next(m.value for m in at.markdown if m.value.startswith("At the start of epoch"))
    predicted = re.search(r"predicts “(.+?)”", summary).group(1).replace("\\", "")
    at.button(key="ohlol.to_gated").click().run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    text = shown_text(at)
    assert "The network you trained on hello → ohlol" in text
    banner = next(i.value for i in at.info if "The network you trained" in i.value)
    shown = re.search(r"predicted at each step: \*\*(.+?)\*\*", banner).group(1).replace(" ", "")
    assert len(shown) == 5
    assert shown == predicted  # the same network, the same prediction
