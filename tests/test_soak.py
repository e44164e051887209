"""A shortened lesson (bench/soak.py, 10 minutes by default): nothing piles up."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from soak import print_report, soak  # noqa: E402


def test_sessions_come_and_go_without_errors_or_leftover_jobs():
    report = soak(1.0, 4, seed=1)
    print_report(report)
    assert report["errors"] == []
    assert report["trainings"] >= 1 and report["stops"] >= 1
    jobs = report["idle"]["jobs"]
    assert jobs, "the server did not report its job pool"
    assert jobs["queued"] == 0 and jobs["running"] == 0
    # Nothing but the pool's own small cache of finished runs keeps a job alive.
    assert jobs["alive"] <= jobs["kept"]
    # One minute is too short to judge memory to the 20% of the full run; only catch a leak.
    assert report["end"]["rss_mb"] < 1.5 * report["warm"]["rss_mb"]
    assert report["idle"]["threads"] <= report["warm"]["threads"], "threads kept growing"
