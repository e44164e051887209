"""The Seq2Seq model (SPEC 5): data layout, the same numbers two ways, greedy decoding, the
alphabet built from the pairs."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from rnnviz import seq2seq as s2s

SPEC = s2s.Pairs(s2s.SPEC_PAIRS)


def small_config(**changes) -> s2s.Seq2SeqConfig:
    return s2s.Seq2SeqConfig(**{"hidden": 16, "seed": 3, **changes})


def test_alphabet_and_spec_batches():
    assert s2s.N_SYMBOLS == 29 and s2s.ALPHABET[:3] == ("S", "E", "?")
    assert s2s.ALPHABET[3] == "a" and s2s.ALPHABET[-1] == "z"
    assert SPEC.n_step == 5
    enc, dec, target = SPEC.batches()
    assert enc.shape == dec.shape == (3, 6, 29) and target.shape == (3, 6)
    assert s2s.decode(enc[1].argmax(-1).tolist()) == "cat??E"
    assert s2s.decode(enc[0].argmax(-1).tolist()) == "helloE"
    assert s2s.decode(dec[0].argmax(-1).tolist()) == "Shola?"
    assert s2s.decode(target[0].tolist()) == "hola?E"
    assert s2s.decode(target[2].tolist()) == "buenoE"
    assert torch.equal(enc.sum(-1), torch.ones(3, 6))  # one-hot


def test_longer_pairs_pad_to_the_longest_word():
    pairs = s2s.Pairs((("cat", "gato"), ("butterfly", "mariposa")))
    assert pairs.n_step == 9 and pairs.encoder_text("cat") == "cat??????E"


PINYIN = (("ni hao", "hello"), ("xie xie", "thanks"), ("zai jian", "bye"))


def test_a_to_z_pairs_keep_the_course_alphabet_of_29_symbols():
    for pairs in (SPEC, s2s.Pairs((("dog", "perro"), ("cat", "gato")))):
        assert pairs.alphabet == s2s.COURSE and pairs.alphabet.is_course
        assert pairs.alphabet.symbols == s2s.ALPHABET and len(pairs.alphabet) == 29
    assert s2s.Seq2Seq(small_config()).fc.out_features == 29


def test_other_characters_get_start_end_padding_and_the_pairs_characters():
    pairs = s2s.Pairs(PINYIN)
    alphabet = pairs.alphabet
    assert alphabet.symbols == ("S", "E", "?", " ", *"abehijklnostxyz")
    assert not alphabet.is_course and len(alphabet) == 19
    assert pairs.n_step == 8 and pairs.encoder_text("ni hao") == "ni hao??E"
    assert pairs.decoder_text("bye") == "Sbye?????" and pairs.output_text("bye") == "bye?????E"
    enc, dec, target = pairs.batches()
    assert enc.shape == dec.shape == (3, 9, 19) and target.shape == (3, 9)
    assert alphabet.decode(enc[0].argmax(-1).tolist()) == "ni hao??E"
    assert alphabet.decode(target[2].tolist()) == "bye?????E"
    chinese = s2s.Pairs((("hello", "你好"), ("cat", "猫"))).alphabet
    assert chinese.characters == ("a", "c", "e", "h", "l", "o", "t", "你", "好", "猫")
    assert s2s.Pairs((("Cat", "gato"),)).alphabet.characters == ("C", "a", "g", "o", "t")


def test_pairs_that_use_s_e_or_question_marks_get_other_special_symbols():
    alphabet = s2s.Pairs((("SOS", "help?"), ("hi", "E"))).alphabet
    assert alphabet.symbols[:3] == s2s.OTHER_SPECIALS == ("␂", "␃", "␀")
    assert {"S", "E", "?"} <= set(alphabet.characters)
    pairs = s2s.Pairs((("SOS", "help?"),))
    assert pairs.encoder_text("SOS") == "SOS␀␀␃" and pairs.alphabet.strip("help?␀␃xy") == "help?"


def test_words_to_translate_are_checked_against_the_alphabet():
    alphabet = s2s.Pairs(PINYIN).alphabet
    assert s2s.check_word("ni hao", alphabet=alphabet) == []
    (problem,) = s2s.check_word("你好 hao!", alphabet=alphabet)
    assert (problem.reason, problem.raw) == ("unknown", "你好!")
    (problem,) = s2s.check_word("Dog", alphabet=s2s.COURSE)
    assert (problem.reason, problem.raw) == ("unknown", "D")
    assert s2s.check_word("E", alphabet=s2s.COURSE)[0].raw == "E"  # a special is no letter
    assert s2s.check_word("abcdefghijk", alphabet=s2s.COURSE)[0].reason == "too_long"


def test_a_model_of_another_alphabet_trains_decodes_and_restores():
    pairs = s2s.Pairs(PINYIN)
    config = s2s.Seq2SeqConfig(hidden=16, epochs=30, seed=1, margin=None)
    result = s2s.train_to_end(config, pairs)
    model = result["model"]
    assert model.alphabet == pairs.alphabet and model.fc.out_features == 19
    (translation,) = s2s.greedy(model, ["xie xie"], pairs.n_step)
    assert translation.alphabet == pairs.alphabet and translation.probs.shape[1] == 19
    assert translation.encoder_text == "xie xie?E"
    assert translation.decoder_inputs[0] == "S"
    assert translation.output == pairs.alphabet.strip(translation.symbols)
    restored, epoch = s2s.restore(config, result["records"], pairs.alphabet)
    assert epoch == 30
    assert [t.symbols for t in s2s.greedy(restored, pairs.words, pairs.n_step)] == \
        [t.symbols for t in s2s.greedy(model, pairs.words, pairs.n_step)]
    columns = s2s.step_columns(translation, s2s.teacher_forced(model, pairs, "ni hao", "hello"))
    assert columns["forced_in"][:6] == ["S", "h", "e", "l", "l", "o"]
    (spaced,) = s2s.greedy(model, ["ni hao"], pairs.n_step)
    assert s2s.visible(" ") == "␣" and " " not in "".join(
        s2s.step_columns(spaced, None)["greedy_out"])


def test_default_training_learns_pinyin_pairs():
    pairs = s2s.Pairs(PINYIN)
    result = s2s.train_to_end(s2s.fast_config(seed=0), pairs)
    rows = s2s.translations_table(result["model"], pairs)
    assert [r["greedy"] for r in rows] == ["hello", "thanks", "bye"]
    assert all(r["correct"] for r in rows) and result["epochs"] < 1000


def test_the_word_box_starts_from_hello_for_the_course_alphabet_else_the_first_word():
    assert SPEC.default_word == "hello"
    assert s2s.Pairs((("dog", "perro"),)).default_word == "hello"
    assert s2s.Pairs(PINYIN).default_word == "ni hao"


@pytest.mark.parametrize(("pairs", "reason"), [
    ((("ca\tt", "gato"),), "characters"), ((("cat", ""),), "empty"),
    ((("abcdefghijk", "x"),), "too_long"), ((("cat", "ga␃to"),), "reserved"),
    ((), "no_pairs"), ((("a", "b"),) * 21, "too_many"),
    ((("cat", "gato"), ("dog", "perro"), ("cat", "gata")), "conflict"),
])
def test_bad_pairs_are_refused_with_a_reason(pairs, reason):
    with pytest.raises(s2s.InvalidPairs) as caught:
        s2s.Pairs(pairs)
    assert caught.value.problems[0].reason == reason


def test_a_repeated_pair_is_fine_but_a_second_translation_names_the_first_row():
    assert len(s2s.Pairs((("cat", "gato"), ("cat", "gato")))) == 2
    (problem,) = s2s.check_pairs([("cat", "gato"), ("dog", "perro"), ("cat", "gata")])
    assert (problem.row, problem.other_row, problem.raw) == (2, 0, "cat")


def test_bad_config_names_the_setting():
    with pytest.raises(ValueError, match="hidden"):
        s2s.Seq2SeqConfig(hidden=0)
    with pytest.raises(ValueError, match="lr"):
        s2s.Seq2SeqConfig(lr=float("nan"))


def test_initialisation_is_torch_default_from_the_seed_and_ignores_the_global_rng():
    torch.manual_seed(7)
    reference = nn.ModuleDict({"encoder": nn.RNN(29, 16, batch_first=True),
                               "decoder": nn.RNN(29, 16, batch_first=True),
                               "fc": nn.Linear(16, 29)})
    torch.manual_seed(12345)
    model = s2s.Seq2Seq(small_config(seed=7))
    for (name, ours), theirs in zip(model.named_parameters(), reference.parameters(),
                                    strict=True):
        assert torch.equal(ours, theirs), name


def test_forward_equals_hand_stepped_tanh_recurrence():
    model = s2s.Seq2Seq(small_config())
    enc, dec, _ = SPEC.batches()
    logits, _ = model(enc, model.init_hidden(3), dec)
    p = {name: t.detach().numpy() for name, t in model.named_parameters()}

    def run(prefix, xs, h):
        states = []
        for x in xs:
            h = np.tanh(p[f"{prefix}.weight_ih_l0"] @ x + p[f"{prefix}.bias_ih_l0"]
                        + p[f"{prefix}.weight_hh_l0"] @ h + p[f"{prefix}.bias_hh_l0"])
            states.append(h)
        return np.stack(states), h

    for b in range(3):
        _, context = run("encoder", enc[b].numpy(), np.zeros(16))
        states, _ = run("decoder", dec[b].numpy(), context)
        expected = states @ p["fc.weight"].T + p["fc.bias"]
        np.testing.assert_allclose(logits[b].detach().numpy(), expected, atol=1e-5)


def test_loss_is_the_spec_sum_of_per_pair_cross_entropies():
    trainer = s2s.Trainer(small_config(), SPEC)
    logits, _ = trainer.model(trainer.enc, trainer.hidden, trainer.dec)
    criterion = nn.CrossEntropyLoss()
    expected = sum(criterion(logits[i], trainer.target[i]) for i in range(3)).item()
    loss, _ = trainer.epoch()
    assert loss == pytest.approx(expected, rel=1e-6)


def test_greedy_feeds_back_its_own_predictions():
    """Greedy decoding one step at a time equals re-running the decoder on the whole
    prefix it wrote so far, and stops at E or after n_step + 1 symbols."""
    model = s2s.Seq2Seq(small_config(seed=1))
    (translation,) = s2s.greedy(model, ["good"], SPEC.n_step)
    enc = s2s.one_hot([s2s.encode("good?E")])
    with torch.no_grad():
        _, context = model.encoder(enc, model.init_hidden(1))
        written = ""
        for _ in range(SPEC.n_step + 1):
            out, _ = model.decoder(s2s.one_hot([s2s.encode("S" + written)]), context)
            written += s2s.ALPHABET[int(model.fc(out[0, -1]).argmax())]
            if written.endswith("E"):
                break
    assert translation.symbols == written
    assert translation.decoder_inputs == "S" + written[:-1]
    assert translation.probs.shape == (len(written), 29)
    np.testing.assert_allclose(translation.probs.sum(axis=1), 1, atol=1e-5)
    assert translation.encoder_states.shape == (6, 16)
    np.testing.assert_allclose(translation.context, translation.encoder_states[-1], atol=1e-6)


def test_default_training_translates_all_three_pairs_by_greedy_decoding():
    result = s2s.train_to_end(s2s.fast_config(seed=0), SPEC)
    rows = s2s.translations_table(result["model"], SPEC)
    assert [r["greedy"] for r in rows] == ["hola", "gato", "bueno"]
    assert all(r["teacher_forced"] == r["target"] for r in rows)
    records = result["records"]
    assert result["epochs"] < 300 and records[-1]["all_right"]
    assert records[-1]["greedy"] == ["hola", "gato", "bueno"]
    assert records[-1]["loss"] < 0.2 * records[0]["loss"]
    assert [r["step"] for r in records] == list(range(1, len(records) + 1))


def test_untrained_model_gets_the_words_wrong():
    rows = s2s.translations_table(s2s.Seq2Seq(s2s.fast_config(seed=0)), SPEC)
    assert not any(r["correct"] for r in rows)


def test_batched_teacher_forcing_equals_one_pair_at_a_time():
    model = s2s.Seq2Seq(small_config(seed=5))
    one_by_one = [s2s.strip(s2s.teacher_forced(model, SPEC, w, t).symbols)
                  for w, t in SPEC.pairs]
    assert s2s.teacher_forced_outputs(model, SPEC) == one_by_one


def test_a_stopped_run_can_be_restored_from_its_last_saved_weights():
    config = s2s.Seq2SeqConfig(hidden=16, epochs=100, seed=2, margin=None)
    run = s2s.train(config, SPEC)
    records = [next(run) for _ in range(45)]
    run.close()  # what Stop does
    saved = [r["epoch"] for r in records if "weights" in r]
    assert saved == [1, 10, 20, 30, 40]
    model, epoch = s2s.restore(config, records)
    assert epoch == 40
    assert [t.output for t in s2s.greedy(model, SPEC.words, SPEC.n_step)] == records[39]["greedy"]


def test_encoder_heatmap_keeps_repeated_letters_apart():
    """A category axis merges equal labels: the two l's of hello need columns of their own."""
    from rnnviz.plots.seq2seq import encoder_states
    states = np.arange(12.0).reshape(6, 2) / 12  # (T, H)
    heatmap = encoder_states(states, list("helloE")).data[0]
    assert len(set(heatmap.x)) == 6 == len(heatmap.z[0])
    assert heatmap.z[0] == list(states[:, 0])


