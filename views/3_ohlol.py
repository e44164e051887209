"""hello -> ohlol: watch a tiny recurrent network learn, live; compare cells and seeds."""

from __future__ import annotations

import time

import streamlit as st

from rnnviz import gates, ohlol
from rnnviz.plots import ohlol as plots
from ui import cache, handoff, live, page, settings
from ui.text.ohlol import STRINGS

tr = page.setup(STRINGS, "ohlol.title")
st.markdown(tr("ohlol.intro"))

SLUG = "ohlol"  # the settings' page and the training panel's key
CLOCK = "_ohlol_curve_clock"  # (when this session's curve began to grow, over how many s)
ANIMATION_SECONDS = [0, 1, 2, 3, 5, 10]
REFRESH_SECONDS = 0.3
LIVE_AFTER_SECONDS = 1.0  # runs longer than this are drawn while they train
setting = settings.PageSettings(tr, SLUG, dict(  # each setting's name in the link = default
    input="hello", target="ohlol", mode="single", variant="A", cell="rnn", hidden=4,
    lr=ohlol.SPEC_LR["A"], epochs=ohlol.SPEC_EPOCHS["A"], seed=ohlol.DEFAULT_SEED, k_seeds=20,
    early_stop=False, animation=3, inspect_cell="rnn", epoch=1))
Named = cache.Named
# The row labels of the task's tables, wide enough to be read whole in either language.
ROW_LABELS = {"_index": st.column_config.TextColumn(width="medium")}

# Every session that shares a run draws the same figures: each is built once, named by
# the run's request and how much of it is drawn (the records themselves are not looked at).
loss_curves = cache.shared(plots.loss_curves)
seed_band = cache.shared(plots.seed_band)
first_hit_bars = cache.shared(plots.first_hit_bars)
step_heatmap = cache.shared(plots.step_heatmap)
gate_heatmaps = cache.shared(plots.gate_heatmaps)
spread_summary = cache.shared(ohlol.spread_summary, max_entries=64)
inspected = cache.shared(ohlol.inspect)
trained_model = cache.shared(ohlol.trained_model, max_entries=16)


def apply_recommended() -> None:
    recipe = ohlol.recommended(setting.value("mode"), setting.value("variant"))
    setting.assign(lr=recipe.lr, epochs=recipe.epochs, early_stop=recipe.early_stop)


# --- 1 · The task -----------------------------------------------------------------------

def task_section() -> ohlol.Data | None:
    """The two strings and their vocabulary, or None (with an error naming the field)."""
    st.header(tr("ohlol.task.header"))
    help_text = tr("ohlol.texts.help", limit=ohlol.MAX_CHARS)
    texts = [setting.text(column.text_input, name, 200, help=help_text)
             for column, name in zip(st.columns(2), ("input", "target"), strict=True)]
    problems = ohlol.check_texts(*texts)
    for problem in problems:
        st.error(tr(f"ohlol.error.{problem.reason}", field=tr(f"ohlol.{problem.field}"),
                    length=problem.length, limit=ohlol.MAX_CHARS, other=problem.other_length),
                 icon=":material/error:")
    if problems:
        live.keep_note(tr, SLUG, "ohlol.error.keep")
        return None
    data = ohlol.Data(*texts)
    st.markdown(tr("ohlol.vocab", n=data.vocab_size))
    # Both tables depend on the two strings (and the language) only: converted once for all.
    st.dataframe(cache.table(("ohlol.vocab", *texts), lambda: plots.vocabulary_table(
        data.chars).set_axis([tr("ohlol.row.char")])), key="vocab_table",
        column_config=ROW_LABELS)
    st.markdown(tr("ohlol.encoded"))
    rows = [tr(f"ohlol.{row}") for row in ("input", "row.input", "target", "row.target")]
    st.dataframe(cache.table(("ohlol.encoded", *texts), lambda: plots.encoding_table(
        data.input_text, data.inputs, data.target_text, data.targets).set_axis(rows)),
        key="encoded_table", column_config=ROW_LABELS)
    return data


# --- 2 · Training -----------------------------------------------------------------------

