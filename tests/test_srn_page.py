"""The SRN stepping page in AppTest: stepping, editing, bad input, shared links, Play."""

from __future__ import annotations

import pytest
from conftest import app_test, shown_text

EMPTY_EDIT = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def edit(**changes):
    return {**EMPTY_EDIT, **changes}


def metrics(at) -> dict[str, str]:
    return {m.label.split("$")[1]: m.value for m in at.metric}


@pytest.fixture
def plain():
    """The page as a link without settings opens it: the tables hidden."""
    page = app_test("srn", lang="en").run()
    assert not page.exception, [e.value for e in page.exception]
    return page


@pytest.fixture
def at(plain):
    """The page with its tables open ("Edit the weights and the inputs")."""
    return open_editors(plain)


def open_editors(at):
    at.toggle(key="srn.edit").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def editors(at) -> dict:
    """The drawn table editors by name (W, U, …, x): their starting tables."""
    return {d.proto.id.split("srn.edit_")[-1]: d.value for d in at.dataframe
            if d.proto.editing_mode}


def test_first_load_shows_spec_step_one_and_agreement(plain):
    at = plain
    assert metrics(at) == {"x_{1}": "[1, 1]", "h_{0}": "[0, 0]",
                           "h_{1}": "[0.964028, 0.964028]", "y_{1}": "[1.92806, 1.92806]"}
    assert not at.error
    text = shown_text(at)
    assert "All three agree" in text
    assert dict(at.query_params) == {"lang": "en"}  # the default view: a short link


def test_moving_t_changes_the_numbers_shown(at):
    before_latex = [e.value for e in at.latex]
    at.slider(key="srn.t").set_value(3).run()
    assert not at.exception
    assert metrics(at)["x_{3}"] == "[2, 2]" and metrics(at)["h_{2}"] == "[0.999226, 0.999226]"
    assert metrics(at)["h_{3}"] == "[0.999988, 0.999988]"
    latex = [e.value for e in at.latex]
    assert latex != before_latex and "z_{3} = W x_{3} + U h_{2} + b =" in latex[0]
    assert at.query_params["t"] == "3"


def test_identity_gives_the_unbounded_spec_figures_and_explains_torch(at):
    at.selectbox(key="srn.act").set_value("identity").run()
    at.slider(key="srn.t").set_value(3).run()
    assert not at.exception
    assert metrics(at)["h_{3}"] == "[16, 16]" and metrics(at)["y_{3}"] == "[32, 32]"
    assert any("only support tanh and relu" in str(info.value) for info in at.info)
    assert at.query_params["act"] == "identity"


@pytest.mark.parametrize("value, message", [
    ("abc", "W, row h1, column x2: “abc” is not a number."),
    ("nan", "W, row h1, column x2: NaN is not allowed."),
    ("inf", "W, row h1, column x2: infinity is not allowed."),
    ("", "W, row h1, column x2: this cell is empty."),
])
def test_a_bad_cell_is_named_and_the_page_keeps_working(at, value, message):
    at.session_state["srn.edit_W"] = edit(edited_rows={0: {"x2": value}})
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    assert metrics(at)["h_{1}"] == "[0.964028, 0.964028]"  # the last valid network
    assert "W" not in at.query_params  # the link keeps it: the default W
    at.session_state["srn.edit_W"] = edit(edited_rows={0: {"x2": "0.5"}})
    at.run()
    assert not at.error and metrics(at)["x_{1}"] == "[1, 1]"
    assert at.query_params["W"] == "1,0.5;1,1"


def test_a_bad_input_cell_names_the_time_step(at):
    at.session_state["srn.edit_x"] = edit(edited_rows={2: {"x1": "two"}})
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Input sequence x, step t = 3, x1: “two” is not a number."]


def test_an_empty_sequence_is_an_error_not_a_crash(at):
    at.session_state["srn.edit_x"] = edit(deleted_rows=[0, 1, 2])
    at.run()
    assert not at.exception
    assert any("Input sequence x is empty" in e.value for e in at.error)
    assert at.slider(key="srn.t").max == 3  # still drawing the last valid run


