"""Recurrent cells stepped by hand, so their gates can be looked at.

`nn.LSTM` and `nn.GRU` return only the hidden (and cell) states; the gates
that produced them stay inside the fused kernel. The functions here recompute
one layer step by step from the very weights of an `nn.RNN` / `nn.RNNCell` /
`nn.LSTM` / `nn.GRU` (layer 0, one direction) and return every intermediate
value per time step. tests/test_ohlol_model.py checks that their h (and c)
equal torch's.

Inputs are one sequence `x` of shape (T, I); every returned tensor is (T, H).
"""

from __future__ import annotations

import torch
from torch import nn

# The order in which the stacked weight matrices hold the gates (torch's layout).
LSTM_GATES = ("input", "forget", "candidate", "output")
GRU_GATES = ("reset", "update", "candidate")

# What each step function returns, in the order a figure should show it.
LSTM_PARTS = ("input", "forget", "output", "candidate", "cell", "hidden")
GRU_PARTS = ("reset", "update", "candidate", "hidden")
RNN_PARTS = ("hidden",)


def _layer_weights(module: nn.Module):
    """(W_ih, W_hh, b_ih, b_hh) of the first layer, forward direction, of any recurrent module."""
    if isinstance(module, nn.RNNCellBase):
        names = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
    else:
        if getattr(module, "proj_size", 0):
            raise ValueError("LSTM with proj_size is not supported; use proj_size=0")
        names = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
    weights = [getattr(module, name, None) for name in names]
    hidden = weights[1].shape[1]
    if weights[2] is None:  # bias=False: zeros keep the formulas below unchanged
        rows = weights[0].shape[0]
        weights[2] = weights[3] = torch.zeros(rows, dtype=weights[0].dtype)
    return (*weights, hidden)


def _sequence(x: torch.Tensor) -> torch.Tensor:
    if x.dim() == 3:
        if x.shape[0] != 1:
            raise ValueError(f"expected one sequence (1, T, I) or (T, I), got {tuple(x.shape)}")
        x = x[0]
    if x.dim() != 2:
        raise ValueError(f"expected a sequence of shape (T, I), got {tuple(x.shape)}")
    return x


def _first_state(h0: torch.Tensor | None, hidden: int, like: torch.Tensor) -> torch.Tensor:
    return torch.zeros(hidden, dtype=like.dtype) if h0 is None else h0.reshape(hidden)


def rnn_steps(module: nn.RNN | nn.RNNCell, x: torch.Tensor,
              h0: torch.Tensor | None = None) -> dict[str, torch.Tensor]:
    """h_t = f(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), f = tanh or relu."""
    w_ih, w_hh, b_ih, b_hh, hidden = _layer_weights(module)
    x = _sequence(x)
    activation = torch.relu if module.nonlinearity == "relu" else torch.tanh
    h = _first_state(h0, hidden, x)
    from_input = x @ w_ih.T + b_ih  # (T, H): the input half of every step in one product
    states = []
    for t in range(x.shape[0]):
        h = activation(from_input[t] + w_hh @ h + b_hh)
        states.append(h)
    return {"hidden": torch.stack(states)}


def lstm_steps(module: nn.LSTM | nn.LSTMCell, x: torch.Tensor, h0: torch.Tensor | None = None,
               c0: torch.Tensor | None = None) -> dict[str, torch.Tensor]:
    """The LSTM recurrence written out: i, f, o gates, candidate g, cell c and hidden h."""
    w_ih, w_hh, b_ih, b_hh, hidden = _layer_weights(module)
    x = _sequence(x)
    h = _first_state(h0, hidden, x)
    c = _first_state(c0, hidden, x)
    from_input = x @ w_ih.T + b_ih  # (T, 4H)
    parts: dict[str, list[torch.Tensor]] = {name: [] for name in LSTM_PARTS}
    for t in range(x.shape[0]):
        pre = from_input[t] + w_hh @ h + b_hh  # (4H,) in torch's order i, f, g, o
        pre_i, pre_f, pre_g, pre_o = pre.split(hidden)
        i, f, o = torch.sigmoid(pre_i), torch.sigmoid(pre_f), torch.sigmoid(pre_o)
        g = torch.tanh(pre_g)
        c = f * c + i * g
        h = o * torch.tanh(c)
        for name, value in zip(LSTM_PARTS, (i, f, o, g, c, h), strict=True):
            parts[name].append(value)
    return {name: torch.stack(values) for name, values in parts.items()}


def gru_steps(module: nn.GRU | nn.GRUCell, x: torch.Tensor,
              h0: torch.Tensor | None = None) -> dict[str, torch.Tensor]:
    """The GRU recurrence written out: reset r, update z, candidate n and hidden h.

    As in torch, the reset gate multiplies W_hn h + b_hn (not h alone), and
    h_t = (1 - z) * n + z * h_{t-1}.
    """
    w_ih, w_hh, b_ih, b_hh, hidden = _layer_weights(module)
    x = _sequence(x)
    h = _first_state(h0, hidden, x)
    from_input = x @ w_ih.T + b_ih  # (T, 3H) in torch's order r, z, n
    parts: dict[str, list[torch.Tensor]] = {name: [] for name in GRU_PARTS}
    for t in range(x.shape[0]):
        in_r, in_z, in_n = from_input[t].split(hidden)
        rec_r, rec_z, rec_n = (w_hh @ h + b_hh).split(hidden)
        r = torch.sigmoid(in_r + rec_r)
        z = torch.sigmoid(in_z + rec_z)
        n = torch.tanh(in_n + r * rec_n)
        h = (1 - z) * n + z * h
        for name, value in zip(GRU_PARTS, (r, z, n, h), strict=True):
            parts[name].append(value)
    return {name: torch.stack(values) for name, values in parts.items()}


STEP_FUNCTIONS = {"rnn": rnn_steps, "lstm": lstm_steps, "gru": gru_steps}
PARTS = {"rnn": RNN_PARTS, "lstm": LSTM_PARTS, "gru": GRU_PARTS}


def cell_steps(cell: str, module: nn.Module, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """Every intermediate value of `module` run over `x`, by cell type name."""
    if cell not in STEP_FUNCTIONS:
        raise ValueError(f"unknown cell {cell!r}; choose one of {sorted(STEP_FUNCTIONS)}")
    with torch.no_grad():
        return STEP_FUNCTIONS[cell](module, x)