def test_once_every_teacher_forced_letter_is_right_greedy_writes_the_same_word():
    """What the page tells students: while learning, teacher forcing has more letters right
    than greedy decoding; once all its letters are right, greedy writes the same word."""
    trainer = s2s.Trainer(s2s.fast_config(seed=0), SPEC)
    all_right = forced_ahead = 0
    for epoch in range(1, 121):
        trainer.epoch()
        if epoch % 4:
            continue
        translations = s2s.greedy(trainer.model, SPEC.words, SPEC.n_step)
        for (word, target), translation in zip(SPEC.pairs, translations, strict=True):
            expected = SPEC.pad(target) + s2s.END  # what each decoder step should write
            forced = s2s.teacher_forced(trainer.model, SPEC, word, target).symbols
            if forced == expected:
                all_right += 1
                assert translation.symbols == expected, (epoch, word, translation.symbols)

            def letters_right(symbols: str, expected: str = expected) -> int:
                return sum(a == b for a, b in zip(symbols, expected, strict=False))

            forced_ahead += letters_right(forced) > letters_right(translation.symbols)
    assert all_right > 10 and forced_ahead > 0


# --- Requests and what the page reads off a run ------------------------------------------

@pytest.mark.parametrize(("field", "bad"), [
    ("pairs", (("cat", ""),)), ("pairs", ()), ("recipe", "slow"), ("hidden", 0),
    ("hidden", s2s.MAX_HIDDEN + 1), ("hidden", 8.5), ("seed", -1),
])
def test_a_request_names_its_bad_field(field, bad):
    with pytest.raises(ValueError, match=field):
        s2s.Seq2SeqRequest(**{field: bad})