def test_adding_a_time_step_extends_the_run(at):
    at.session_state["srn.edit_x"] = edit(added_rows=[{"x1": "-1", "x2": "0.5"}])
    at.run()
    assert not at.exception and not at.error
    at.slider(key="srn.t").set_value(4).run()
    assert metrics(at)["x_{4}"] == "[-1, 0.5]"
    assert at.query_params["x"] == "1,1;1,1;2,2;-1,0.5"


def test_changing_the_sizes_resizes_every_matrix(at):
    at.number_input(key="srn.n_hidden").set_value(3).run()
    at.number_input(key="srn.n_in").set_value(1).run()
    assert not at.exception and not at.error
    assert metrics(at)["h_{1}"].count(",") == 2 and metrics(at)["x_{1}"] == "[1]"
    assert at.query_params["U"] == "1,1,1;1,1,1;1,1,1" and at.query_params["W"] == "1;1;1"


def test_a_shared_link_reproduces_the_view():
    at = app_test("srn", lang="zh", W="2,0;0,2", U="0.5,0;0,0.5", b="1,0", V="1,1",
                  c="0", x="1,0;0,1;1,1;3,3", t="4", act="relu").run()
    assert not at.exception and not at.error
    # h1=[3,0], h2=[2.5,2], h3=[4.25,3], h4=[9.125,7.5]; y4 = 16.625
    assert metrics(at)["h_{4}"] == "[9.125, 7.5]" and metrics(at)["y_{4}"] == "[16.625]"
    assert at.slider(key="srn.t").value == 4 and at.selectbox(key="srn.act").value == "relu"
    assert at.query_params["V"] == "1,1" and at.query_params["lang"] == "zh"
    assert "三者一致" in shown_text(at)


@pytest.mark.parametrize("query, fragment", [
    ({"W": "1,x;1,1"}, "The link's value “1,x;1,1” for W (matrix W) cannot be used"),
    ({"U": "nan,1;1,1"}, "The link's value “nan,1;1,1” for U (matrix U) cannot be used"),
    ({"x": "1,1,1;2,2,2"}, "Link parameter x: 2 × 3 does not match the other matrices"),
    ({"b": "0,0,0"}, "Link parameter b: 1 × 3 does not match the other matrices"),
    ({"t": "12"}, "The link's value “12” for t (Time step t) cannot be used; showing 1"),
    ({"act": "softmax"}, "The link's value “softmax” for act (Activation f) cannot be used"),
    ({"W": "1,1;1"}, "The link's value “1,1;1” for W (matrix W) cannot be used"),
])
def test_a_bad_link_value_is_named_and_the_defaults_are_used(query, fragment):
    at = app_test("srn", lang="en", **query).run()
    assert not at.exception
    assert any(fragment in e.value for e in at.error), [e.value for e in at.error]
    assert metrics(at)["x_{1}"] == "[1, 1]"  # the default network for the bad field


def test_overflow_is_shown_up_to_its_step():
    at = app_test("srn", lang="en", W="1e100,1e100;1e100,1e100",
                  U="1e100,1e100;1e100,1e100", x="1,1;1,1;1,1;1,1;1,1", act="identity",
                  t="5").run()
    assert not at.exception
    # h_t = (2e100)^t roughly: 8e300 at t=3, beyond float64 at t=4.
    assert any("overflow at step t = 4" in w.value for w in at.warning), at.warning
    assert "+∞" in metrics(at)["h_{5}"]


def test_play_walks_from_the_start_and_can_be_paused(at):
    at.slider(key="srn.t").set_value(3).run()
    assert at.button(key="srn.play").label == "Play"
    at.button(key="srn.play").click().run()
    assert not at.exception
    assert at.slider(key="srn.t").value == 1  # at the end, Play starts over
    assert at.button(key="srn.play").label == "Pause" and "play" not in at.query_params
    at.button(key="srn.play").click().run()
    assert at.button(key="srn.play").label == "Play" and "play" not in at.query_params