def training_controls() -> tuple[str, dict]:
    """The mode and the settings of its run; controls that do not apply are not shown."""
    mode = setting.choice(st.radio, "mode", ohlol.MODES, horizontal=True,
                           format_func=lambda m: tr(f"ohlol.mode.{m}"),
                           on_change=apply_recommended)
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])  # the model's name is read whole
    if mode == "single":
        setting.choice(c1.selectbox, "variant", ohlol.VARIANTS,
                        format_func=lambda v: tr(f"ohlol.variant.{v}"),
                        on_change=apply_recommended)
    variant = ohlol.effective_variant(mode, setting.value("variant"))
    if mode != "single":
        c1.markdown(f"**{tr('ohlol.variant')}**  \n{tr(f'ohlol.variant.{variant}')}")
    v = dict(variant=variant, cell="rnn", hidden=setting.value("hidden"),
             seeds=setting.value("k_seeds"), early_stop=False)
    if mode == "single" and variant == "B":
        v["cell"] = setting.choice(c2.selectbox, "cell", ohlol.CELLS, format_func=str.upper)
    if variant == "B":
        v["hidden"] = setting.number(c2.number_input, "hidden", 1, ohlol.MAX_HIDDEN, step=1)
        v["early_stop"] = setting.flag(c2.toggle, "early_stop", help=tr(
            "ohlol.early_stop.help", margin=ohlol.COMPARE_MARGIN))
    v["lr"] = setting.number(c3.number_input, "lr", *ohlol.LR_RANGE, step=1e-3, format="%.4f")
    v["epochs"] = setting.number(c3.number_input, "epochs", 1, ohlol.MAX_EPOCHS, step=1)
    v["seed"] = setting.number(c4.number_input, "seed", 0, ohlol.MAX_SEED, step=1)
    if mode == "spread":
        v["seeds"] = setting.number(c4.slider, "k_seeds", 2, ohlol.MAX_SEEDS)
    c1, c2, c3 = st.columns([3, 2, 2])
    setting.choice(c1.select_slider, "animation", ANIMATION_SECONDS)
    recipe = ohlol.recommended(mode, variant)
    c2.button(tr("ohlol.spec_button"), key="ohlol_spec", on_click=apply_recommended,
              icon=":material/restart_alt:",
              help=tr("ohlol.spec_button.help", lr=recipe.lr, epochs=recipe.epochs))
    if variant == "B":
        c3.button(tr("ohlol.fast_button"), key="ohlol_fast", help=tr("ohlol.fast.help"),
                  on_click=setting.assign, kwargs={"lr": ohlol.FAST_COMPARE_LR},
                  icon=":material/bolt:")
    return mode, v


def explain_settings(mode: str, v: dict, data: ohlol.Data) -> None:
    vocab, variant, hidden = data.vocab_size, v["variant"], v["hidden"]
    if mode != "single":  # compare or spread
        st.markdown(tr(f"ohlol.{mode}.explain", margin=ohlol.COMPARE_MARGIN, k=v["seeds"],
                       first=v["seed"], last=v["seed"] + v["seeds"] - 1))
    st.markdown(tr(f"ohlol.variant.{variant}.explain", vocab=vocab, steps=data.length))
    formula = tr(f"ohlol.variant.{variant}.formula",
                 **ohlol.formula_values(mode, v["cell"], hidden, vocab))
    st.code(formula.replace("V", str(vocab)), language=None)
    if variant == "B" and hidden != vocab:
        st.caption(tr("ohlol.head_note", hidden=hidden, vocab=vocab))
    note = tr(f"ohlol.setting_{ohlol.spec_lr_note(variant, v['lr'])}", lr=ohlol.SPEC_LR[variant])
    st.caption(f"{tr('ohlol.setting_now', lr=v['lr'], epochs=v['epochs'], seed=v['seed'])} {note}")


def revealed(run: live.Run) -> tuple[list[dict], bool]:
    """The records drawn so far and whether that is all: the curve grows from this session's
    first drawing of the run (a queued job eats none of its animation)."""
    started, seconds = st.session_state.setdefault(CLOCK, (time.monotonic(),
                                                           setting.value("animation")))
    return ohlol.reveal(run.request, run.records, run.finished, time.monotonic() - started,
                        seconds)


