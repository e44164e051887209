"""The backpropagation-through-time page in AppTest: SPEC 9's gradients, the walk, clipping,
truncation, the editors, bad input and shared links."""

from __future__ import annotations

import json

import pytest
from conftest import app_test, shown_text

EMPTY_EDIT = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}

# SPEC 9: every entry of a matrix is the same number.
SPEC_EVERY = {"L": 2.8581416523835323, "W": 0.13476321402219837, "U": 0.0030300187051967905,
              "b": 0.13471390964117805, "V": 2.8923116243592872, "c": 2.9264815963350426}
SPEC_LAST = {"L": 0.9999506947073352, "W": 9.878301259756232e-05, "U": 4.941338185136092e-05,
             "b": 4.947863157722875e-05, "V": 0.9999630208785595, "c": 0.9999753470497836}


def edit(**changes):
    return {**EMPTY_EDIT, **changes}


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def gradients(at) -> dict[str, tuple[float, float]]:
    """entry -> (by hand, autograd), from the gradients table."""
    table = next(frame.value for frame in at.dataframe
                 if frame.value.columns[0] == "entry" and "torch.autograd" in frame.value.columns)
    return {row.iloc[0]: (float(row.iloc[1]), float(row.iloc[2])) for _, row in table.iterrows()}


def run(target):
    """Run an AppTest, or the AppTest of a widget just given a value; fail on an exception."""
    at = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def at():
    return run(app_test("bptt", lang="en"))


def charts(at) -> list[str]:
    """Each chart's plotly JSON, with its unicode written out."""
    return [json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)
            for chart in at.get("plotly_chart")]


def latex(at, network: bool = False) -> list[str]:
    """The walk's formulas, or (`network`) the network's, drawn while the editors are hidden."""
    formulas = [element.value.strip("$\n") for element in at.latex]
    return [f for f in formulas if f.startswith(r"\begin{gathered}") == network]


def open_editors(at):
    """The tables are drawn only while "Edit the weights, inputs and targets" is on."""
    return run(at.toggle(key="bptt.edit").set_value(True))


def editors(at) -> dict:
    """The drawn table editors by name (W, U, …, x, target): their starting tables."""
    return {d.proto.id.split("bptt.edit_")[-1]: d.value for d in at.dataframe
            if d.proto.editing_mode}


@pytest.mark.parametrize("loss, expected", [("every", SPEC_EVERY), ("last", SPEC_LAST)])
def test_the_default_page_shows_spec_9_gradients(at, loss, expected):
    if loss == "last":
        at = run(at.radio(key="bptt.loss").set_value("last"))
        assert at.query_params["loss"] == "last"
    assert not at.error
    shown = gradients(at)
    for name in ("W", "U", "b", "V", "c"):
        entries = {k: v for k, v in shown.items() if k.startswith(f"{name}[")}
        assert len(entries) == (2 if name in "bc" else 4)
        for hand, autograd in entries.values():
            assert hand == pytest.approx(expected[name], abs=1e-13)
            assert autograd == pytest.approx(expected[name], abs=1e-12)
    assert metrics(at)["Loss L"] == f"{expected['L']:.6g}"
    assert "The walk and torch.autograd agree" in shown_text(at)
    assert f"{expected['L']!r}" in shown_text(at)  # the loss at full float64 precision


def test_the_walk_starts_at_t_equals_T_and_the_slider_changes_the_step(at):
    slider = at.slider(key="bptt.t")
    assert slider.value == 3 and slider.max == 3
    before = latex(at)
    assert before[0].startswith(r"\delta y_{3} = y_{3} - y^*_{3}")
    assert r"\frac{\partial L}{\partial h_{3}} = V^\top \delta y_{3}" in before[1]
    run(at.slider(key="bptt.t").set_value(2))
    after = latex(at)
    assert after != before and after[0].startswith(r"\delta y_{2}")
    assert r"U^\top \delta z_{3}" in after[1]  # what step 3 sends back
    assert "0.00309198" in after[2]  # δz_2 = tanh'(z_2) * dL/dh_2
    assert at.query_params["t"] == "2"
    assert "are the gradients" not in shown_text(at)
    run(at.slider(key="bptt.t").set_value(1))
    assert "are the gradients" in shown_text(at)
    assert "0.00303002" in latex(at)[4]  # the running sum of dL/dU after step 1


def test_play_starts_the_walk_over_from_t_equals_T(at):
    run(at.slider(key="bptt.t").set_value(1))
    run(at.button(key="bptt.play").click())
    assert at.slider(key="bptt.t").value == 3
    assert at.button(key="bptt.play").label == "Pause"
    run(at.button(key="bptt.play").click())
    assert at.button(key="bptt.play").label == "Play"