def test_a_link_does_not_start_playing():
    at = app_test("srn", lang="en", play="true").run()  # an old link that kept Play
    assert not at.exception and not at.error
    assert at.button(key="srn.play").label == "Play"


def test_chinese_page_has_no_english_headings():
    at = app_test("srn", lang="zh").run()
    assert not at.exception
    assert at.header[0].value.startswith("1 · 单步计算")
    assert "怎么看" in shown_text(at)


def test_leaving_the_page_and_coming_back_keeps_the_view():
    at = open_editors(app_test("app", lang="en").run().switch_page("views/1_srn.py").run())
    at.slider(key="srn.t").set_value(2).run()
    at.selectbox(key="srn.act").set_value("identity").run()
    at.number_input(key="srn.n_out").set_value(1).run()
    at.session_state["srn.edit_W"] = edit(edited_rows={1: {"x1": "3"}})
    at.run()
    before, link = metrics(at), dict(at.query_params)
    assert before["h_{2}"] == "[8, 10]" and not at.error
    at.switch_page("views/home.py").run()
    at.query_params.clear()  # as the sidebar's links do: only the language goes along
    at.query_params["lang"] = "en"
    at.switch_page("views/1_srn.py").run()
    assert not at.exception and not at.error
    assert metrics(at) == before
    assert at.number_input(key="srn.n_out").value == 1 and dict(at.query_params) == link


def test_a_link_reopens_the_same_view(at):
    at.number_input(key="srn.n_out").set_value(1).run()
    at.session_state["srn.edit_W"] = edit(edited_rows={1: {"x1": "3"}})
    at.run()
    at.session_state["srn.edit_x"] = edit(added_rows=[{"x1": "-1", "x2": "0.5"}])
    at.run()
    at.selectbox(key="srn.act").set_value("relu").run()
    at.slider(key="srn.t").set_value(4).run()
    assert not at.exception and not at.error
    link = dict(at.query_params)
    assert link == {"lang": "en", "edit": "true", "W": "1,1;3,1", "V": "1,1", "c": "0",
                    "x": "1,1;1,1;2,2;-1,0.5", "act": "relu", "t": "4"}
    again = app_test("srn", **link).run()
    assert not again.exception and not again.error
    assert again.slider(key="srn.t").value == 4 and again.selectbox(key="srn.act").value == "relu"
    assert [again.number_input(key=f"srn.{n}").value for n in ("n_in", "n_hidden", "n_out")] \
        == [2, 2, 1]
    assert metrics(again) == metrics(at)
    assert [e.value for e in again.latex] == [e.value for e in at.latex]
    assert again.get("plotly_chart")[0].proto.spec == at.get("plotly_chart")[0].proto.spec
    assert dict(again.query_params) == link


def test_a_shortened_sequence_keeps_t_on_it(at):
    at.slider(key="srn.t").set_value(3).run()
    at.session_state["srn.edit_x"] = edit(deleted_rows=[2])
    at.run()
    assert not at.exception and not at.error
    assert at.slider(key="srn.t").value == 2 and at.query_params["t"] == "2"
    at.session_state["srn.edit_x"] = edit(deleted_rows=[1, 2])  # all the edits so far
    at.run()
    assert not at.exception and not at.error
    assert not at.slider and "t" not in at.query_params  # one step: no slider, t = 1
    assert metrics(at)["x_{1}"] == "[1, 1]"


def test_the_tables_open_behind_a_linked_toggle_and_the_formula_shows_their_network(plain):
    at = plain
    assert not editors(at) and at.toggle(key="srn.edit").value is False
    network = [e.value for e in at.latex if r"\begin{gathered}" in e.value]
    assert len(network) == 1
    assert r"X = \begin{bmatrix}1 & 1 \\ 1 & 1 \\ 2 & 2\end{bmatrix}" in network[0]
    assert "row t of X is the input x_t, for t = 1 … 3" in shown_text(at)
    open_editors(at)
    assert sorted(editors(at)) == ["U", "V", "W", "b", "c", "x"]
    assert at.query_params["edit"] == "true"
    at.session_state["srn.edit_W"] = edit(edited_rows={1: {"x1": "3"}})
    at.run()
    edited = metrics(at)
    at.toggle(key="srn.edit").set_value(False).run()  # hidden: the network stays edited
    assert not at.exception and not editors(at) and "edit" not in at.query_params
    assert metrics(at) == edited and at.query_params["W"] == "1,1;3,1"
    assert any(r"W = \begin{bmatrix}1 & 1 \\ 3 & 1\end{bmatrix}" in e.value for e in at.latex)
    open_editors(at)  # shown again: the table starts from the edited weights
    assert list(editors(at)["W"]["x1"]) == ["1", "3"]


