"""Encoder-decoder: train a word translator live, then look inside one translation (SPEC 5).

The alphabet follows the pairs: the course material's 29 symbols for words of a-z, else start,
end and padding then the pairs' own characters (pinyin, Chinese)."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from rnnviz import seq2seq as s2s
from rnnviz.plots import seq2seq as plots
from ui import cache, editors, live, page, settings
from ui.text.seq2seq import STRINGS

SLUG = "seq2seq"
tr = page.setup(STRINGS, "seq2seq.title")

PAIRS = settings.Codec(s2s.parse_pairs_code, s2s.pairs_code)  # ?pairs=hello:hola,cat:gato
setting = settings.PageSettings(tr, SLUG, dict(recipe="fast", hidden=s2s.SPEC_HIDDEN, seed=0))
COLUMN_KEYS = {"epoch": "seq2seq.axis.epoch", "teacher_forced": "seq2seq.col.forced"}

# Shared by every session: the loss curve per run and records so far, the word figures per
# model and word.
training_curve = cache.shared(plots.training_curve)
encoder_figure = cache.shared(plots.encoder_figure)
decoder_figure = cache.shared(plots.decoder_figure)
context_vector = cache.shared(plots.context_vector)


code = page.code_span  # typed text as a markdown code span


def frame(columns: list[dict] | dict[str, list]) -> pd.DataFrame:
    """A table of rnnviz's rows or columns, its column codes translated."""
    return page.translated(tr, pd.DataFrame(columns), "seq2seq.col", COLUMN_KEYS)


# --- The alphabet -------------------------------------------------------------------------

def alphabet_text(pairs: s2s.Pairs) -> str:
    """The intro and the alphabet of `pairs`, with the first pair as it is fed in."""
    alphabet, (word, target) = pairs.alphabet, pairs.pairs[0]
    example = dict(n=pairs.n_step, word=word, target=target, enc=code(pairs.encoder_text(word)),
                   dec=code(pairs.decoder_text(target)), out=code(pairs.output_text(target)))
    if alphabet.is_course:
        shown = tr("seq2seq.alphabet.course", **example)
    else:
        chars = code(" ".join(map(s2s.visible, alphabet.characters)))
        shown = tr("seq2seq.alphabet.pairs", size=len(alphabet), start=alphabet.start,
                   end=alphabet.end, pad=alphabet.pad, count=len(alphabet.characters),
                   chars=chars, **example)
    intro = tr("seq2seq.intro", start=alphabet.start, end=alphabet.end)
    return intro + "\n\n" + shown  # one element, paragraphs apart


def shown_pairs(pairs: s2s.Pairs | None) -> s2s.Pairs:
    """The pairs whose alphabet the page shows: the table's, else (while it is not usable)
    the last run's, else the course material's."""
    run = live.current_run(SLUG)
    return pairs or (run.request.pairs if run is not None else s2s.Pairs(s2s.SPEC_PAIRS))


# --- 1 · Pairs ------------------------------------------------------------------------------

def describe(problem: s2s.WordProblem) -> str:
    """The error naming a bad pair's row and column."""
    return tr(f"seq2seq.error.{problem.reason}", row=problem.row + 1,
              other=problem.other_row + 1, column=tr(f"seq2seq.col.{problem.column}"),
              value=problem.raw, length=len(problem.raw),
              limit=s2s.MAX_PAIRS if problem.reason == "too_many" else s2s.MAX_WORD)


def pairs_editor() -> s2s.Pairs | None:
    """The editable pairs, or None (with errors naming row and column) when they are unusable."""
    st.header(tr("seq2seq.pairs.header"))
    st.caption(tr("seq2seq.pairs.help", chars=s2s.MAX_WORD, pairs=s2s.MAX_PAIRS))
    rows = editors.pairs_editor(
        tr, tr("seq2seq.pairs.label"), page=SLUG, name="pairs", default=s2s.SPEC_PAIRS,
        codec=PAIRS, columns=(tr("seq2seq.col.word"), tr("seq2seq.col.target")),
        check=s2s.check_pairs, describe=describe)
    if rows is None:
        live.keep_note(tr, SLUG, "seq2seq.error.keep")
        return None
    return s2s.Pairs(rows)