def first_text(hit: int | None, complete: bool) -> str:  # "never" once the run is all drawn
    return str(hit) if hit is not None else tr("ohlol.never" if complete else "ohlol.metric.never")


def loss_figure(request: ohlol.OhlolRequest, curves: list[dict], title: str):
    drawn = tuple((curve["key"], len(curve["epochs"])) for curve in curves)
    return loss_curves(Named((request, drawn), curves), title=title, x_title=tr(
        "ohlol.axis.epoch"), y_title=tr(f"ohlol.axis.loss.{request.variant}"),
        prediction_label=tr("ohlol.hover.prediction"), hit_name=tr("ohlol.hover.hit"))


def headed(build):
    """The table `build()` makes, its columns headed ohlol.col.<column>."""
    return lambda: page.translated(tr, build(), "ohlol.col")


def draw_single(request: ohlol.SingleRun, records: list[dict], complete: bool, snap) -> None:
    first, last, hit = records[0], records[-1], ohlol.first_hit(records)
    page.metrics((tr("ohlol.metric.final_loss"), f"{last['loss']:.4f}",
                  page.metric_change(last["loss"] - first["loss"])),
                 (tr("ohlol.metric.prediction"), plots.visible_text(last["prediction"])),
                 (tr("ohlol.metric.first_hit", target=page.literal(request.target_text)),
                  first_text(hit, complete)),
                 (tr("ohlol.metric.epochs"), str(last["epoch"])))
    name = request.cell.upper() if request.variant == "B" else "RNNCell"
    page.chart(tr, loss_figure(request, [plots.curve(name, request.cell, records)], tr(
        "ohlol.curve.title")), key="loss_curve", read="ohlol.read.curve", start=first["loss"],
        loss=last["loss"], epoch=last["epoch"], first=first_text(hit, complete))
    st.subheader(tr("ohlol.table.header"))
    # Named by the run's request and the records drawn; its CSV once the whole run is drawn.
    page.shared_table(tr, ("ohlol.single", request, len(records)), headed(
        lambda: ohlol.history_table(records).rename(columns={"hit": "correct"})), "training",
        "ohlol_training.csv", download=complete, height=min(420, 38 + 35 * len(records)))


def draw_compare(request: ohlol.CompareRun, records: list[dict], complete: bool, snap) -> None:
    by_cell = ohlol.records_by_cell(records)
    columns = st.columns(len(by_cell) + 1)
    for column, (cell, rows) in zip(columns, by_cell.items(), strict=False):
        column.metric(tr("ohlol.metric.cell_first", cell=cell.upper(), target=request.target_text),
                      first_text(ohlol.first_hit(rows), complete),
                      help=f"{tr('ohlol.metric.final_loss')}: {rows[-1]['loss']:.4f}"
                      if rows else None)
    if snap.finished:
        columns[-1].metric(tr("ohlol.metric.cell_time"), f"{snap.elapsed:.2f} s")
    curves = [plots.curve(cell.upper(), cell, rows) for cell, rows in by_cell.items() if rows]
    losses = tr("ohlol.separator").join(f"{curve['name']} {curve['losses'][-1]:.4f}"
                                        for curve in curves)
    page.chart(tr, loss_figure(request, curves, tr("ohlol.compare.title", seed=request.seed)),
               key="compare_curve", read="ohlol.read.compare", losses=losses)
    if not snap.finished:
        return  # the table waits: redrawing it would slow down the three trainings it shows
    st.subheader(tr("ohlol.table.compare_header"))
    # Each cell's records drawn are a prefix of its run: their counts name the tables.
    key = ("ohlol.compare", request, tuple((c, len(rows)) for c, rows in by_cell.items()))
    st.dataframe(cache.table(key, lambda: ohlol.compare_table(records).rename(columns={
        "epoch": tr("ohlol.col.epoch")})), hide_index=True, key="compare_table",
        height=min(420, 38 + 35 * max(map(len, by_cell.values()))))
    if complete:
        page.download_csv(tr, headed(lambda: ohlol.history_table(records, (
            "cell", "epoch", "loss", "prediction"))), "ohlol_compare.csv", key="compare_csv",
            cache_key=("csv", *key))


