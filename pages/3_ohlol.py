"""hello -> ohlol: watch a tiny recurrent network learn, live; compare cells and seeds (SPEC 4)."""

from __future__ import annotations

import math
import re
import time
from dataclasses import replace

import pandas as pd
import streamlit as st

from rnnviz import gates, ohlol
from rnnviz.plots import ohlol as plots
from ui import figures, live, page
from ui.text.ohlol import STRINGS

tr = page.setup(STRINGS, "ohlol.title")
st.markdown(tr("ohlol.intro"))

JOB = "ohlol_job"
RUN = "_ohlol_run"  # what the job in JOB was asked to do, for drawing its records
SHOWN = "_ohlol_shown"  # how far the curve has been drawn (it never draws backwards)
EPOCH_CHOICE = "_ohlol_epoch"  # the epoch chosen on the slider (None: the last one)
MODES = ("single", "compare", "spread")
# Seed 28: variant A first predicts "ohlol" at epoch 5 (lhlll -> lolll -> oolll -> ohlol),
# and with variant B all three cells get there within a few hundred epochs at the SPEC lr.
DEFAULT_SEED = 28
ANIMATION_SECONDS = [0, 1, 2, 3, 5, 10]
REFRESH_SECONDS = 0.3
LIVE_AFTER_SECONDS = 1.0  # runs longer than this are drawn while they train
# The SPEC settings per (mode, variant): learning rate, epochs, early stopping.
RECOMMENDED = {
    ("single", "A"): (ohlol.SPEC_LR["A"], ohlol.SPEC_EPOCHS["A"], False),
    ("single", "B"): (ohlol.SPEC_LR["B"], ohlol.SPEC_EPOCHS["B"], False),
    ("compare", "B"): (ohlol.SPEC_LR["B"], ohlol.SPEC_EPOCHS["B"], True),
    ("spread", "A"): (ohlol.SPEC_LR["A"], ohlol.SPEC_EPOCHS["A"], False),
}
DEFAULTS = {
    "input_text": "hello", "target_text": "ohlol", "mode": "single", "variant": "A",
    "cell": "rnn", "hidden": 4, "lr": 0.1, "epochs": 15, "seed": DEFAULT_SEED,
    "k_seeds": 20, "early_stop": False, "animation": 3,
}


# Every session that shares a run draws the same figures: build each once, named by the
# run's request and how much of it is drawn (the figures' data are not looked at).
loss_curves = figures.keyed(plots.loss_curves)
seed_band = figures.keyed(plots.seed_band)
first_hit_bars = figures.keyed(plots.first_hit_bars)
step_heatmap = figures.keyed(plots.step_heatmap)
gate_heatmaps = figures.keyed(plots.gate_heatmaps)


# Read only and shared by every session: keyed on the request and the records drawn
# (records only ever grow), which name the records passed beside them.
spread_summary = figures.keyed_memo(ohlol.spread_summary, max_entries=64)
inspected = figures.keyed_memo(ohlol.inspect)


def visible(char: str) -> str:
    return plots.VISIBLE.get(char, char)