def test_identical_requests_are_equal_hash_equal_and_start_their_recipe():
    a = s2s.Seq2SeqRequest(s2s.SPEC_PAIRS, "spec", 16, 3)
    b = s2s.Seq2SeqRequest(s2s.Pairs(s2s.SPEC_PAIRS), recipe="spec", hidden=16, seed=3)
    assert a == b and hash(a) == hash(b) and {a: 1}[b] == 1
    assert a != s2s.Seq2SeqRequest(s2s.SPEC_PAIRS[:2], "spec", 16, 3)
    assert a.config == s2s.spec_config(seed=3, hidden=16) and a.total_steps == s2s.SPEC_EPOCHS
    fast = s2s.Seq2SeqRequest(SPEC, seed=3)
    assert fast.config == s2s.fast_config(seed=3)
    assert fast.total_steps == s2s.FAST_MAX_EPOCHS == s2s.fast_config().epochs
    run = fast.start()
    records = [next(run) for _ in range(45)]
    run.close()  # what Stop does: no result, the model as saved last
    model, epoch = fast.trained_model(None, records)
    assert epoch == 40 and model.config == fast.config
    assert fast.trained_model({"model": model}, records) == (model, None)  # a finished run
    assert fast.trained_model(None, records[:0]) is None
    assert fast.trained_model(None, []) is None


