"""The character language model: vocabulary, both samplers, the model, training, generation."""

import math

import pytest
import torch
import torch.nn.functional as F

from rnnviz import charlm
from rnnviz.charlm import CharLM, CharLMConfig, TrainConfig, Vocab
from rnnviz.jobs import run_to_end


def test_vocabulary_is_sorted_by_frequency_with_unk_first():
    vocab = Vocab.build(list("abbcccdd"))
    # c (3); then b and d tie at 2 and are ordered by code point; a (1).
    assert vocab.idx_to_token == ("<unk>", "c", "b", "d", "a")
    assert vocab.counts == (0, 3, 2, 2, 1)
    assert vocab.encode(list("cab")) == [1, 4, 2]
    assert vocab.encode(list("xa?")) == [0, 4, 0]
    assert vocab.unknown(list("xax?x")) == ["x", "?"]
    assert vocab.decode([1, 2, 3]) == "cbd"


def test_chinese_characters_are_one_token_each():
    ids, vocab = charlm.encode_text("明月光，明月", max_tokens=None)
    assert vocab.idx_to_token[:3] == ("<unk>", "明", "月")
    assert len(ids) == 6 and vocab.decode(ids) == "明月光，明月"


def test_encode_text_keeps_the_first_tokens_only():
    ids, vocab = charlm.encode_text("abcdefgh", max_tokens=3)
    assert vocab.decode(ids) == "abc" and len(vocab) == 4


def test_sequential_partitioning_hand_checked():
    # 30 tokens, batch 2, 5 steps, offset 0: rows of (30 - 0 - 1) // 2 = 14 tokens,
    # 14 // 5 = 2 batches; row 0 starts at 0, row 1 at 14.
    assert charlm.sequential_starts(30, 2, 5, offset=0) == [[0, 14], [5, 19]]
    assert charlm.sequential_starts(30, 2, 5, offset=3) == [[3, 16], [8, 21]]
    x, y = next(charlm.minibatches(list(range(30)), 2, 5, "sequential",
                                   torch.Generator().manual_seed(0)))
    assert x.shape == y.shape == (2, 5)


def test_random_sampling_hand_checked():
    # 30 tokens, 5 steps, offset 2: subsequences start at 2, 7, 12, 17 ((30-2-1)//5 = 5 -> 22 too)
    batches = charlm.random_starts(30, 2, 5, torch.Generator().manual_seed(0), offset=2)
    assert len(batches) == 2 and all(len(batch) == 2 for batch in batches)
    starts = [s for batch in batches for s in batch]
    assert len(set(starts)) == 4 and set(starts) <= {2, 7, 12, 17, 22}


@pytest.mark.parametrize("sampler", charlm.SAMPLERS)
def test_every_label_is_the_next_token(sampler):
    text = "the quick brown fox jumps over the lazy dog " * 20
    ids, vocab = charlm.encode_text(text)
    corpus = torch.tensor(ids)
    n_batches = 0
    for x, y in charlm.minibatches(ids, 4, 7, sampler, torch.Generator().manual_seed(1)):
        n_batches += 1
        assert x.shape == y.shape == (4, 7)
        assert torch.equal(x[:, 1:], y[:, :-1])
        # Labels are the inputs shifted by one in the corpus itself, not only within a row.
        for row_x, row_y in zip(x, y, strict=True):
            start = next(i for i in range(len(ids)) if torch.equal(corpus[i:i + 7], row_x)
                         and torch.equal(corpus[i + 1:i + 8], row_y))
            assert vocab.decode(row_y.tolist()) == text[start + 1:start + 8]
    assert n_batches >= 10


def test_sequential_batches_are_contiguous_across_iterations():
    corpus = list(range(1000))  # token i is at position i: values are positions
    batches = list(charlm.minibatches(corpus, 3, 10, "sequential",
                                      torch.Generator().manual_seed(5)))
    assert len(batches) > 5
    for (x0, _), (x1, _) in zip(batches, batches[1:], strict=False):
        assert torch.equal(x1[:, 0], x0[:, -1] + 1)


def test_random_sampling_does_not_overlap_within_an_epoch():
    corpus = list(range(1000))
    starts = [int(x[r, 0]) for x, _ in charlm.minibatches(corpus, 4, 10, "random",
                                                          torch.Generator().manual_seed(2))
              for r in range(4)]
    assert len(set(starts)) == len(starts)
    assert all((a - b) % 10 == 0 for a, b in zip(starts, starts[1:], strict=False))