def draw_spread(request: ohlol.SpreadRun, records: list[dict], complete: bool, snap) -> None:
    summary = spread_summary(Named((request, len(records)), records), request.target_text)
    seeds, last, median = request.seed_list, records[-1], summary["median_first_hit"]
    median_first = tr("ohlol.metric.never") if median is None else f"{median:g}"
    page.metrics((tr("ohlol.metric.reached", target=page.literal(request.target_text),
                     epochs=last["epoch"]), f"{summary['reached']} / {len(seeds)}"),
                 (tr("ohlol.metric.median_first"), median_first),
                 (tr("ohlol.metric.median_loss"), f"{summary['median'][-1]:.4f}"))
    drawn = (request, len(records))
    page.chart(tr, seed_band(
        Named(drawn, summary), seeds, title=tr("ohlol.spread.title", k=len(seeds)),
        x_title=tr("ohlol.axis.epoch"), y_title=tr("ohlol.axis.loss.A"), band_name=tr(
            "ohlol.band"), median_name=tr("ohlol.median"), seed_label=tr("ohlol.seed_word")),
        key="spread_band", read="ohlol.read.spread", epoch=last["epoch"],
        low=summary["low"][-1], median=summary["median"][-1], high=summary["high"][-1])
    page.chart(tr, first_hit_bars(
        Named(drawn, summary["first_hits"]), last["epoch"],
        title=tr("ohlol.hits.title", target=plots.shown_text(request.target_text)),
        x_title=tr("ohlol.axis.first_epoch"), y_title=tr("ohlol.axis.seeds"),
        never_label=tr("ohlol.never")), key="spread_hits", read="ohlol.read.hits",
        reached=summary["reached"], k=len(seeds), median=median_first)
    st.subheader(tr("ohlol.table.spread_header"))
    page.shared_table(tr, ("ohlol.spread", *drawn), headed(lambda: ohlol.spread_table(
        request, summary, last, tr("ohlol.never"))), "seeds", "ohlol_seeds.csv", download=complete)


def run_caption(request: ohlol.OhlolRequest) -> None:
    """One line over a run's results naming the settings that produced them (the request's,
    whatever the controls say now)."""
    codes, values = ohlol.caption_parts(request)
    model, seeds, epochs = (tr(f"ohlol.run.{code}", **values) for code in codes)
    texts = f"{page.literal(request.input_text)} → {page.literal(request.target_text)}"
    st.caption(tr("ohlol.run", texts=texts, model=model, lr=request.lr, epochs=epochs,
                  seeds=seeds))


def draw(run: live.Run) -> bool:
    """The run as far as it is drawn; True while the curve still has epochs to reveal."""
    snap = run.snapshot
    if not snap.records or (not snap.finished and snap.elapsed < LIVE_AFTER_SECONDS):
        return False  # a sub-second run is drawn once done: redrawing it would slow it down
    records, complete = revealed(run)
    run_caption(run.request)
    drawing = {"single": draw_single, "compare": draw_compare, "spread": draw_spread}
    drawing[run.request.mode](run.request, records, complete, snap)
    return not complete


def training_section(data: ohlol.Data | None) -> None:
    st.header(tr("ohlol.train.header"))
    mode, v = training_controls()
    explain_settings(mode, v, data or ohlol.Data("hello", "ohlol"))
    request = None if data is None else ohlol.make_request(
        mode, data.input_text, data.target_text, **v)
    live.training_panel(tr, request, draw, key=SLUG, every=REFRESH_SECONDS,
                        on_train=new_curve)


def new_curve() -> None:
    """A new curve to draw, and the new run is inspected at its last epoch."""
    st.session_state.pop(CLOCK, None)
    if live.current_run(SLUG) is not None:
        setting.assign(epoch=0)


# --- 3 · Inside one epoch ---------------------------------------------------------------