# --- 2 · Training ---------------------------------------------------------------------------

def training_controls(pairs: s2s.Pairs | None) -> s2s.Seq2SeqRequest | None:
    c1, c2, c3 = st.columns([3, 1, 1])
    recipe = setting.choice(c1.radio, "recipe", s2s.RECIPES, horizontal=True,
                            format_func=lambda r: tr(f"seq2seq.recipe.{r}", lr=s2s.FAST_LR))
    hidden = setting.number(c2.number_input, "hidden", 4, s2s.MAX_HIDDEN, step=4)
    seed = setting.number(c3.number_input, "seed", 0, s2s.MAX_SEED, step=1)
    c1.caption(tr(f"seq2seq.recipe.{recipe}.explain", lr=s2s.FAST_LR, margin=s2s.FAST_MARGIN,
                  epochs=s2s.FAST_MAX_EPOCHS))
    st.code(tr("seq2seq.formula", hidden=int(hidden), size=len(shown_pairs(pairs).alphabet)),
            language=None)
    return None if pairs is None else s2s.Seq2SeqRequest(pairs, recipe, int(hidden), int(seed))


def draw_training(run: live.Run) -> None:
    records = run.records
    if not records:
        return
    shown = s2s.curve_numbers(records, run.request.pairs.targets)
    shown.update(loss=f"{shown['loss']:.2e}", first=str(shown["first"] or tr(
        "seq2seq.metric.never")))
    page.metrics((tr("seq2seq.metric.final_loss"), shown["loss"]),
                 (tr("seq2seq.metric.epochs"), str(shown["epoch"])),
                 (tr("seq2seq.metric.right"), f"{shown['right']} / {shown['n']}"),
                 (tr("seq2seq.metric.first_right"), shown["first"]))
    # Every session sharing the run draws the same curve: built once per new record.
    page.chart(tr, training_curve(
        cache.Named((run.request, len(records)), records), title=tr("seq2seq.curve.title"),
        x_title=tr("seq2seq.axis.epoch"), y_title=tr("seq2seq.axis.loss"),
        translation_label=tr("seq2seq.hover.greedy"), right_name=tr("seq2seq.hover.right")),
        key="loss_curve", read="seq2seq.read.curve", **shown)


# --- 3 · Results ----------------------------------------------------------------------------

def forget_an_unknown_word(request: s2s.Seq2SeqRequest) -> None:
    """On Train: a word the new pairs' alphabet cannot read goes back to their default."""
    word = setting.value("word")
    if word is not None and request.pairs.alphabet.unknown(word):
        setting.assign(word=request.pairs.default_word)


def results_section(model: s2s.Seq2Seq, run: live.Run, run_key: tuple) -> None:
    st.header(tr("seq2seq.table.header"))
    pairs = run.request.pairs
    st.markdown(tr("seq2seq.table.explain", start=pairs.alphabet.start))

    def translations() -> pd.DataFrame:
        return frame([{**row, "correct": "✓" if row["correct"] else "✗"}
                      for row in s2s.translations_table(model, pairs)])

    # Each table is built, converted and written once per model and language for the class.
    page.shared_table(tr, ("seq2seq.translations", run_key), translations, "translations",
                      "seq2seq_translations.csv")
    wrong = len(pairs) - s2s.count_right(s2s.latest_greedy(run.records), pairs.targets)
    if wrong and run_key[2] is None:  # a run that ended without learning every pair
        st.warning(tr("seq2seq.not_learned", wrong=wrong, n=len(pairs),
                      epochs=run.records[-1]["epoch"], n_step=pairs.n_step,
                      pad=pairs.alphabet.pad), icon=":material/warning:")
    rows = s2s.history(run.records, pairs.targets)  # the sampled epochs
    if not rows:
        return
    st.subheader(tr("seq2seq.history.header"))
    gap = s2s.first_gap(run.records, pairs.targets)
    if gap is not None:
        st.markdown(tr("seq2seq.history.gap", epoch=gap[0], forced=gap[1], greedy=gap[2],
                       n=len(pairs)))
    page.shared_table(tr, ("seq2seq.history", run_key), lambda: frame(rows), "history",
                      "seq2seq_history.csv", height=min(400, 38 + 35 * len(rows)))