def test_clipping_changes_the_shown_norm_to_theta(at):
    shown = metrics(at)
    assert shown["‖g‖ before clipping"] == "2204.7" and shown["‖g‖ after clipping"] == "1"
    assert "888.809" in shown_text(at) and "9.447e16" in shown_text(at)
    run(at.number_input(key="bptt.theta").set_value(5.0))
    shown = metrics(at)
    assert shown["‖g‖ after clipping"] == "5" and shown["θ"] == "5"
    assert at.query_params["theta"] == "5"
    run(at.radio(key="bptt.clip_on").set_value("above"))
    shown = metrics(at)
    assert shown["‖g‖ before clipping"] == "7.12035" and shown["‖g‖ after clipping"] == "5"
    run(at.number_input(key="bptt.theta").set_value(10.0))
    assert metrics(at)["‖g‖ after clipping"] == "7.12035"  # under θ: not clipped
    assert metrics(at)["Factor θ/‖g‖ (1: not clipped)"] == "1"


def test_truncation_greys_what_it_drops_and_compares_with_the_full_gradient(at):
    spec = charts(at)[-1]
    assert "dropped by truncation" in spec and "Σ truncated" in spec
    assert metrics(at)["Largest |full − truncated|"] == "1.74e-07"
    run(at.number_input(key="bptt.k").set_value(3))
    assert metrics(at)["Largest |full − truncated|"] == "0"
    assert "dropped by truncation" not in charts(at)[-1]
    assert at.query_params["k"] == "3"


def test_the_recurrent_scale_moves_the_jacobian_norms(at):
    before = charts(at)[1]
    assert "‖∂h_T/∂h_t‖" in before
    assert "1.5268" in shown_text(at)  # ‖∂h_3/∂h_1‖ = 1.5e-7 with the saturated tanh
    run(at.slider(key="bptt.scale").set_value(0.25))
    assert charts(at)[1] != before and at.query_params["scale"] == "0.25"
    assert "3.44691e-06" in shown_text(at)


@pytest.mark.parametrize("value, message", [
    ("abc", "W, row h1, column x2: “abc” is not a number."),
    ("nan", "W, row h1, column x2: NaN is not allowed."),
    ("inf", "W, row h1, column x2: infinity is not allowed."),
])
def test_a_bad_cell_is_named_and_the_rest_keeps_working(at, value, message):
    open_editors(at).session_state["bptt.edit_W"] = edit(edited_rows={0: {"x2": value}})
    run(at)
    assert [e.value for e in at.error] == [message]
    assert "Fix the cells marked above" in shown_text(at)
    assert metrics(at)["‖g‖ after clipping"] == "1"  # the clipping example still works
    assert "W" not in at.query_params
    at.session_state["bptt.edit_W"] = edit(edited_rows={0: {"x2": "0.5"}})
    run(at)
    assert not at.error and at.query_params["W"] == "1,0.5;1,1"


def test_a_bad_target_is_named_by_step_and_output(at):
    open_editors(at).session_state["bptt.edit_target"] = edit(edited_rows={1: {"y*1": "one"}})
    run(at)
    assert [e.value for e in at.error] == ["y*, row t2, column y*1: “one” is not a number."]
    at.session_state["bptt.edit_target"] = edit(edited_rows={1: {"y*1": "0"}})
    run(at)
    assert not at.error and at.query_params["target"] == "1,1;0,1;1,1"


def test_an_empty_sequence_is_an_error_not_a_crash(at):
    open_editors(at).session_state["bptt.edit_x"] = edit(deleted_rows=[0, 1, 2])
    run(at)
    assert any("Input sequence x is empty" in e.value for e in at.error)


def test_a_new_time_step_gets_a_target_row_and_the_walk_grows(at):
    open_editors(at).session_state["bptt.edit_x"] = edit(added_rows=[{"x1": "-1", "x2": "0.5"}])
    run(at)
    assert not at.error
    assert at.slider(key="bptt.t").max == 4
    assert at.query_params["x"] == "1,1;1,1;2,2;-1,0.5"
    assert at.query_params["target"] == "1,1;1,1;1,1;1,1"
    assert len([k for k in gradients(at) if k.startswith("U[")]) == 4


def test_changing_the_sizes_resizes_every_table(at):
    open_editors(at)
    run(at.number_input(key="bptt.n_hidden").set_value(3))
    run(at.number_input(key="bptt.n_out").set_value(1))
    assert not at.error
    assert at.query_params["U"] == "1,1,1;1,1,1;1,1,1" and at.query_params["V"] == "1,1,1"
    assert at.query_params["target"] == "1;1;1"
    assert len([k for k in gradients(at) if k.startswith("U[")]) == 9


def test_identity_with_large_weights_overflows_honestly():
    at = run(app_test("bptt", lang="en", act="identity", U="1e200,0;0,1e200"))
    assert not at.error
    warnings = " ".join(w.value for w in at.warning)
    assert "overflows at step t = 3" in warnings