def draw_inspection(request: ohlol.OhlolRequest, insp: ohlol.Inspection, cell: str) -> None:
    data, epoch, hidden = request.data, insp.epoch, insp.parts["hidden"]
    steps, shown = plots.step_labels(data.input_text, data.target_text), (request, cell, epoch)
    axes = dict(x_title=tr("ohlol.axis.step"))
    st.markdown(tr("ohlol.inspect.summary", epoch=epoch, loss=insp.loss,
                   prediction=page.literal(insp.prediction)))
    left, right = st.columns(2)
    page.chart(tr, step_heatmap(
        Named(("probs", *shown), insp.probs), steps, list(data.chars),
        title=tr("ohlol.probs.title", epoch=epoch), y_title=tr("ohlol.axis.char"),
        value_name=tr("ohlol.axis.prob"), zmin=0, zmax=1, marked=list(data.targets),
        marked_name=tr("ohlol.target_mark"), **axes), key="probs_heatmap", where=left,
        read="ohlol.read.probs", **ohlol.target_probabilities(insp.probs, data.targets))
    rows = plots.hidden_rows(request.variant, data.chars, hidden.shape[1],
                             tr("ohlol.axis.unit_short"))  # variant A: one per character
    y_title = tr("ohlol.axis.char" if request.variant == "A" else "ohlol.axis.unit")
    page.chart(tr, step_heatmap(
        Named(("hidden", *shown), hidden), steps, rows, y_title=y_title, diverging=True,
        title=tr(f"ohlol.hidden.title{'_A' if request.variant == 'A' else ''}", epoch=epoch),
        value_name=tr("ohlol.axis.value"), zmin=-1, zmax=1, **axes), key="hidden_heatmap",
        where=right, read="ohlol.read.hidden", low=hidden.min(), high=hidden.max())
    if cell == "rnn":
        st.caption(tr("ohlol.gates.rnn_note"))
        return
    order = [part for part in gates.PARTS[cell] if part != "hidden"]
    means = ohlol.gate_means(insp.parts, cell)
    page.chart(tr, gate_heatmaps(
        Named(shown, insp.parts), order, {part: tr(f"ohlol.part.{part}") for part in order},
        steps, title=tr("ohlol.gates.title", cell=cell.upper(), epoch=epoch),
        unit_label=tr("ohlol.axis.unit_short"), gate_scale=tr("ohlol.scale.gate"),
        state_scale=tr("ohlol.scale.state"), **axes), key="gates_heatmap",
        read="ohlol.read.gates", means=tr("ohlol.separator").join(
            f"{tr(f'ohlol.part.{part}')} {mean:.2f}" for part, mean in means.items()))


@st.fragment  # the epoch slider and cell choice change only this section: rerun just it
def inspection_section() -> None:
    st.header(tr("ohlol.inspect.header"))
    run = live.current_run(SLUG)
    if run is None or not run.finished or not run.records or not revealed(run)[1]:
        st.info(tr("ohlol.inspect.wait"), icon=":material/info:")
        return
    request, records = run.request, run.records
    if request.mode == "spread":
        st.info(tr("ohlol.inspect.spread"), icon=":material/info:")
        return
    run_caption(request)
    cell = request.cells[0]
    if request.mode == "compare":
        by_cell = ohlol.records_by_cell(records)
        cells = [c for c, rows in by_cell.items() if rows]
        cell = page.within(setting, st.radio, "inspect_cell", settings.choice(ohlol.CELLS),
                           cells.__contains__, cells[0], options=cells, horizontal=True,
                           format_func=str.upper)
        records = by_cell[cell]
    last = records[-1]["epoch"]
    epoch = 1 if last <= 1 else page.within(
        setting, st.slider, "epoch", settings.integer(1, ohlol.MAX_EPOCHS),
        lambda e: isinstance(e, int) and 1 <= e <= last, last, min_value=1, max_value=last)
    # The request and cell name the run inspected (its records are the checkpoints).
    insp = inspected(request.config(cell), request.data, Named((request, cell), records), epoch)
    draw_inspection(request, insp, cell)
    if request.variant == "B" and cell in handoff.CELLS:
        handoff.offer_gated_page(tr, trained_model(
            request.config(cell), request.data, Named((request, cell), records), epoch),
            request.data)


training_section(task_section())
inspection_section()
