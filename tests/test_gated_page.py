"""The gated-cells page in AppTest: the course example's numbers as t moves (LSTM and GRU),
bad cells named, links, the memory lesson, and the handoff of a trained hello -> ohlol net."""

from __future__ import annotations

import pytest
import torch
from conftest import app_test, shown_text

from rnnviz import ohlol
from ui import handoff

EMPTY_EDIT = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}

# SPEC 8's tables: (t, gate values..., c_t, h_t) per cell; both units are equal.
LSTM = {1: {"i": "0.7310585786", "f": "0.880797078", "g": "0.761594156",
            "o": "0.7310585786", "c": "0.5567699411", "h": "0.3696063529"},
        2: {"i": "0.7973165465", "f": "0.9144800799", "g": "0.8786024502",
            "o": "0.7973165465", "c": "1.2096792916", "h": "0.6670216767"},
        3: {"i": "0.9350523938", "f": "0.9750841998", "g": "0.990397282",
            "o": "0.9350523938", "c": "2.1056125133", "h": "0.9077273021"}}
GRU = {1: {"r": "0.7310585786", "z": "0.880797078", "n": "0.761594156", "h": "0.0907842488"},
       2: {"r": "0.748529372", "z": "0.8900042245", "n": "0.7886893982", "h": "0.1675508669"},
       3: {"r": "0.8972974869", "z": "0.9595947319", "n": "0.9732442778", "h": "0.2001051252"}}


def edit(**changes):
    return {**EMPTY_EDIT, **changes}


def open_editors(at):
    """The tables are drawn only while "Edit the weights and the inputs" is on."""
    return at.toggle(key="gated.edit").set_value(True).run()


def vectors(at) -> dict[str, list[str]]:
    """The step table: row label -> the values of units 1, 2, ..."""
    frame = at.dataframe[0].value
    return {label.split()[-1]: list(frame.loc[label]) for label in frame.index}


def trace(at):
    return at.dataframe[1].value


@pytest.fixture
def at():
    page = app_test("gated", lang="en").run()
    assert not page.exception, [e.value for e in page.exception]
    return page


def check_lstm_step(at, t: int) -> None:
    shown = vectors(at)
    assert shown[f"c_{t}"] == [LSTM[t]["c"]] * 2 and shown[f"h_{t}"] == [LSTM[t]["h"]] * 2
    row = trace(at).iloc[t - 1]
    for gate in "ifgo":
        assert abs(row[f"{gate}1"] - float(LSTM[t][gate])) < 1e-9
    latex = "\n".join(e.value for e in at.latex)
    assert f"{float(LSTM[t]['i']):.6g}" in latex and f"{float(LSTM[t]['c']):.6g}" in latex


def test_default_lstm_shows_the_course_example_as_t_moves(at):
    assert not at.error
    assert at.radio(key="gated.cell").value == "lstm"
    check_lstm_step(at, 1)
    for t in (2, 3):
        at.slider(key="gated.t").set_value(t).run()
        assert not at.exception
        check_lstm_step(at, t)
    assert at.query_params["t"] == "3"
    text = shown_text(at)
    assert "nn.LSTMCell" in text and "agree" in text
    assert "How to read this" in text


def test_default_gru_shows_the_course_example_as_t_moves(at):
    at.radio(key="gated.cell").set_value("gru").run()
    assert not at.exception and not at.error
    for t in (1, 2, 3):
        if t > 1:
            at.slider(key="gated.t").set_value(t).run()
        shown = vectors(at)
        assert shown[f"h_{t}"] == [GRU[t]["h"]] * 2
        row = trace(at).iloc[t - 1]
        for gate in "rzn":
            assert abs(row[f"{gate}1"] - float(GRU[t][gate])) < 1e-9
    text = shown_text(at)
    assert "d2l" in text and "nn.GRUCell" in text
    assert at.query_params["cell"] == "gru"