# --- 4 · One word ---------------------------------------------------------------------------

def word_input(pairs: s2s.Pairs) -> str | None:
    codec = settings.Codec(partial(s2s.linked_word, alphabet=pairs.alphabet))
    word = setting.linked(st.text_input, "word", codec, default=pairs.default_word, max_chars=50,
                          help=tr("seq2seq.word.help", limit=s2s.MAX_WORD, n=pairs.n_step))
    word = word.strip()
    problems = s2s.check_word(word, limit=s2s.MAX_WORD, alphabet=pairs.alphabet)
    for problem in problems:
        unknown = tr("seq2seq.separator").join(
            tr("seq2seq.quoted", char=s2s.visible(c)) for c in problem.raw)
        st.error(tr(f"seq2seq.word.error.{problem.reason}", value=word, length=len(word),
                    limit=s2s.MAX_WORD, unknown=unknown), icon=":material/error:")
    return None if problems else word


def draw_translation(model: s2s.Seq2Seq, pairs: s2s.Pairs, word: str, key: tuple) -> None:
    # A word longer than the training words is read unpadded (and may write as many letters).
    (translation,) = s2s.greedy(model, [word], max(pairs.n_step, len(word)))
    st.markdown(tr("seq2seq.word.result", word=word, output=translation.output or "∅",
                   symbols=translation.symbols))
    for note, values in s2s.translation_notes(pairs, word, translation):
        st.caption(tr(f"seq2seq.word.{note}", **values))
    targets = dict(pairs.pairs)
    left, right = st.columns(2)
    shown = cache.Named(key, translation)  # the translation, named by model and word
    context = translation.context_numbers()
    page.chart(tr, encoder_figure(
        shown, title=tr("seq2seq.encoder.title"), x_title=tr("seq2seq.axis.input_step"),
        y_title=tr("seq2seq.axis.unit"), value_name=tr("seq2seq.axis.value")),
        key="encoder_heatmap", where=left, read="seq2seq.read.encoder",
        end=translation.alphabet.end, **context)
    page.chart(tr, decoder_figure(
        shown, title=tr("seq2seq.decoder.title"), x_title=tr("seq2seq.axis.output_step"),
        y_title=tr("seq2seq.axis.symbol"), value_name=tr("seq2seq.axis.prob"),
        chosen_name=tr("seq2seq.chosen")), key="decoder_heatmap", where=right,
        read="seq2seq.read.decoder", **translation.least_sure())
    page.chart(tr, context_vector(
        translation.context, title=tr("seq2seq.context.title"), x_title=tr("seq2seq.axis.unit"),
        y_title=tr("seq2seq.axis.state")), key="context_bars", read="seq2seq.read.context",
        **context)
    st.subheader(tr("seq2seq.steps.header"))
    forced = s2s.teacher_forced(model, pairs, word, targets[word]) if word in targets else None
    table = frame(s2s.step_columns(translation, forced))
    st.dataframe(table, hide_index=True, key="steps_table")
    page.download_csv(tr, table, f"seq2seq_{word}_steps.csv", key="steps_csv")


@st.fragment  # the word changes only its own translation: rerun just this section
def word_section(model: s2s.Seq2Seq, run_key: tuple) -> None:
    st.header(tr("seq2seq.word.header"))
    pairs = run_key[0].pairs
    word = word_input(pairs)
    if word is not None:
        draw_translation(model, pairs, word, (*run_key, word))


intro = st.empty()  # the alphabet follows the pairs, read from the table below
pairs = pairs_editor()
intro.markdown(alphabet_text(shown_pairs(pairs)))
st.header(tr("seq2seq.train.header"))
request = training_controls(pairs)
run = live.training_panel(tr, request, draw_training, key=SLUG, every=0.4,
                          on_train=lambda: forget_an_unknown_word(request))
model_and_key = live.model_of(tr, run, "seq2seq.stopped_model", "epoch")
if model_and_key is None and run is not None and not run.finished:
    st.info(tr("seq2seq.training"), icon=":material/hourglass_top:")
elif model_and_key is None:
    st.info(tr("seq2seq.press_train"), icon=":material/info:")
else:
    results_section(model_and_key[0], run, model_and_key[1])
    word_section(*model_and_key)