@pytest.mark.parametrize("pairs", [
    s2s.SPEC_PAIRS, (("a", "b"),), (("cat", "gato"),) * 2, PINYIN,
    (("你好", "hello"), ("谢谢", "thank you")),
    (("a,b", "c:d"), ("100%", "%3A%2C"), ("&x=1#", "+ ?/"), ("%25", "50 % :)"))])
def test_pairs_code_round_trips(pairs):
    assert s2s.parse_pairs_code(s2s.pairs_code(pairs)) == pairs


def test_a_pairs_code_carries_any_character_and_a_hand_written_link_reads_too():
    assert s2s.pairs_code(PINYIN) == "ni hao:hello,xie xie:thanks,zai jian:bye"
    assert s2s.pairs_code([("a,b", "c:d%")]) == "a%2Cb:c%3Ad%25"
    assert s2s.parse_pairs_code("你好:hello,a%2cb:c%3ad") == (("你好", "hello"), ("a,b", "c:d"))


@pytest.mark.parametrize("code", ["", "hello", "hello:hola,ca\tt:gato", "a:b:c", "a:,b:c",
                                  "cat:gato,cat:gata", "cat:ga␀to"])
def test_a_pairs_code_that_is_not_usable_pairs_is_refused(code):
    with pytest.raises(ValueError):
        s2s.parse_pairs_code(code)