@pytest.mark.parametrize("gate, column, value, message", [
    ("f", "W_if·x2", "abc", "Gate f, W_if, row 1, column 2: “abc” is not a number."),
    ("o", "W_ho·h1", "nan", "Gate o, W_ho, row 1, column 1: NaN is not allowed."),
    ("i", "b_hi", "", "Gate i, b_hi, row 1, column 1: this cell is empty."),
])
def test_a_bad_cell_names_gate_matrix_row_and_column(at, gate, column, value, message):
    open_editors(at).session_state[f"gated.edit_{gate}"] = edit(edited_rows={0: {column: value}})
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    assert vectors(at)["h_1"] == [LSTM[1]["h"]] * 2  # the last valid network
    assert any("last valid network" in w.value for w in at.warning)


def test_a_bad_input_cell_names_the_step(at):
    open_editors(at).session_state["gated.edit_x"] = edit(edited_rows={2: {"x1": "two"}})
    at.run()
    assert [e.value for e in at.error] == [
        "Input sequence x, step t = 3, x1: “two” is not a number."]


def test_an_edit_changes_the_numbers_and_the_link(at):
    open_editors(at).session_state["gated.edit_f"] = edit(
        edited_rows={0: {"b_if": "0"}, 1: {"b_if": "0"}})
    at.run()
    assert not at.error
    assert abs(trace(at).iloc[0]["f1"] - 0.7310585786) < 1e-9  # sigma(1), no longer sigma(2)
    assert trace(at).iloc[1]["c1"] != pytest.approx(float(LSTM[2]["c"]))
    assert at.query_params["f"] == "0.5,0.5,0.5,0.5,0,0;0.5,0.5,0.5,0.5,0,0"


def test_link_round_trip_reproduces_the_view(at):
    at.radio(key="gated.cell").set_value("gru").run()
    at.number_input(key="gated.n_hidden").set_value(3).run()
    at.slider(key="gated.t").set_value(2).run()
    at.slider(key="gated.bias").set_value(2.0).run()
    assert not at.exception and not at.error
    query = dict(at.query_params)
    assert query["n_hidden"] == "3" and query["bias"] == "2"
    fresh = app_test("gated", **query).run()
    assert not fresh.exception and not fresh.error
    assert fresh.radio(key="gated.cell").value == "gru"
    assert fresh.slider(key="gated.t").value == 2
    assert fresh.number_input(key="gated.n_hidden").value == 3
    assert fresh.slider(key="gated.bias").value == 2.0
    charts = [c.proto.spec for c in at.get("plotly_chart")]
    assert charts == [c.proto.spec for c in fresh.get("plotly_chart")]
    assert vectors(fresh) == vectors(at)


@pytest.mark.parametrize("query, name", [({"cell": "banana"}, "cell"), ({"t": "12"}, "t"),
                                         ({"f": "1,x;1,1"}, "f"), ({"bias": "99"}, "bias")])
def test_a_bad_link_value_is_named_and_the_default_used(query, name):
    at = app_test("gated", lang="en", **query).run()
    assert not at.exception
    assert any(f"for {name} (" in e.value for e in at.error), [e.value for e in at.error]
    assert vectors(at)["h_1"] == [LSTM[1]["h"]] * 2


def test_memory_lesson_states_its_numbers(at):
    text = shown_text(at)
    assert "the LSTM and GRU curves are the same line" in text
    at.slider(key="gated.steps").set_value(51).run()
    text = shown_text(at)
    # sigma(4)^50 = 0.41: the pulse is 41% left after 50 steps; the SRN's almost gone.
    assert "the LSTM 0.4" in text
    at.slider(key="gated.bias").set_value(0.0).run()
    assert "f = z = 0.5)" in shown_text(at)


def test_chinese_page():
    at = app_test("gated", lang="zh").run()
    assert not at.exception and not at.error
    assert at.header[0].value.startswith("1 · 单步计算")
    assert "怎么看" in shown_text(at)