# --- issue 19: errors beside their table, time steps, the course example, the code --------

def flat(node) -> list:
    """The page's elements in the order drawn (blocks opened, their elements in place)."""
    out = []
    for child in getattr(node, "children", {}).values():
        if hasattr(child, "children") and child.type not in ("expander",):
            out.extend(flat(child))
        else:
            out.append(child)
    return out


def test_a_bad_cells_error_comes_right_after_its_table_with_the_cell_marked(at):
    at.session_state["srn.edit_U"] = edit(edited_rows={1: {"h1": "abc"}})
    at.run()
    elements = flat(at.main)
    editor = next(i for i, e in enumerate(elements) if getattr(e, "key", None) == "srn.edit_U")
    error, marked = elements[editor + 1], elements[editor + 2]
    assert error.type == "error" and error.value == "U, row h2, column h1: “abc” is not a number."
    assert marked.type == "markdown" and "| h2 | :red-background[**⚠ abc**] | 1 |" in marked.value
    assert "\n| h1 |" not in marked.value  # only the row at fault
    # The warning at the top says where the error is, and links to it.
    warning = next(w.value for w in at.warning)
    assert "[section 3](#edit)" in warning and "above" not in warning
    assert next(h for h in at.header if h.value.startswith("3 ·")).proto.anchor == "edit"


def test_an_input_error_comes_before_the_add_step_button():
    at = open_editors(app_test("srn", lang="zh").run())
    at.session_state["srn.edit_x"] = edit(edited_rows={2: {"x1": "二"}})
    at.run()
    elements = flat(at.main)
    editor = next(i for i, e in enumerate(elements) if getattr(e, "key", None) == "srn.edit_x")
    assert elements[editor + 1].type == "error"
    assert elements[editor + 1].value == "输入序列 x 第 t = 3 步的 x1：“二”不是数字。"
    assert "| t = 3 | :red-background[**⚠ 二**] | 2 |" in elements[editor + 2].value
    assert elements[editor + 3].key == "srn.add_x"
    assert "第 3 节" in at.warning[0].value


def test_the_add_step_hint_points_at_the_button_and_a_31st_step_is_not_offered():
    x = ";".join(["1,1"] * 29)
    at = app_test("srn", lang="en", x=x, edit="true").run()
    assert not at.exception and not at.error
    elements = flat(at.main)
    button = next(i for i, e in enumerate(elements) if getattr(e, "key", None) == "srn.add_x")
    assert elements[button].label == "Add a time step" and not elements[button].disabled
    assert elements[button + 1].value.startswith("The button above adds a time step")
    at.button(key="srn.add_x").click().run()
    assert not at.exception and not at.error
    assert at.slider(key="srn.t").max == 30
    assert at.query_params["x"] == ";".join(["1,1"] * 30)
    assert at.button(key="srn.add_x").disabled
    assert "30 steps, the most" in at.button(key="srn.add_x").help


def test_the_inputs_editor_deletes_rows_but_does_not_add_them(at):
    from streamlit.proto.Dataframe_pb2 import Dataframe

    editors = {e.key: e for e in flat(at.main) if getattr(e, "type", "") == "dataframe"
               and getattr(e, "key", None)}
    assert editors["srn.edit_x"].proto.editing_mode == Dataframe.EditingMode.DELETE_ONLY
    assert editors["srn.edit_W"].proto.editing_mode == Dataframe.EditingMode.FIXED