def literal(text: str) -> str:
    """Typed text inside markdown (labels, captions): shown as typed, never as markup."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


def effective_variant(mode: str, variant: str) -> str:
    """Compare mode is about variant B's three cells; the seed spread is SPEC 4A's lesson."""
    return {"compare": "B", "spread": "A"}.get(mode, variant)


def apply_recommended() -> None:
    state = st.session_state
    variant = effective_variant(state["mode"], state["variant"])
    state["lr"], state["epochs"], state["early_stop"] = RECOMMENDED[(state["mode"], variant)]


def apply_fast() -> None:
    st.session_state["lr"] = ohlol.FAST_COMPARE_LR


# --- 1 · The task -----------------------------------------------------------------------

def text_inputs() -> ohlol.Data | None:
    """The two strings, or None (with an error naming the field) when they cannot be used."""
    left, right = st.columns(2)
    help_text = tr("ohlol.texts.help", limit=ohlol.MAX_CHARS)
    input_text = left.text_input(tr("ohlol.input"), key="input_text", max_chars=200,
                                 help=help_text)
    target_text = right.text_input(tr("ohlol.target"), key="target_text", max_chars=200,
                                   help=help_text)
    problems = ohlol.check_texts(input_text, target_text)
    for problem in problems:
        field = tr("ohlol.input" if problem.field == "input" else "ohlol.target")
        st.error(tr(f"ohlol.error.{problem.reason}", field=field, length=problem.length,
                    limit=ohlol.MAX_CHARS, other=problem.other_length),
                 icon=":material/error:")
    if problems:
        if st.session_state.get(RUN) is not None:
            st.caption(tr("ohlol.error.keep"))
        return None
    return ohlol.Data(input_text, target_text)


def show_vocabulary(data: ohlol.Data) -> None:
    st.markdown(tr("ohlol.vocab", n=data.vocab_size))
    # Both tables depend on the two strings and the language only: converted once for all.
    shown = (data.input_text, data.target_text, tr.lang)
    vocab = figures.table(("ohlol.vocab", *shown), lambda: pd.DataFrame(
        [[visible(c) for c in data.chars]], index=[tr("ohlol.row.char")],
        columns=[str(i) for i in range(data.vocab_size)]))
    st.dataframe(vocab, key="vocab_table")
    st.markdown(tr("ohlol.encoded"))
    encoded = figures.table(("ohlol.encoded", *shown), lambda: pd.DataFrame(
        [[visible(c) for c in data.input_text], [str(i) for i in data.inputs],
         [visible(c) for c in data.target_text], [str(i) for i in data.targets]],
        index=[tr("ohlol.input"), tr("ohlol.row.input"), tr("ohlol.target"),
               tr("ohlol.row.target")],
        columns=[f"t={t}" for t in range(1, data.length + 1)],
    ))
    st.dataframe(encoded, key="encoded_table")


def task_section() -> ohlol.Data | None:
    st.header(tr("ohlol.task.header"))
    data = text_inputs()
    if data is not None:
        show_vocabulary(data)
    return data


# --- 2 · Training: controls -------------------------------------------------------------

def training_controls() -> dict:
    """The controls; those that do not apply to the chosen mode and variant are not shown."""
    mode = st.radio(tr("ohlol.mode"), MODES, key="mode", horizontal=True,
                    format_func=lambda m: tr(f"ohlol.mode.{m}"), on_change=apply_recommended)
    c1, c2, c3, c4 = st.columns(4)
    if mode == "single":
        c1.selectbox(tr("ohlol.variant"), ohlol.VARIANTS, key="variant",
                     format_func=lambda v: tr(f"ohlol.variant.{v}"),
                     on_change=apply_recommended)
    variant = effective_variant(mode, st.session_state["variant"])
    if mode != "single":
        c1.markdown(f"**{tr('ohlol.variant')}**  \n{tr(f'ohlol.variant.{variant}')}")
    state = st.session_state
    cell, hidden, seeds, early_stop = "rnn", state["hidden"], state["k_seeds"], False
    if mode == "single" and variant == "B":
        cell = c2.selectbox(tr("ohlol.cell"), ohlol.CELLS, key="cell", format_func=str.upper)
    if variant == "B":
        hidden = c2.number_input(tr("ohlol.hidden"), min_value=1, max_value=ohlol.MAX_HIDDEN,
                                 step=1, key="hidden", help=tr("ohlol.hidden.help"))
        early_stop = c2.toggle(tr("ohlol.early_stop"), key="early_stop",
                               help=tr("ohlol.early_stop.help", margin=ohlol.COMPARE_MARGIN))
    lr = c3.number_input(tr("ohlol.lr"), min_value=1e-4, max_value=10.0, step=1e-3,
                         format="%.4f", key="lr")
    epochs = c3.number_input(tr("ohlol.epochs"), min_value=1, max_value=ohlol.MAX_EPOCHS,
                             step=1, key="epochs")
    seed = c4.number_input(tr("ohlol.seed"), min_value=0, max_value=1_000_000, step=1,
                           key="seed", help=tr("ohlol.seed.help"))
    if mode == "spread":
        seeds = c4.slider(tr("ohlol.k_seeds"), 2, ohlol.MAX_SEEDS, key="k_seeds")
    c1, c2, c3 = st.columns([3, 2, 2])
    animation = c1.select_slider(tr("ohlol.animation"), ANIMATION_SECONDS, key="animation",
                                 help=tr("ohlol.animation.help"))
    c2.button(tr("ohlol.spec_button"), key="spec_settings", on_click=apply_recommended,
              icon=":material/restart_alt:")
    if variant == "B":
        c3.button(tr("ohlol.fast_button"), key="fast_settings", on_click=apply_fast,
                  help=tr("ohlol.fast.help"), icon=":material/bolt:")
    return dict(mode=mode, variant=variant, cell=cell, hidden=int(hidden), lr=float(lr),
                epochs=int(epochs), seed=int(seed), seeds=int(seeds),
                early_stop=bool(early_stop), animation=float(animation))


def explain_settings(settings: dict, data: ohlol.Data | None) -> None:
    vocab = data.vocab_size if data else len(set("hello") | set("ohlol"))
    steps = data.length if data else 5
    mode, variant = settings["mode"], settings["variant"]
    if mode == "compare":
        st.markdown(tr("ohlol.compare.explain", margin=ohlol.COMPARE_MARGIN))
    elif mode == "spread":
        first = settings["seed"]
        st.markdown(tr("ohlol.spread.explain", k=settings["seeds"], first=first,
                       last=first + settings["seeds"] - 1))
    st.markdown(tr(f"ohlol.variant.{variant}.explain", vocab=vocab, steps=steps))
    if variant == "A":
        formula = tr("ohlol.variant.A.formula")
    else:
        cell = settings["cell"].upper() if mode == "single" else "RNN | LSTM | GRU"
        head = "" if settings["hidden"] == vocab else f" → Linear({settings['hidden']}, V)"
        formula = tr("ohlol.variant.B.formula", cell=cell, hidden=settings["hidden"], head=head)
    st.code(formula.replace("V", str(vocab)), language=None)
    if variant == "B" and settings["hidden"] != vocab:
        st.caption(tr("ohlol.head_note", hidden=settings["hidden"], vocab=vocab))
    spec_lr = ohlol.SPEC_LR[variant]
    note = tr("ohlol.setting_spec") if math.isclose(settings["lr"], spec_lr) \
        else tr("ohlol.setting_not_spec", lr=spec_lr)
    st.caption(tr("ohlol.setting_now", lr=settings["lr"], epochs=settings["epochs"],
                  seed=settings["seed"]) + " " + note)


def make_run(settings: dict, data: ohlol.Data) -> dict:
    """Everything a run depends on; its `request` keys the shared job."""
    config = ohlol.OhlolConfig(variant=settings["variant"], cell=settings["cell"],
                               hidden=settings["hidden"], lr=settings["lr"],
                               epochs=settings["epochs"], seed=settings["seed"])
    mode = settings["mode"]
    seeds = settings["seeds"] if mode == "spread" else 0
    margin = ohlol.COMPARE_MARGIN if settings["early_stop"] else None
    request = ("ohlol", mode, data.input_text, data.target_text, config, seeds, margin)
    return dict(mode=mode, config=config, data=data, seeds=seeds, margin=margin,
                request=request, animation=settings["animation"])


def generator_factory(run: dict):
    config, data = run["config"], run["data"]
    if run["mode"] == "compare":
        return lambda: ohlol.train_compare(config, data, margin=run["margin"])
    if run["mode"] == "spread":
        return lambda: ohlol.train_spread(config, data, run["seeds"])
    return lambda: ohlol.train(config, data, stop_after_hit=run["margin"])


def total_steps(run: dict) -> int:
    cells = len(ohlol.CELLS) if run["mode"] == "compare" else 1
    return cells * run["config"].epochs


# --- 2 · Training: drawing the records ---------------------------------------------------

def reveal(snap, run: dict) -> tuple[list[dict], bool]:
    """The records drawn so far (the curve grows over `animation` s) and whether that is all.

    The reveal limit is an epoch for compare mode (the three curves grow together) and a
    record count otherwise; it only grows, also when a run ends sooner than planned.
    """
    records = snap.records if snap is not None else []
    if not records:
        return [], snap is not None and snap.finished
    # The clock starts at the first record: a queued or cold-starting job must not eat
    # the animation.
    if run.get("first_record_seen") is None:
        run["first_record_seen"] = time.monotonic()
    elapsed = time.monotonic() - run["first_record_seen"]
    fraction = 1.0 if run["animation"] <= 0 else min(1.0, elapsed / run["animation"])
    if run["mode"] == "compare":
        planned = max(r["epoch"] for r in records) if snap.finished else run["config"].epochs
    else:
        planned = len(records) if snap.finished else run["config"].epochs
    limit = max(st.session_state.get(SHOWN, 0), math.ceil(planned * fraction), 1)
    st.session_state[SHOWN] = limit
    if run["mode"] == "compare":
        shown = [r for r in records if r["epoch"] <= limit]
    else:
        shown = records[:limit]
    return shown, snap.finished and len(shown) == len(records)


def never_text(complete: bool) -> str:
    return tr("ohlol.never" if complete else "ohlol.metric.never")


def loss_axis(run: dict) -> str:
    return tr(f"ohlol.axis.loss.{run['config'].variant}")


def curve_of(name: str, key: str, records: list[dict]) -> dict:
    return {"name": name, "key": key, "epochs": [r["epoch"] for r in records],
            "losses": [r["loss"] for r in records],
            "predictions": [r["prediction"] for r in records],
            "first_hit": ohlol.first_hit(records)}


def loss_figure(run: dict, curves: list[dict], title: str, marked_epoch: int | None = None):
    drawn = tuple((curve["key"], len(curve["epochs"])) for curve in curves)
    return loss_curves((run["request"], drawn), curves, title=title,
                       x_title=tr("ohlol.axis.epoch"), y_title=loss_axis(run),
                       prediction_label=tr("ohlol.hover.prediction"),
                       hit_name=tr("ohlol.hover.hit"), marked_epoch=marked_epoch)


def draw_single(run: dict, records: list[dict], complete: bool) -> None:
    data, last = run["data"], records[-1]
    hit = ohlol.first_hit(records)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("ohlol.metric.final_loss"), f"{last['loss']:.4f}",
              delta=f"{last['loss'] - records[0]['loss']:+.4f}", delta_color="inverse")
    c2.metric(tr("ohlol.metric.prediction"), "".join(visible(c) for c in last["prediction"]))
    c3.metric(tr("ohlol.metric.first_hit", target=literal(data.target_text)),
              never_text(complete) if hit is None else str(hit))
    c4.metric(tr("ohlol.metric.epochs"), str(last["epoch"]))
    name = run["config"].cell.upper() if run["config"].variant == "B" else "RNNCell"
    fig = loss_figure(run, [curve_of(name, run["config"].cell, records)],
                      tr("ohlol.curve.title"))
    st.plotly_chart(fig, width="stretch", key="loss_curve")
    page.how_to_read(tr, "ohlol.read.curve")
    st.subheader(tr("ohlol.table.header"))
    # The run's request and the records drawn name the table (records only ever grow).
    key = ("ohlol.single", run["request"], len(records), tr.lang)

    def build() -> pd.DataFrame:
        return pd.DataFrame({
            tr("ohlol.col.epoch"): [r["epoch"] for r in records],
            tr("ohlol.col.loss"): [round(r["loss"], 6) for r in records],
            tr("ohlol.col.prediction"): [r["prediction"] for r in records],
            tr("ohlol.col.correct"): ["✓" if r["hit"] else "" for r in records],
        })

    st.dataframe(figures.table(key, build), hide_index=True,
                 height=min(420, 38 + 35 * len(records)), key="prediction_table")
    if complete:
        page.download_csv(tr, build, "ohlol_training.csv", key="training_csv", cache_key=key)


def draw_compare(run: dict, records: list[dict], complete: bool, snap) -> None:
    data = run["data"]
    by_cell = {cell: [r for r in records if r["cell"] == cell] for cell in ohlol.CELLS}
    columns = st.columns(len(ohlol.CELLS) + 1)
    for column, (cell, rows) in zip(columns, by_cell.items(), strict=False):
        hit = ohlol.first_hit(rows)
        label = tr("ohlol.metric.cell_first", cell=cell.upper(), target=data.target_text)
        column.metric(label, never_text(complete) if hit is None else str(hit),
                      help=f"{tr('ohlol.metric.final_loss')}: {rows[-1]['loss']:.4f}"
                      if rows else None)
    if snap.finished:
        columns[-1].metric(tr("ohlol.metric.cell_time"), f"{snap.elapsed:.2f} s")
    curves = [curve_of(cell.upper(), cell, rows) for cell, rows in by_cell.items() if rows]
    fig = loss_figure(run, curves, tr("ohlol.compare.title", seed=run["config"].seed))
    st.plotly_chart(fig, width="stretch", key="compare_curve")
    page.how_to_read(tr, "ohlol.read.compare")
    if not snap.finished:
        return  # the table waits: redrawing it would slow down the three trainings it shows
    st.subheader(tr("ohlol.table.compare_header"))
    # Each cell's records drawn are a prefix of its run: their counts name the tables.
    drawn = tuple((cell, len(rows)) for cell, rows in by_cell.items())
    key = ("ohlol.compare", run["request"], drawn, tr.lang)

    def long_table() -> pd.DataFrame:
        return pd.DataFrame([{"cell": r["cell"].upper(), "epoch": r["epoch"],
                              "loss": round(r["loss"], 6), "prediction": r["prediction"]}
                             for r in records])

    def wide_table() -> pd.DataFrame:
        table = long_table()
        order = [c.upper() for c in ohlol.CELLS if c in table["cell"].str.lower().unique()]
        wide = table.pivot(index="epoch", columns="cell", values="prediction")[order]
        return wide.reset_index().rename(columns={"epoch": tr("ohlol.col.epoch")}).fillna("")

    def csv_table() -> pd.DataFrame:
        table = long_table()
        table.columns = [tr("ohlol.cell"), tr("ohlol.col.epoch"), tr("ohlol.col.loss"),
                         tr("ohlol.col.prediction")]
        return table

    rows = len({r["epoch"] for r in records})
    st.dataframe(figures.table(("wide", *key), wide_table), hide_index=True,
                 height=min(420, 38 + 35 * rows), key="compare_table")
    if complete:
        page.download_csv(tr, csv_table, "ohlol_compare.csv", key="compare_csv",
                          cache_key=("long", *key))


def draw_spread(run: dict, records: list[dict], complete: bool) -> None:
    data, config = run["data"], run["config"]
    summary = spread_summary((run["request"], len(records)), records, data.target_text)
    seeds = [config.seed + k for k in range(run["seeds"])]
    hits = [h for h in summary["first_hits"] if h is not None]
    last = records[-1]
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("ohlol.metric.reached", target=literal(data.target_text),
                 epochs=last["epoch"]),
              f"{summary['reached']} / {len(seeds)}")
    c2.metric(tr("ohlol.metric.median_first"),
              f"{pd.Series(hits).median():g}" if hits else tr("ohlol.metric.never"))
    c3.metric(tr("ohlol.metric.median_loss"), f"{summary['median'][-1]:.4f}")
    fig = seed_band((run["request"], len(records)), summary, seeds,
                    title=tr("ohlol.spread.title", k=len(seeds)),
                    x_title=tr("ohlol.axis.epoch"), y_title=loss_axis(run),
                    band_name=tr("ohlol.band"), median_name=tr("ohlol.median"),
                    seed_label=tr("ohlol.seed_word"))
    st.plotly_chart(fig, width="stretch", key="spread_band")
    page.how_to_read(tr, "ohlol.read.spread")
    fig = first_hit_bars((run["request"], len(records)), summary["first_hits"], last["epoch"],
                         title=tr("ohlol.hits.title", target=plots.shown_text(data.target_text)),
                         x_title=tr("ohlol.axis.first_epoch"),
                         y_title=tr("ohlol.axis.seeds"), never_label=tr("ohlol.never"))
    st.plotly_chart(fig, width="stretch", key="spread_hits")
    page.how_to_read(tr, "ohlol.read.hits")
    st.subheader(tr("ohlol.table.spread_header"))
    key = ("ohlol.spread", run["request"], len(records), tr.lang)

    def build() -> pd.DataFrame:
        return pd.DataFrame({
            tr("ohlol.col.seed"): seeds,
            tr("ohlol.col.first_hit"): [tr("ohlol.never") if h is None else str(h)
                                        for h in summary["first_hits"]],
            tr("ohlol.col.final_loss"): [round(x, 6) for x in last["losses"]],
            tr("ohlol.col.final_prediction"): last["predictions"],
        })

    st.dataframe(figures.table(key, build), hide_index=True, key="spread_table")
    if complete:
        page.download_csv(tr, build, "ohlol_seeds.csv", key="spread_csv", cache_key=key)


def draw_records(run: dict | None) -> None:
    snap = live.snapshot(JOB)
    live.status_line(tr, snap)
    if run is None or snap is None:
        return
    if not snap.finished and snap.elapsed < LIVE_AFTER_SECONDS:
        return  # a sub-second run is drawn once done: redrawing it would only slow it down
    records, complete = reveal(snap, run)
    if not records:
        return
    if run["mode"] == "compare":
        draw_compare(run, records, complete, snap)
    elif run["mode"] == "spread":
        draw_spread(run, records, complete)
    else:
        draw_single(run, records, complete)


def training_panel(run: dict | None) -> None:
    """Redraws while the job trains or the curve is still being drawn, then reruns the page."""
    job = st.session_state.get(JOB)
    drawing = job is not None and run is not None and not reveal(job.snapshot(), run)[1]

    @st.fragment(run_every=live.refresh_every(REFRESH_SECONDS) if drawing else None,
                 key="ohlol_panel")
    def panel() -> None:
        draw_records(run)
        if drawing and run is not None and reveal(live.snapshot(JOB), run)[1]:
            st.rerun()  # the rest of the page (inside one epoch) needs the finished run

    panel()


def training_section(data: ohlol.Data | None) -> dict | None:
    st.header(tr("ohlol.train.header"))
    settings = training_controls()
    explain_settings(settings, data)
    run_now = make_run(settings, data) if data is not None else None
    left, right, note = st.columns([1, 1, 5])
    # Train stays clickable with bad strings: the errors above say what to fix.
    if left.button(tr("train"), key="train", type="primary", icon=":material/play_arrow:") \
            and run_now is not None:
        run_now["first_record_seen"] = None
        st.session_state[RUN] = run_now
        st.session_state[SHOWN] = 0
        st.session_state.pop(EPOCH_CHOICE, None)
        live.start(JOB, run_now["request"], generator_factory(run_now),
                   total_steps=total_steps(run_now))
    if right.button(tr("stop"), key="stop", icon=":material/stop:"):
        live.stop(JOB)
    run = st.session_state.get(RUN)
    if run_now is None:
        note.caption(tr("ohlol.fix_first"))
    elif run is not None and run["request"] != run_now["request"]:
        note.caption(tr("ohlol.settings_changed"))
    training_panel(run)
    return run


# --- 3 · Inside one epoch ---------------------------------------------------------------

def remember_epoch() -> None:
    st.session_state[EPOCH_CHOICE] = st.session_state["epoch"]


def choose_epoch(last: int) -> int:
    """The epoch slider. Its range changes with the run and the cell, which makes Streamlit
    treat it as a new widget, so the chosen epoch is remembered outside the widget."""
    if last <= 1:
        return 1
    wanted = st.session_state.get(EPOCH_CHOICE)
    value = wanted if isinstance(wanted, int) and 1 <= wanted <= last else last
    return st.slider(tr("ohlol.inspect.epoch"), 1, last, value=value, key="epoch",
                     on_change=remember_epoch)


def draw_inspection(run: dict, insp: ohlol.Inspection, config: ohlol.OhlolConfig) -> None:
    data = run["data"]
    steps = plots.step_labels(data.input_text, data.target_text)
    st.markdown(tr("ohlol.inspect.summary", epoch=insp.epoch, loss=insp.loss,
                   prediction=literal(insp.prediction)))
    left, right = st.columns(2)
    shown = (run["request"], config.cell, insp.epoch)
    fig = step_heatmap(("probs", *shown), insp.probs, steps, list(data.chars),
                       title=tr("ohlol.probs.title", epoch=insp.epoch),
                       x_title=tr("ohlol.axis.step"), y_title=tr("ohlol.axis.char"),
                       value_name=tr("ohlol.axis.prob"), zmin=0, zmax=1,
                       marked=list(data.targets), marked_name=tr("ohlol.target_mark"))
    left.plotly_chart(fig, width="stretch", key="probs_heatmap")
    left.caption(tr("how_to_read", text=tr("ohlol.read.probs")))
    hidden = insp.parts["hidden"]
    if config.variant == "A":
        rows, y_title = list(data.chars), tr("ohlol.axis.char")
        title = tr("ohlol.hidden.title_A", epoch=insp.epoch)
    else:
        rows = [f"{tr('ohlol.axis.unit_short')} {u + 1}" for u in range(hidden.shape[1])]
        y_title, title = tr("ohlol.axis.unit"), tr("ohlol.hidden.title", epoch=insp.epoch)
    fig = step_heatmap(("hidden", *shown), hidden, steps, rows, title=title,
                       x_title=tr("ohlol.axis.step"), y_title=y_title,
                       value_name=tr("ohlol.axis.value"), diverging=True, zmin=-1, zmax=1)
    right.plotly_chart(fig, width="stretch", key="hidden_heatmap")
    right.caption(tr("how_to_read", text=tr("ohlol.read.hidden")))
    if config.cell == "rnn":
        st.caption(tr("ohlol.gates.rnn_note"))
        return
    order = [p for p in gates.PARTS[config.cell] if p != "hidden"]
    titles = {name: tr(f"ohlol.part.{name}") for name in order}
    fig = gate_heatmaps(shown, insp.parts, order, titles, steps,
                        title=tr("ohlol.gates.title", cell=config.cell.upper(), epoch=insp.epoch),
                        x_title=tr("ohlol.axis.step"), unit_label=tr("ohlol.axis.unit_short"),
                        gate_scale=tr("ohlol.scale.gate"), state_scale=tr("ohlol.scale.state"))
    st.plotly_chart(fig, width="stretch", key="gates_heatmap")
    page.how_to_read(tr, "ohlol.read.gates")


@st.fragment  # the epoch slider and cell choice change only this section: rerun just it
def inspection_section(run: dict | None) -> None:
    st.header(tr("ohlol.inspect.header"))
    snap = live.snapshot(JOB)
    if run is None or snap is None or not snap.records or not reveal(snap, run)[1]:
        st.info(tr("ohlol.inspect.wait"), icon=":material/info:")
        return
    if run["mode"] == "spread":
        st.info(tr("ohlol.inspect.spread"), icon=":material/info:")
        return
    records, config = snap.records, run["config"]
    if run["mode"] == "compare":
        cells = [c for c in ohlol.CELLS if any(r["cell"] == c for r in records)]
        if st.session_state.get("inspect_cell") not in cells:
            st.session_state["inspect_cell"] = cells[0]
        cell = st.radio(tr("ohlol.inspect.cell"), cells, key="inspect_cell", horizontal=True,
                        format_func=str.upper)
        records = [r for r in records if r["cell"] == cell]
        config = replace(config, variant="B", cell=cell)
    epoch = choose_epoch(records[-1]["epoch"])
    # The request, cell and epoch name the model inspected (records are its checkpoints).
    insp = inspected((run["request"], config.cell, epoch), config, run["data"], records, epoch)
    draw_inspection(run, insp, config)


def main() -> None:
    # Re-assigning keeps the value of a control while it is hidden (Streamlit forgets the
    # state of widgets that are not drawn), and sets the defaults on the first run.
    for key, value in DEFAULTS.items():
        st.session_state[key] = st.session_state.get(key, value)
    data = task_section()
    run = training_section(data)
    inspection_section(run)


main()