def test_lookup_input_equals_one_hot_times_weights():
    torch.manual_seed(0)
    vocab_size, hidden = 11, 6
    onehot = CharLM(CharLMConfig(vocab_size, hidden, "rnn", "onehot"))
    lookup = CharLM(CharLMConfig(vocab_size, hidden, "rnn", "lookup"))
    with torch.no_grad():
        lookup.lookup.weight.copy_(onehot.rnn.weight_ih_l0.T)  # row v = W_ih one_hot(v)
        lookup.rnn.weight_ih_l0.copy_(torch.eye(hidden))
        lookup.rnn.bias_ih_l0.copy_(onehot.rnn.bias_ih_l0)
        lookup.rnn.weight_hh_l0.copy_(onehot.rnn.weight_hh_l0)
        lookup.rnn.bias_hh_l0.copy_(onehot.rnn.bias_hh_l0)
        lookup.head.load_state_dict(onehot.head.state_dict())
    x = torch.randint(0, vocab_size, (3, 8))
    a, ha = onehot(x)
    b, hb = lookup(x)
    assert torch.allclose(a, b, atol=1e-5) and torch.allclose(ha, hb, atol=1e-5)


def test_one_hot_model_matches_a_hand_written_rnn():
    torch.manual_seed(1)
    model = CharLM(CharLMConfig(7, 5, "rnn", "onehot"))
    x = torch.randint(0, 7, (2, 4))
    logits, hidden = model(x)
    rnn = model.rnn
    h = torch.zeros(2, 5)
    for t in range(4):
        xt = F.one_hot(x[:, t], 7).float()
        h = torch.tanh(xt @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + h @ rnn.weight_hh_l0.T
                       + rnn.bias_hh_l0)
        assert torch.allclose(logits[:, t], model.head(h), atol=1e-5)
    assert torch.allclose(hidden[0], h, atol=1e-5)


@pytest.mark.parametrize("cell", charlm.CELLS)
def test_every_cell_gives_logits_and_a_state_to_carry(cell):
    model = CharLM(CharLMConfig(3000, 16, cell))  # a Chinese-sized vocabulary
    x = torch.randint(0, 3000, (4, 9))
    logits, hidden = model(x, model.init_hidden(4))
    assert logits.shape == (4, 9, 3000)
    logits2, _ = model(x[:, :1], hidden)
    assert logits2.shape == (4, 1, 3000)


def test_bad_options_name_the_choices():
    with pytest.raises(ValueError, match="lstm"):
        CharLMConfig(10, 8, "transformer")
    with pytest.raises(ValueError, match="sequential"):
        TrainConfig(sampler="shuffle")
    with pytest.raises(ValueError, match="sgd"):
        TrainConfig(optimizer="rmsprop")


def test_a_corpus_shorter_than_one_batch_is_refused():
    ids, vocab = charlm.encode_text("abcdefghij" * 3)
    with pytest.raises(charlm.CorpusTooShort) as short:
        next(charlm.train_charlm(ids, vocab, CharLMConfig(len(vocab), 8),
                                 TrainConfig(batch_size=4, num_steps=10)))
    assert short.value.needed == 50 and short.value.n_tokens == 30


def test_perplexity_is_exp_of_mean_cross_entropy():
    ids, vocab = charlm.encode_text("abcabcabd" * 30)
    torch.manual_seed(0)
    model = CharLM(CharLMConfig(len(vocab), 8)).eval()
    n = len(ids) - 1  # one row holding the whole text: inputs ids[:-1], labels ids[1:]
    logits, _ = model(torch.tensor([ids[:-1]]))
    expected = math.exp(F.cross_entropy(logits[0], torch.tensor(ids[1:])).item())
    got = charlm.perplexity(model, ids, batch_size=1, num_steps=n)
    assert math.isclose(got, expected, rel_tol=1e-5)
    # An untrained model is about as unsure as a uniform guess over the vocabulary.
    assert 0.5 * len(vocab) < got < 2 * len(vocab)