def trained_model(cell: str, hidden: int, epochs: int = 60):
    data = ohlol.Data("hello", "ohlol")
    trainer = ohlol.Trainer(ohlol.OhlolConfig(variant="B", cell=cell, hidden=hidden, lr=0.05,
                                              epochs=epochs), data)
    for _ in range(epochs):
        trainer.epoch()
    return trainer.model, data


@pytest.mark.parametrize("cell, hidden", [("lstm", 4), ("gru", 12)])
def test_the_handoff_shows_the_trained_network(cell, hidden):
    model, data = trained_model(cell, hidden)
    with torch.no_grad():
        logits, _ = model(data.x(), model.init_hidden(1))
    own = data.decode(logits[0].argmax(dim=-1).tolist())
    at = app_test("gated", lang="en")
    trained = handoff.store(model, data, state=at.session_state)
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    banner = at.info[0].value
    assert "The network you trained on hello → ohlol" in banner
    assert f"predicted at each step: **{' '.join(own)}**" in banner
    assert trained.predictions(trained.run())[0] == own[0]
    outputs = next(t for t in at.get("plotly_chart")[1].proto.spec.split('"name":')
                   if t.startswith('"prediction"'))
    assert f'"{own[0]}"' in outputs  # the unrolled picture's prediction row
    assert len([v for v in vectors(at)["h_1"] if v]) == min(hidden, 8)
    warned = [w.value for w in at.warning]
    assert any("shows the first 8" in w for w in warned)  # 10 embedding inputs, always
    if hidden > 8:
        assert any(f"has {hidden} hidden units" in w for w in warned)
    at.button(key="gated.back").click().run()
    assert not at.exception and "The network you trained" not in shown_text(at)
    assert vectors(at)["h_1"] == [LSTM[1]["h"]] * 2


def test_the_handoff_button_stores_the_network():
    assert not handoff.can_offer(ohlol.build_model(ohlol.spec_config("A"), 4))
    model, _ = trained_model("rnn", 4, epochs=1)
    assert not handoff.can_offer(model)
    model, _ = trained_model("gru", 4, epochs=1)
    assert handoff.can_offer(model)


def editors(at) -> dict:
    """The drawn table editors by name (i, f, ..., x): their starting tables."""
    return {d.proto.id.split("gated.edit_")[-1]: d.value for d in at.dataframe
            if d.proto.editing_mode}


def test_the_editors_open_behind_a_linked_toggle_and_keep_their_edits(at):
    assert not editors(at) and at.toggle(key="gated.edit").value is False
    open_editors(at)
    assert sorted(editors(at)) == ["f", "g", "i", "o", "x"]
    assert at.query_params["edit"] == "true"
    at.session_state["gated.edit_f"] = edit(edited_rows={0: {"b_if": "0"}, 1: {"b_if": "0"}})
    at.run()
    changed = trace(at).iloc[1]["c1"]
    at.toggle(key="gated.edit").set_value(False).run()  # hidden: the network stays edited
    assert not editors(at) and "edit" not in at.query_params
    assert trace(at).iloc[1]["c1"] == changed and at.query_params["f"].endswith(",0,0")
    open_editors(at)  # shown again: the table starts from the edited weights
    assert list(editors(at)["f"]["b_if"]) == ["0", "0"] and trace(at).iloc[1]["c1"] == changed
    fresh = app_test("gated", lang="en", edit="true", f=at.query_params["f"]).run()
    assert not fresh.exception and list(editors(fresh)["f"]["b_if"]) == ["0", "0"]
    assert trace(fresh).iloc[1]["c1"] == changed


def test_play_starts_again_from_the_first_step_at_the_end(at):
    at.slider(key="gated.t").set_value(3).run()
    assert at.button(key="gated.play").label == "Play"
    at.button(key="gated.play").click().run()
    assert at.slider(key="gated.t").value == 1 and at.button(key="gated.play").label == "Pause"
    at.button(key="gated.play").click().run()
    assert at.button(key="gated.play").label == "Play" and at.slider(key="gated.t").value == 1