def test_pairs_are_read_off_an_edited_table():
    assert s2s.table_pairs([" cat ", None, "", float("nan")], ["gato", "x", "", None]) == \
        (("cat", "gato"), ("", "x"))


def test_per_record_metrics():
    records = [
        {"epoch": 1, "loss": 2.0, "all_right": False, "greedy": ["", "gat"],
         "forced": ["ho", "gato"]},
        {"epoch": 2, "loss": 1.0, "all_right": False},
        {"epoch": 3, "loss": 0.123456, "all_right": True, "greedy": ["hola", "gato"],
         "forced": ["hola", "gato"]},
    ]
    targets = ["hola", "gato"]
    assert s2s.first_right(records) == 3 and s2s.first_right(records[:2]) is None
    assert s2s.latest_greedy(records[:2]) == ["", "gat"]
    assert s2s.hover_translations(records) == ["∅, gat", "∅, gat", "hola, gato"]
    assert s2s.first_gap(records, targets) == (1, 1, 0)
    assert s2s.history(records, targets) == [
        {"epoch": 1, "loss": 2.0, "greedy": "∅, gat", "greedy_right": "0 / 2",
         "forced": "ho, gato", "forced_right": "1 / 2"},
        {"epoch": 3, "loss": 0.1235, "greedy": "hola, gato", "greedy_right": "2 / 2",
         "forced": "hola, gato", "forced_right": "2 / 2"}]


def test_step_columns_line_greedy_and_teacher_forcing_up():
    model = s2s.Seq2Seq(small_config())
    (translation,) = s2s.greedy(model, ["cat"], SPEC.n_step)
    forced = s2s.teacher_forced(model, SPEC, "cat", "gato")
    columns = s2s.step_columns(translation, forced)
    length = max(len(translation.symbols), len(forced.symbols))
    assert set(map(len, columns.values())) == {length}
    assert columns["step"] == list(range(1, length + 1))
    assert "".join(columns["forced_in"]) == "Sgato?"
    assert list(s2s.step_columns(translation, None)) == ["step", "greedy_in", "greedy_out",
                                                         "greedy_p"]


def test_curve_numbers_count_the_pairs_right_and_the_first_epoch_all_were():
    targets = ["hola", "gato"]
    records = [{"epoch": 10, "loss": 2.0, "all_right": False, "greedy": ["hol", "gato"]},
               {"epoch": 20, "loss": 0.5, "all_right": True, "greedy": ["hola", "gato"]},
               {"epoch": 21, "loss": 0.4, "all_right": True}]
    assert s2s.curve_numbers(records, targets) == dict(loss=0.4, epoch=21, n=2, right=2,
                                                       first=20)
    assert s2s.curve_numbers(records[:1], targets)["first"] is None


def test_a_translation_names_its_least_sure_letter_and_its_context():
    alphabet = s2s.COURSE
    probs = np.full((3, len(alphabet)), 0.01)
    for t, (symbol, p) in enumerate((("o", 0.9), ("k", 0.4), (alphabet.end, 0.8))):
        probs[t, alphabet.encode(symbol)[0]] = p
    translation = s2s.Translation("ok", "okE", np.zeros((3, 2)), np.array([0.25, -0.75]),
                                  "ok" + alphabet.end, probs, "Sok")
    assert translation.least_sure() == {"step": 2, "symbol": "k", "p": pytest.approx(0.4)}
    assert translation.context_numbers() == {"n": 2, "low": -0.75, "high": 0.25, "unit": 2,
                                             "value": -0.75}
