"""The shapes page in AppTest: SPEC 6 shapes shown, keyed widgets change them, bad sizes."""

from __future__ import annotations

import json

import pytest
from conftest import app_test, shown_text

from rnnviz import shapes
from rnnviz.plots import shapes as plots
from ui.text import shapes as text

# st.dataframe keeps its key only when selections are on, so a table is found by a column.
TABLE_COLUMNS = {"tensor_table": "tensor", "parameter_table": "name",
                 "stack_table": "compared with", "slices_table": "slice of out"}


def has_table(at, key: str) -> bool:
    return any(TABLE_COLUMNS[key] in df.value.columns for df in at.dataframe)


def table(at, key: str) -> list[dict]:
    frame = next(df for df in at.dataframe if TABLE_COLUMNS[key] in df.value.columns)
    return frame.value.to_dict("records")


def tensor_shapes(at) -> dict[str, str]:
    return {row["tensor"]: row["shape"] for row in table(at, "tensor_table")}


def charts(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.fixture
def at():
    at = app_test("shapes").run()
    assert not at.exception
    return at


def test_first_load_shows_the_spec_example(at):
    assert not at.error
    assert tensor_shapes(at) == {"x": "(10, 3, 100)", "h0": "(1, 3, 20)",
                                 "out": "(10, 3, 20)", "h_n": "(1, 3, 20)"}
    params = {row["name"]: row["shape"] for row in table(at, "parameter_table")}
    assert params == {"weight_ih_l0": "(20, 100)", "weight_hh_l0": "(20, 20)",
                      "bias_ih_l0": "(20,)", "bias_hh_l0": "(20,)"}
    assert "Parameters 2,440" in shown_text(at)
    stack = table(at, "stack_table")
    assert stack[0]["compared with"] == "nn.RNN(100, 30) → nn.RNN(30, 20)"
    assert all(float(row["largest |difference|"]) < 1e-6 for row in stack)
    assert [c["layout"]["height"] > 200 for c in charts(at)] == [True, True]
    for kind in ("number_input", "selectbox", "toggle"):
        assert all(widget.key for widget in getattr(at, kind)), kind


def test_hidden_10_gives_the_spec_weight_shapes(at):
    at.number_input(key="shapes.hidden_size").set_value(10).run()
    params = {row["name"]: row["shape"] for row in table(at, "parameter_table")}
    assert params["weight_ih_l0"] == "(10, 100)" and params["weight_hh_l0"] == "(10, 10)"
    assert params["bias_ih_l0"] == "(10,)" and params["bias_hh_l0"] == "(10,)"


def test_layers_batch_first_and_bidirectional_change_the_shapes(at):
    at.number_input(key="shapes.num_layers").set_value(4).run()
    assert tensor_shapes(at)["h_n"] == "(4, 3, 20)" and tensor_shapes(at)["out"] == "(10, 3, 20)"
    assert len(charts(at)[1]["data"][0]["y"]) == 4  # one grid row per layer
    at.toggle(key="shapes.batch_first").set_value(True).run()
    got = tensor_shapes(at)
    assert got["x"] == "(3, 10, 100)" and got["out"] == "(3, 10, 20)" and got["h_n"] == "(4, 3, 20)"
    at.toggle(key="shapes.bidirectional").set_value(True).run()
    got = tensor_shapes(at)
    assert got["out"] == "(3, 10, 40)" and got["h_n"] == "(8, 3, 20)"
    assert "Rows of h_n (layers × directions) 8" in shown_text(at)
    slices = {row["slice of out"]: row["row of h_n"] for row in table(at, "slices_table")}
    assert slices == {"out[:, -1, :20]": "h_n[-2]", "out[:, 0, 20:]": "h_n[-1]"}
    assert all(float(row["largest |difference|"]) == 0 for row in table(at, "slices_table"))


def test_lstm_and_cells_show_their_states(at):
    at.selectbox(key="shapes.cell").set_value("LSTM").run()
    got = tensor_shapes(at)
    assert got["c0"] == "(1, 3, 20)" and got["c_n"] == "(1, 3, 20)"
    params = {row["name"]: row["shape"] for row in table(at, "parameter_table")}
    assert params["weight_ih_l0"] == "(80, 100)"
    at.selectbox(key="shapes.cell").set_value("RNNCell").run()
    assert not at.exception
    assert tensor_shapes(at) == {"x_t": "(3, 100)", "h": "(3, 20)", "h_t": "(3, 20)"}
    assert at.toggle(key="shapes.bidirectional").disabled
    assert len(charts(at)) == 1  # a cell has no layer grid


@pytest.mark.parametrize("field, value, message", [
    ("hidden_size", 5000, "hidden_size: 5000 is larger than this page allows (1024)."),
    ("batch", 0, "batch: 0 is too small"),
    ("num_layers", -2, "num_layers: -2 is too small"),
])
def test_bad_sizes_give_errors_naming_the_field(at, field, value, message):
    at.number_input(key=f"shapes.{field}").set_value(value).run()
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert not has_table(at, "tensor_table")
    assert table(at, "stack_table")  # the rest of the page still works


def test_too_many_parameters_is_refused_before_building(at):
    at.selectbox(key="shapes.cell").set_value("LSTM").run()
    for field in ("input_size", "hidden_size"):
        at.number_input(key=f"shapes.{field}").set_value(1024)
    at.number_input(key="shapes.num_layers").set_value(8).run()
    assert not at.exception
    assert any("Parameter count" in e.value for e in at.error)


def test_chinese_page_runs():
    at = app_test("shapes", lang="zh").run()
    assert not at.exception
    assert "循环层 API 与张量形状" in at.title[0].value
    assert any("形状" in df.value.columns for df in at.dataframe)


def test_diagram_builder_draws_a_box_per_tensor():
    report = shapes.inspect(shapes.ShapeConfig("LSTM", 8, 4, num_layers=2, batch=2, seq_len=3))
    fig = plots.tensor_diagram(report.tensors, "nn.LSTM", dim_names={"seq": "SEQ"})
    texts = [a.text for a in fig.layout.annotations]
    assert any("c_n" in t and "(2, 2, 4)" in t for t in texts)
    assert any("SEQ" in t for t in texts)
    assert len(fig.data[0].x) == len(report.tensors) + 1  # hover points incl. the module
    grid = plots.layer_grid(report.parameters, 2, 1)
    assert grid.data[0].z.tolist() == [[4 * 4 * (8 + 4 + 2)], [4 * 4 * (4 + 4 + 2)]]


def test_a_link_reopens_the_same_view(at):
    at.selectbox(key="shapes.cell").set_value("GRU").run()
    at.toggle(key="shapes.bidirectional").set_value(True).run()
    at.toggle(key="shapes.batch_first").set_value(True).run()
    for field, value in {"input_size": 7, "hidden_size": 5, "num_layers": 2, "batch": 4,
                         "seq_len": 6}.items():
        at.number_input(key=f"shapes.{field}").set_value(value).run()
    assert not at.exception and not at.error
    link = dict(at.query_params)
    assert link == {"lang": "en", "cell": "GRU", "bidirectional": "true", "batch_first": "true",
                    "input_size": "7", "hidden_size": "5", "num_layers": "2", "batch": "4",
                    "seq_len": "6"}
    again = app_test("shapes", **link).run()
    assert not again.exception and not again.error
    assert again.selectbox(key="shapes.cell").value == "GRU"
    assert again.toggle(key="shapes.bidirectional").value is True
    assert again.toggle(key="shapes.batch_first").value is True
    assert again.number_input(key="shapes.num_layers").value == 2
    assert tensor_shapes(again) == tensor_shapes(at)
    assert tensor_shapes(again)["out"] == "(4, 6, 10)"
    assert [c.proto.spec for c in again.get("plotly_chart")] == \
        [c.proto.spec for c in at.get("plotly_chart")]


def test_the_default_view_keeps_the_link_short(at):
    assert dict(at.query_params) == {"lang": "en"}


@pytest.mark.parametrize("name, value", [
    ("cell", "banana"), ("cell", "rnn"), ("hidden_size", "banana"), ("hidden_size", "5000"),
    ("batch", "0"), ("bidirectional", "banana"),
])
def test_a_bad_link_value_is_named_and_the_default_is_used(name, value):
    at = app_test("shapes", lang="en", **{name: value}).run()
    assert not at.exception
    (error,) = at.error
    assert f"“{value}” for {name}" in error.value
    assert tensor_shapes(at) == {"x": "(10, 3, 100)", "h0": "(1, 3, 20)",
                                 "out": "(10, 3, 20)", "h_n": "(1, 3, 20)"}


def test_settings_survive_a_visit_to_another_page():
    at = app_test("app", lang="en").run().switch_page("views/7_shapes.py").run()
    at.selectbox(key="shapes.cell").set_value("LSTM").run()
    at.number_input(key="shapes.hidden_size").set_value(8).run()
    at.switch_page("views/home.py").run()
    at.query_params.clear()  # as the sidebar's links do: only the language goes along
    at.query_params["lang"] = "en"
    at.switch_page("views/7_shapes.py").run()
    assert not at.exception
    assert tensor_shapes(at)["c_n"] == "(1, 3, 8)"


# --- issue 19: labels, code comments, table titles, layer numbers, the words shown -----------

def in_order(block) -> list:
    """The elements of a block (columns included) in the order they are drawn."""
    found = []
    for child in getattr(block, "children", {}).values():
        found.append(child)
        found += in_order(child)
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_inputs_sit_in_aligned_rows_with_short_labels_and_help(lang):
    """Labels that wrapped ('input_size (features per step)') pushed their inputs down."""
    at = app_test("shapes", lang=lang).run()
    for widget in [*at.number_input, *at.toggle, *at.selectbox]:
        if not widget.key.startswith("shapes."):
            continue  # the sidebar's
        width = sum(2 if ord(c) > 0x2E80 else 1 for c in widget.label)
        assert width <= 14, widget.label  # one line in a fifth of the page
        assert widget.help, widget.label
    rows = [b for b in in_order(at.main) if type(b).__name__ == "Column"
            and any(type(c).__name__ in ("NumberInput", "Toggle", "Selectbox")
                    for c in b.children.values())]
    assert len(rows) == 8
    bottom = 2  # Block.Column.vertical_alignment: BOTTOM
    assert all(column.proto.vertical_alignment == bottom for column in rows)


def test_code_comments_are_in_the_readers_language():
    at = app_test("shapes", lang="zh", cell="LSTMCell").run()
    (code,) = at.code
    assert "# 整个序列，每次送入一步" in code.value and "the sequence" not in code.value
    at = app_test("shapes", lang="en", cell="LSTMCell").run()
    assert "# the sequence, fed one step at a time" in at.code[0].value
    scope: dict = {}
    exec("import torch\nfrom torch import nn\n" + at.code[0].value, scope)  # noqa: S102
    assert tuple(scope["h"].shape) == (3, 20)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_table_has_its_title_right_above_it(lang):
    """The hover toolbar floats over the line above a table, at its right end: that line is
    the table's own short title, not a long caption whose end it covers."""
    at = app_test("shapes", lang=lang, bidirectional="true", num_layers="2").run()
    elements = in_order(at.main)
    tables = [i for i, e in enumerate(elements) if type(e).__name__ == "Dataframe"]
    assert len(tables) == 4
    for index in tables:
        title = elements[index - 1]
        assert type(title).__name__ in ("Markdown", "Subheader"), type(title).__name__
        shown = title.value.strip("*")
        assert len(shown) <= 30 and not shown.startswith(("How to read", "怎么看")), shown


def test_layers_are_counted_from_one_with_torchs_name():
    at = app_test("shapes", lang="en", num_layers="3", bidirectional="true").run()
    grid = charts(at)[1]["data"][0]
    assert grid["y"] == ["layer 1 (l0)", "layer 2 (l1)", "layer 3 (l2)"]
    layers = {row["name"]: row["layer"] for row in table(at, "parameter_table")}
    assert layers["weight_ih_l0"] == "layer 1 (l0)"
    assert layers["weight_hh_l2_reverse"] == "layer 3 (l2)"
    assert "layer 0" not in shown_text(at).lower()
    zh = app_test("shapes", lang="zh", num_layers="2").run()
    assert charts(zh)[1]["data"][0]["y"] == ["第 1 层（l0）", "第 2 层（l1）"]
    cell = app_test("shapes", lang="en", cell="GRUCell").run()
    assert "layer" not in table(cell, "parameter_table")[0]  # a cell has no layers


def test_chinese_strings_use_chinese_punctuation_and_no_stray_english():
    from test_activation_page import chinese_problems

    allowed = {"API", "PyTorch", "torch", "RNN", "LSTM", "GRU", "RNNCell", "Cell", "out",
               "bidirectional",
               "batch", "x", "h", "c", "i", "f", "g", "o", "r", "z", "n"}
    assert chinese_problems(text.STRINGS, allowed) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_spec_shown_in_either_language(lang):
    at = app_test("shapes", lang=lang, bidirectional="true").run()
    shown = shown_text(at) + " ".join(str(df.value.columns) for df in at.dataframe)
    assert "SPEC" not in shown
    assert ("course material's example" if lang == "en" else "课程原版示例") in shown
    dims = at.dataframe[0].value.to_dict("records")[0]  # the tensors: x first
    assert dims[text.STRINGS["shapes.col.dims"][lang == "zh"]] == (
        "seq, batch, input_size" if lang == "en" else "序列长度，批量，输入特征")