@pytest.mark.parametrize("cell", ["rnn", "gru"])
def test_training_lowers_perplexity_on_a_small_slice(cell):
    from rnnviz.corpus import load_play

    ids, vocab = charlm.encode_text(load_play("tragedies/hamlet"), 2_000)
    records = list(charlm.train_charlm(
        ids, vocab, CharLMConfig(len(vocab), 64, cell),
        TrainConfig(epochs=6, lr=0.01, batch_size=8, num_steps=20, seed=0, sample_every=3),
        prefix="The ",
    ))
    start, last = records[0], records[-1]
    assert [r["epoch"] for r in records] == list(range(7))
    assert start["perplexity"] > 0.6 * len(vocab)
    assert last["perplexity"] < 0.5 * start["perplexity"]
    assert all(r["grad_norm"] > 0 and r["tokens_per_s"] > 0 for r in records[1:])
    assert records[3]["sample"] is not None and records[2]["sample"] is None
    assert len(records[-1]["sample"]) == 80


def test_training_is_reproducible_for_a_fixed_seed():
    ids, vocab = charlm.encode_text("to be or not to be, that is the question. " * 30)
    config = CharLMConfig(len(vocab), 16)
    train = TrainConfig(epochs=2, batch_size=4, num_steps=8, sampler="random", seed=3)
    a = [r["perplexity"] for r in charlm.train_charlm(ids, vocab, config, train)]
    b = [r["perplexity"] for r in charlm.train_charlm(ids, vocab, config, train)]
    assert a == b


def test_sgd_without_clipping_still_reports_the_gradient_norm():
    ids, vocab = charlm.encode_text("abcdefg" * 100)
    records = list(charlm.train_charlm(
        ids, vocab, CharLMConfig(len(vocab), 16, "rnn", "onehot"),
        TrainConfig(epochs=2, lr=1.0, optimizer="sgd", clip=None, batch_size=4, num_steps=10)))
    assert records[-1]["grad_norm_max"] >= records[-1]["grad_norm"] > 0


def test_greedy_generation_takes_the_top_candidate_each_step():
    ids, vocab = charlm.encode_text("hello world " * 50)
    model = charlm.untrained_model(CharLMConfig(len(vocab), 16), seed=0)
    result = charlm.generate(model, vocab, "hel", 12)
    assert len(result.text) == 12 and result.unknown == []
    assert [step[0] for step in result.top_tokens] == list(result.text)
    for probs in result.top_probs:
        assert len(probs) == 5 and probs == sorted(probs, reverse=True) and sum(probs) <= 1 + 1e-6
    assert charlm.generate(model, vocab, "hel", 12).text == result.text


def test_generation_warms_up_on_the_prefix():
    ids, vocab = charlm.encode_text("hello world " * 50)
    model = charlm.untrained_model(CharLMConfig(len(vocab), 16), seed=0)
    with torch.no_grad():
        logits, _ = model(torch.tensor([vocab.encode(list("wor"))]))
    result = charlm.generate(model, vocab, "wor", 1)
    expected = torch.softmax(logits[0, -1, 1:], -1).max().item()  # <unk> is never proposed
    assert math.isclose(result.top_probs[0][0], expected, rel_tol=1e-5)


def test_sampling_with_temperature_is_seeded_and_flattens():
    ids, vocab = charlm.encode_text("hello world " * 50)
    model = charlm.untrained_model(CharLMConfig(len(vocab), 16), seed=0)
    cold = charlm.generate(model, vocab, "he", 30, greedy=False, temperature=0.2, seed=4)
    hot = charlm.generate(model, vocab, "he", 30, greedy=False, temperature=5.0, seed=4)
    again = charlm.generate(model, vocab, "he", 30, greedy=False, temperature=0.2, seed=4)
    assert cold.text == again.text
    assert cold.top_probs[0][0] > hot.top_probs[0][0]
    with pytest.raises(ValueError, match="temperature"):
        charlm.generate(model, vocab, "he", 3, greedy=False, temperature=0.0)


def test_out_of_vocabulary_prefix_is_fed_as_unk():
    ids, vocab = charlm.encode_text("hello world " * 50)
    model = charlm.untrained_model(CharLMConfig(len(vocab), 16), seed=0)
    result = charlm.generate(model, vocab, "h€llo 世", 5)
    assert result.unknown == ["€", "世"] and len(result.text) == 5
    assert "<unk>" not in result.text  # never generated, only read
    with pytest.raises(ValueError, match="prefix"):
        charlm.generate(model, vocab, "", 5)


