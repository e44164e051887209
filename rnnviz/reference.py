"""The course's plain recipes, written the way the reference code writes them.

They are the yardstick: the benchmarks time the pages' training against them
in the same run, and the tests check that the pages' models compute the same
numbers. Nothing here is tuned; a faster or clearer version belongs in the
page's own module.
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from rnnviz import sine
from rnnviz.ohlol import Data


def plain_ohlol_a(data: Data, seed: int, epochs: int = 15) -> tuple[list[float], list[str]]:
    """SPEC 4A: RNNCell per step, hidden state = logits, loss += CE, Adam lr 0.1."""
    torch.manual_seed(seed)
    vocab = len(data.chars)
    cell = nn.RNNCell(vocab, vocab)
    optimizer = torch.optim.Adam(cell.parameters(), lr=0.1)
    onehot = torch.eye(vocab)[list(data.inputs)].view(len(data.inputs), 1, vocab)
    labels = torch.tensor(data.targets).view(len(data.targets), 1)
    losses, predictions = [], []
    for _ in range(epochs):
        hidden, loss, predicted = torch.zeros(1, vocab), 0, ""
        optimizer.zero_grad()
        for x, label in zip(onehot, labels, strict=True):
            hidden = cell(x, hidden)
            loss = loss + F.cross_entropy(hidden, label)
            predicted += data.chars[hidden.argmax(dim=1).item()]
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        predictions.append(predicted)
    return losses, predictions


class PlainSineNet(nn.Module):
    """SPEC 3: nn.RNN(1, H) with parameters drawn from N(0, 0.001), then Linear(H, 1)."""

    def __init__(self, hidden: int = sine.SPEC_HIDDEN):
        super().__init__()
        self.rnn = nn.RNN(input_size=1, hidden_size=hidden, num_layers=1, batch_first=True)
        for parameter in self.rnn.parameters():
            nn.init.normal_(parameter, mean=0.0, std=sine.INIT_STD)
        self.linear = nn.Linear(hidden, 1)

    def forward(self, x, hidden):
        out, hidden = self.rnn(x, hidden)  # (1, T, H)
        return self.linear(out), hidden  # (1, T, 1)


def plain_sine(seed: int, iterations: int = sine.SPEC_ITERATIONS
               ) -> tuple[PlainSineNet, torch.Tensor, list[float]]:
    """SPEC 3: one random window per iteration, the hidden state carried and detached.

    Returns the model, the hidden state left over from training and the loss per iteration.
    """
    torch.manual_seed(seed)
    np.random.seed(seed)
    model = PlainSineNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=sine.SPEC_LR)
    loss_function = nn.MSELoss()
    hidden = torch.zeros(1, 1, sine.SPEC_HIDDEN)
    losses = []
    for _ in range(iterations):
        start = np.random.randint(3, size=1)[0]
        data = np.sin(np.linspace(start, start + 10, 50)).reshape(50, 1)
        x = torch.tensor(data[:-1]).float().view(1, 49, 1)
        y = torch.tensor(data[1:]).float().view(1, 49, 1)
        output, hidden = model(x, hidden)
        hidden = hidden.detach()
        loss = loss_function(output, y)
        model.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, hidden, losses


def plain_sine_forecast(model: nn.Module, start: float = 1.0,
                        hidden: torch.Tensor | None = None) -> np.ndarray:
    """The SPEC forecast loop: one point in, the prediction becomes the next input (49 steps)."""
    value = torch.tensor([[[math.sin(start)]]], dtype=torch.float32)
    hidden = torch.zeros(1, 1, model.rnn.hidden_size) if hidden is None else hidden
    predictions = []
    with torch.no_grad():
        for _ in range(49):
            value, hidden = model(value.view(1, 1, 1), hidden)
            predictions.append(value.item())
    return np.array(predictions)