def test_a_link_round_trip_reproduces_the_view(at):
    run(at.selectbox(key="bptt.act").set_value("relu"))
    run(at.radio(key="bptt.loss").set_value("last"))
    open_editors(at).session_state["bptt.edit_U"] = edit(edited_rows={0: {"h2": "0.5"}})
    run(at)
    run(at.slider(key="bptt.t").set_value(2))
    run(at.radio(key="bptt.param").set_value("W"))
    run(at.slider(key="bptt.scale").set_value(1.5))
    run(at.number_input(key="bptt.theta").set_value(2.5))
    run(at.number_input(key="bptt.k").set_value(1))
    query = dict(at.query_params)
    assert query["U"] == "1,0.5;1,1" and query["act"] == "relu" and query["t"] == "2"
    fresh = run(app_test("bptt", **query))
    assert not fresh.error
    for key in ("bptt.t", "bptt.scale"):
        assert fresh.slider(key=key).value == at.slider(key=key).value
    assert fresh.selectbox(key="bptt.act").value == "relu"
    assert fresh.radio(key="bptt.loss").value == "last"
    assert fresh.radio(key="bptt.param").value == "W"
    assert fresh.number_input(key="bptt.theta").value == 2.5
    assert fresh.number_input(key="bptt.k").value == 1
    assert fresh.toggle(key="bptt.edit").value is True
    assert list(editors(fresh)["U"]["h2"]) == ["0.5", "1"]
    assert charts(fresh) == charts(at)
    assert latex(fresh) == latex(at)


def test_the_editors_open_behind_a_linked_toggle_and_keep_their_edits(at):
    assert not editors(at) and at.toggle(key="bptt.edit").value is False
    network = latex(at, network=True)[0]
    assert r"X = \begin{bmatrix}1 & 1 \\ 1 & 1 \\ 2 & 2\end{bmatrix}" in network
    assert "row t of X is the input x_t" in shown_text(at)
    open_editors(at)
    assert sorted(editors(at)) == ["U", "V", "W", "b", "c", "target", "x"]
    assert at.query_params["edit"] == "true"
    at.session_state["bptt.edit_U"] = edit(edited_rows={0: {"h2": "0.5"}})
    run(at)
    changed = gradients(at)["U[1,1]"][0]
    assert changed != pytest.approx(SPEC_EVERY["U"])
    run(at.toggle(key="bptt.edit").set_value(False))  # hidden: the network stays edited
    assert not editors(at) and "edit" not in at.query_params
    assert at.query_params["U"] == "1,0.5;1,1" and gradients(at)["U[1,1]"][0] == changed
    assert r"U = \begin{bmatrix}1 & 0.5 \\ 1 & 1\end{bmatrix}" in latex(at, network=True)[0]
    open_editors(at)  # shown again: the table starts from the edited weights
    assert list(editors(at)["U"]["h2"]) == ["0.5", "1"]


def test_hidden_editors_keep_the_last_valid_network_while_a_cell_is_bad(at):
    open_editors(at).session_state["bptt.edit_W"] = edit(edited_rows={0: {"x2": "0.5"}})
    run(at)
    at.session_state["bptt.edit_W"] = edit(edited_rows={0: {"x2": "oops"}})
    at.session_state["bptt.edit_target"] = edit(edited_rows={0: {"y*1": "?"}})
    run(at)
    assert len(at.error) == 2
    run(at.toggle(key="bptt.edit").set_value(False))
    assert not at.error and at.query_params["W"] == "1,0.5;1,1"
    assert "target" not in at.query_params and gradients(at)["U[1,1]"][0] > 0
    open_editors(at)  # the bad cells are still there to be fixed
    assert list(editors(at)["W"]["x2"]) == ["oops", "1"] and len(at.error) == 2


@pytest.mark.parametrize("query, fragment", [
    ({"loss": "banana"}, "“banana” for loss"),
    ({"W": "1,x;1,1"}, "“1,x;1,1” for W"),
    ({"U": "1,1,1;1,1,1;1,1,1"}, "Link parameter U: 3 × 3 does not match"),
    ({"target": "1,1;1,1"}, "Link parameter target: 2 × 2 does not match"),
])
def test_a_bad_link_value_is_named_and_the_default_used(query, fragment):
    at = run(app_test("bptt", lang="en", **query))
    errors = " ".join(e.value for e in at.error)
    assert fragment in errors
    assert gradients(at)["U[1,1]"][0] == pytest.approx(SPEC_EVERY["U"], abs=1e-15)


def test_chinese_page_reads_in_chinese():
    at = run(app_test("bptt", lang="zh"))
    text = shown_text(at)
    assert "随时间反向传播" in text and "怎么看" in text and "课程原版示例" in text
    assert "SPEC" not in text