def test_a_chinese_sized_vocabulary_trains():
    generator = torch.Generator().manual_seed(0)
    chars = [chr(0x4E00 + i) for i in range(3000)]
    text = "".join(chars[i] for i in torch.randint(0, 3000, (3000,), generator=generator))
    ids, vocab = charlm.encode_text(text)
    assert len(vocab) > 1500
    records = list(charlm.train_charlm(ids, vocab, CharLMConfig(len(vocab), 32),
                                       TrainConfig(epochs=1, batch_size=8, num_steps=20)))
    assert math.isfinite(records[-1]["perplexity"])


def test_the_seed_alone_fixes_the_initial_model():
    config = CharLMConfig(20, 8, "lstm")
    torch.manual_seed(123)
    a = charlm.untrained_model(config, seed=7)
    torch.manual_seed(456)  # another session touching the global RNG changes nothing
    b = charlm.untrained_model(config, seed=7)
    for (name, p), q in zip(a.state_dict().items(), b.state_dict().values(), strict=True):
        assert torch.equal(p, q), name
    c = charlm.untrained_model(config, seed=8)
    assert not torch.equal(a.head.weight, c.head.weight)


# --- The training request -------------------------------------------------------------------

TEXT = "to be or not to be, that is the question. " * 40


def small_request(**changes) -> charlm.LanguageRequest:
    settings = dict(corpus="test:hamlet", text=TEXT, max_tokens=1_000, hidden=16, epochs=3,
                    batch_size=4, num_steps=10)
    return charlm.LanguageRequest(**settings | changes)


@pytest.mark.parametrize(("field", "value"), [
    ("hidden", 0), ("cell", "transformer"), ("lr", -1.0), ("lr", float("nan")), ("epochs", 0),
    ("epochs", 2.5), ("clip", 0.0), ("optimizer", "rmsprop"), ("sampler", "shuffle"),
    ("input_mode", "dense"), ("batch_size", 0), ("num_steps", 1), ("max_tokens", 50),
    ("seed", -1), ("corpus", ""),
])
def test_a_bad_request_field_is_named(field, value):
    with pytest.raises(ValueError, match=field):
        small_request(**{field: value})


def test_a_corpus_too_short_for_the_batch_is_refused_by_the_request():
    with pytest.raises(charlm.CorpusTooShort, match="corpus"):
        small_request(batch_size=200, num_steps=50)


def test_identical_requests_are_equal_and_hash_equal_without_comparing_the_text():
    a, b = small_request(), small_request()
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    # The fingerprint names the text: another copy of it changes nothing, nor is it shown.
    assert small_request(text="".join(TEXT)) == a
    assert "question" not in repr(a)
    assert small_request(hidden=32) != a and small_request(clip=None) != a
    assert small_request(corpus="test:other") != a
    # What is generated afterwards is not part of training.
    assert not {"prefix", "length", "gen_length"} & set(a.settings())
    assert charlm.LanguageRequest.defaults()["hidden"] == 256 and "text" not in a.defaults()


def test_the_request_trains_and_keeps_weights_that_write_the_samples():
    request = small_request(epochs=6)
    records, model = run_to_end(request.start())
    assert request.total_steps == 6 and [r["step"] for r in records] == list(range(7))
    kept = [r["epoch"] for r in records if r["weights"] is not None]
    assert kept == list(range(7))  # every epochs // 6 epochs (here every one), and the last
    ids, vocab = charlm.encode_text(TEXT, 1_000)
    config = request.model_config(len(vocab))
    assert charlm.sample_text(config, records[-1]["weights"], vocab, "to be") == \
        charlm.generate(model, vocab, "to be", charlm.SAMPLE_LENGTH).text
    rows = charlm.training_rows(records, {6: "text"})
    assert all("model" not in row and "weights" not in row for row in rows)
    assert rows[-1]["sample"] == "text" and rows[0]["sample"] is None


def test_the_shortest_accepted_corpus_gives_a_batch_from_every_offset():
    for batch_size, num_steps in [(32, 35), (8, 20), (4, 10), (1, 2), (3, 7)]:
        n_tokens = charlm.min_tokens(batch_size, num_steps)
        for offset in range(num_steps):
            for make in (charlm.random_starts, charlm.sequential_starts):
                starts = make(n_tokens, batch_size, num_steps, torch.Generator(), offset=offset)
                assert len(starts) >= 1, (make.__name__, batch_size, num_steps, offset)
                assert max(max(batch) for batch in starts) + num_steps < n_tokens