def test_the_reset_button_restores_the_course_example(at):
    default_metrics, default_chart = metrics(at), at.get("plotly_chart")[0].proto.spec
    at.number_input(key="srn.n_out").set_value(1).run()
    at.session_state["srn.edit_W"] = edit(edited_rows={1: {"x1": "3"}})
    at.run()
    at.button(key="srn.add_x").click().run()
    at.selectbox(key="srn.act").set_value("relu").run()
    at.slider(key="srn.t").set_value(4).run()
    at.session_state["srn.edit_U"] = edit(edited_rows={0: {"h1": "oops"}})  # and a bad cell
    at.run()
    assert at.error and metrics(at) != default_metrics
    at.button(key="srn.reset").click().run()
    assert not at.exception and not at.error and not at.warning
    assert metrics(at) == default_metrics
    assert dict(at.query_params) == {"lang": "en", "edit": "true"}  # the tables stay open
    assert [at.number_input(key=f"srn.{n}").value for n in ("n_in", "n_hidden", "n_out")] \
        == [2, 2, 2]
    assert at.slider(key="srn.t").value == 1 and at.selectbox(key="srn.act").value == "tanh"
    assert at.get("plotly_chart")[0].proto.spec == default_chart


def test_after_a_bad_cell_a_visit_elsewhere_keeps_the_last_valid_network():
    at = open_editors(app_test("app", lang="en").run().switch_page("views/1_srn.py").run())
    at.session_state["srn.edit_W"] = edit(edited_rows={1: {"x1": "3"}})
    at.run()
    valid = metrics(at)
    assert valid["h_{1}"] != "[0.964028, 0.964028]"
    at.session_state["srn.edit_W"] = edit(edited_rows={1: {"x1": "3"}, 0: {"x1": "?"}})
    at.run()
    assert at.error and metrics(at) == valid and at.query_params["W"] == "1,1;3,1"
    at.switch_page("views/home.py").run()
    at.query_params.clear()  # as the sidebar's links do: only the language goes along
    at.query_params["lang"] = "en"
    at.switch_page("views/1_srn.py").run()
    assert not at.exception
    assert metrics(at) == valid  # the last valid network, not the default one
    assert at.query_params["W"] == "1,1;3,1"
    assert any("“?” is not a number" in e.value for e in at.error) and at.warning


def test_a_bad_matrix_in_a_link_is_named_at_the_top_of_the_page():
    at = app_test("srn", lang="en", W="1,x;1,1", b="0,0,0").run()
    elements = flat(at.main)
    first_header = next(i for i, e in enumerate(elements) if e.type == "header")
    errors = [i for i, e in enumerate(elements) if e.type == "error"]
    assert len(errors) == 2 and all(i < first_header for i in errors)
    assert "for W (matrix W)" in elements[errors[0]].value
    assert "Link parameter b" in elements[errors[1]].value


def test_three_ways_shows_the_code_that_produced_the_numbers():
    at = app_test("srn", lang="en", W="2,0;0,2", x="1,0;0,1", act="relu").run()
    code = [c.value for c in at.code]
    assert len(code) == 3
    assert "W = torch.tensor([[2.0, 0.0], [0.0, 2.0]])" in code[0]
    assert "xs = torch.tensor([[1.0, 0.0], [0.0, 1.0]])" in code[0]
    assert 'torch.nn.RNNCell(2, 2, nonlinearity="relu")' in code[1]
    assert 'torch.nn.RNN(2, 2, nonlinearity="relu")' in code[2]
    assert "nn.RNNCell" in shown_text(at) and "SPEC" not in shown_text(at)
    at.selectbox(key="srn.act").set_value("identity").run()
    assert not at.code  # torch has no identity RNN: nothing to show


def test_thirty_steps_in_chinese_show_a_window_of_the_picture_and_no_spec():
    at = app_test("srn", lang="zh", x=";".join(["1,1"] * 30), t="30").run()
    assert not at.exception and not at.error
    text = shown_text(at)
    assert "图中显示 t 附近的第 22 到第 30 步" in text and "SPEC" not in text
    assert "\\begin{aligned}" in at.latex[0].value  # the sums, broken into lines
