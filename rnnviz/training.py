"""What a training run is: a frozen, validated, hashable request that starts its generator.

Every kind of run in rnnviz (hello -> ohlol, the sine forecast, the encoder-decoder,
the language model, attention) is described by a dataclass that subclasses
`TrainingRequest`. It is frozen and hashable, so it is the key under which identical
runs are shared and their results cached; it checks its own fields when made (a
`ValueError` naming the field); and it knows how to start its training generator
and how many records that generator yields at most.

    request = SomeRequest(hidden=16, seed=0)   # ValueError for a bad field
    records, result = run_to_end(request.start())
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

from rnnviz.jobs import TrainingGenerator


@dataclass(frozen=True)
class TrainingRequest:
    """Base of every training request. Subclasses are ``@dataclass(frozen=True)``."""

    kind: ClassVar[str] = "training"

    def start(self) -> TrainingGenerator:
        """A fresh generator yielding one record (a dict) per step; returns the result."""
        raise NotImplementedError

    @property
    def total_steps(self) -> int:
        """How many records the run yields at most (for the progress bar)."""
        raise NotImplementedError

    def settings(self) -> dict[str, Any]:
        """The request's fields as a plain dict (for tables, links and logs)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def check_range(name: str, value: float, low: float, high: float) -> None:
    """Raise a ValueError naming `name` unless low <= value <= high (NaN fails)."""
    if not (low <= value <= high):
        raise ValueError(f"{name} must be between {low} and {high}, not {value!r}")


def check_choice(name: str, value: object, choices: tuple) -> None:
    """Raise a ValueError naming `name` and the valid choices unless value is one."""
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; choose one of {list(choices)}")