def test_pictured_starts_are_the_first_batches_training_cuts():
    pictured, first = charlm.pictured_starts(2_000, 8, 20, batches=3, seed=0)
    for sampler in charlm.SAMPLERS:
        starts = charlm.batch_starts(sampler, 2_000, 8, 20, torch.Generator().manual_seed(0))
        assert pictured[sampler] == starts[:3]
    assert first == pictured["sequential"][0][0]
    rows = charlm.vocabulary_rows(Vocab.build(list("abb")))
    assert rows == [{"index": 0, "token": "<unk>", "count": 0},
                    {"index": 1, "token": "b", "count": 2}, {"index": 2, "token": "a", "count": 1}]


def test_the_perplexity_log_axis_labels_every_tick_with_its_number():
    """Issue 19: the axis read '2, 100, 5, 2, 10, 5, 2, 1' (plotly's D2 shows only the digit)."""
    from rnnviz.plots import charlm as plots

    fig = plots.epoch_curve([0, 1, 2, 3, 4], [80.0, 40.0, 12.0, 5.0, 2.5], log_y=True)
    axis = fig.layout.yaxis
    assert axis.type == "log" and axis.dtick is None and axis.tickmode == "array"
    assert list(axis.tickvals) == [2, 5, 10, 20, 50, 100]
    assert list(axis.ticktext) == ["2", "5", "10", "20", "50", "100"]
    wide = plots.epoch_curve([0, 1], [2500.0, 1.2], log_y=True).layout.yaxis
    assert list(wide.ticktext) == ["1", "2", "5", "10", "20", "50", "100", "200", "500", "1,000",
                                   "2,000", "5,000"]
    narrow = plots.epoch_curve([0, 1, 2], [3.9, 3.5, 3.1], log_y=True).layout.yaxis
    assert list(narrow.ticktext) == ["2", "3", "4", "5"]  # every step of the decade
    assert plots.log_ticks([0.3, 0.9])[1] == ["0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8",
                                               "0.9", "1"]
    assert plots.epoch_curve([0], [7.0], log_y=True).layout.yaxis.tickvals is None  # plotly's
    assert plots.epoch_curve([0, 1], [3.0, 2.0]).layout.yaxis.type is None  # linear: untouched


# --- Recipes and what the reading guides state (issues 17, 19) ---------------------------

def test_the_song_ci_recipe_trains_fewer_epochs_than_the_request_default():
    assert charlm.recipe("shakespeare") == charlm.LanguageRequest.defaults()
    assert charlm.recipe("songci")["epochs"] == 8 < charlm.LanguageRequest.defaults()["epochs"]
    assert charlm.recipe("songci")["max_tokens"] == 10_000  # the same first characters


def test_a_model_is_used_only_on_the_corpus_it_learned_after_a_whole_epoch():
    request = charlm.LanguageRequest("test:a", "abcdefgh" * 200, max_tokens=1200)
    records = [{"epoch": 0, "model": "untrained"}, {"epoch": 1, "model": "model"}]
    assert charlm.trained_model(request, records, ("test:a", 1200)) == ("model", 1)
    assert charlm.trained_model(request, records, ("test:a", 2000)) == (None, None)
    assert charlm.trained_model(request, records[:1], ("test:a", 1200)) == (None, None)


def test_curve_numbers_and_generation_confidence():
    from rnnviz.plots import charlm as plots

    records = [{"epoch": 0, "perplexity": 60.0, "grad_norm": None, "grad_norm_max": None},
               {"epoch": 1, "perplexity": 12.5, "grad_norm": 0.8, "grad_norm_max": 1.6}]
    assert charlm.curve_numbers(records) == dict(start=60.0, perplexity=12.5, epoch=1,
                                                 grad=0.8, grad_max=1.6)
    assert charlm.curve_numbers(records[:1])["grad"] == 0.0
    assert list(plots.perplexity_curve(records).data[-1].y) == [60.0, 12.5]
    assert list(plots.gradient_curve(records, threshold=1.0).data[-1].y) == [0.8]
    generation = charlm.Generation("a", "bc", [], [["b", "c"], ["c", "b"]], [[0.9, 0.1],
                                                                            [0.4, 0.3]])
    assert generation.confidence() == {"mean": pytest.approx(0.65), "steps": 2, "sure": 1}
