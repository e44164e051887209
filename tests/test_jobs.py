"""The background job pool: records, results, stopping, sharing, queueing."""

import threading
import time

import pytest

from rnnviz.jobs import DONE, FAILED, STOPPED, JobPool


def counting(n, pause=0.0, gate=None):
    def generator():
        if gate is not None:
            gate.wait(5)
        for step in range(1, n + 1):
            time.sleep(pause)
            yield {"step": step, "loss": 1.0 / step}
        return "finished"

    return generator


def test_job_records_every_step_and_returns_result():
    pool = JobPool(max_workers=1)
    job = pool.submit("a", counting(5), holder="s1", total_steps=5)
    assert job.wait(5)
    snap = job.snapshot()
    assert snap.status == DONE
    assert [r["step"] for r in snap.records] == [1, 2, 3, 4, 5]
    assert snap.result == "finished"
    assert snap.progress == 1.0


def test_stop_ends_a_running_job_early():
    pool = JobPool(max_workers=1)
    job = pool.submit("slow", counting(1000, pause=0.01), holder="s1", total_steps=1000)
    time.sleep(0.1)
    job.stop("s1")
    assert job.wait(5)
    assert job.status == STOPPED
    assert 0 < len(job.records) < 1000


def test_identical_requests_share_one_job_until_all_let_go():
    pool = JobPool(max_workers=1)
    first = pool.submit("same", counting(1000, pause=0.01), holder="s1")
    second = pool.submit("same", counting(1000, pause=0.01), holder="s2")
    assert first is second
    assert first.snapshot().shared_by == 2
    first.stop("s1")
    time.sleep(0.1)
    assert not first.finished, "one student's Stop must not stop the other's shared run"
    first.stop("s2")
    assert first.wait(5) and first.status == STOPPED


def test_a_stopped_job_is_not_reused():
    pool = JobPool(max_workers=1)
    first = pool.submit("k", counting(1000, pause=0.01), holder="s1")
    first.stop("s1")
    first.wait(5)
    again = pool.submit("k", counting(3), holder="s1")
    assert again is not first
    assert again.wait(5) and again.status == DONE


def test_waiting_jobs_know_their_place_in_the_queue():
    gate = threading.Event()
    pool = JobPool(max_workers=1)
    blocker = pool.submit("block", counting(1, gate=gate), holder="s0")
    time.sleep(0.05)
    waiting = [pool.submit(f"w{i}", counting(1), holder=f"s{i}") for i in range(3)]
    assert [job.snapshot().queue_position for job in waiting] == [1, 2, 3]
    gate.set()
    assert all(job.wait(5) for job in [blocker, *waiting])
    assert all(job.snapshot().queue_position == 0 for job in waiting)


def test_a_failing_job_reports_and_the_pool_survives():
    def broken():
        yield {"step": 1}
        raise RuntimeError("loss is NaN")

    pool = JobPool(max_workers=1)
    bad = pool.submit("bad", broken, holder="s1")
    assert bad.wait(5)
    assert bad.status == FAILED and "loss is NaN" in bad.error
    good = pool.submit("good", counting(2), holder="s1")
    assert good.wait(5) and good.status == DONE


def test_pool_needs_a_worker():
    with pytest.raises(ValueError, match="max_workers"):
        JobPool(max_workers=0)


def test_finished_jobs_kept_are_bounded():
    pool = JobPool(max_workers=1, keep_finished=3)
    jobs = [pool.submit(i, counting(1), holder="s") for i in range(10)]
    for job in jobs:
        job.wait(5)
    pool.submit("last", counting(1), holder="s").wait(5)
    assert pool.stats()["kept"] <= 4


def test_stopping_a_queued_job_takes_it_out_of_the_queue_at_once():
    pool = JobPool(max_workers=1)
    gate = threading.Event()
    busy = pool.submit("busy", counting(1, gate=gate), holder="s1")
    while busy.status != "running":
        time.sleep(0.005)
    waiting = pool.submit("waiting", counting(3), holder="s2")
    behind = pool.submit("behind", counting(3), holder="s3")
    assert behind.snapshot().queue_position == 2
    waiting.stop("s2")
    assert waiting.status == STOPPED, "a cancelled job must not wait for a free worker"
    assert behind.snapshot().queue_position == 1
    assert pool.stats()["cancelled"] == 1
    gate.set()
    assert busy.wait(5) and behind.wait(5)
    assert waiting.records == []


def test_detaching_from_a_shared_job_freezes_it_for_that_session_only():
    pool = JobPool(max_workers=1)
    shared = pool.submit("same", counting(1000, pause=0.005), holder="s1")
    assert pool.submit("same", counting(1000, pause=0.005), holder="s2") is shared
    time.sleep(0.1)
    view = shared.detach("s1")
    assert view.finished and view.snapshot().status == STOPPED
    assert view.key == "same"  # the page still knows which request it shows
    frozen_records = len(view.snapshot().records)
    time.sleep(0.1)
    assert len(view.snapshot().records) == frozen_records
    assert not shared.finished and len(shared.records) > frozen_records
    assert pool.stats()["joined"] == 1
    shared.stop("s2")
    assert shared.wait(5)


def test_a_job_whose_stop_was_requested_is_not_joined():
    pool = JobPool(max_workers=1)
    gate = threading.Event()
    pool.submit("busy", counting(1, gate=gate), holder="s0")
    first = pool.submit("k", counting(3), holder="s1")
    first.stop("s1")
    second = pool.submit("k", counting(3), holder="s2")
    assert second is not first
    gate.set()
    assert second.wait(5) and second.status == DONE


def test_watchers_count_the_holders_of_unfinished_jobs_shared_or_not():
    pool = JobPool(max_workers=1)
    gate = threading.Event()
    shared = pool.submit("shared", counting(3, gate=gate), holder="s1")
    pool.submit("shared", counting(3, gate=gate), holder="s2")
    alone = pool.submit("alone", counting(3, gate=gate), holder="s3", share=False)
    assert pool.watchers() == 3
    gate.set()
    assert shared.wait(5) and alone.wait(5)
    assert pool.watchers() == 0


@pytest.mark.parametrize(("watchers", "expected"), [(0, 0.5), (1, 0.5), (10, 0.5), (40, 2.0)])
def test_pages_redraw_less_often_when_many_sessions_watch(monkeypatch, watchers, expected):
    from ui import live

    class Pool:
        def watchers(self):
            return watchers

    monkeypatch.setattr(live, "job_pool", Pool)
    assert live.refresh_every(0.5) == pytest.approx(expected)
    assert expected * live.REDRAWS_PER_SECOND >= watchers  # the server-wide rate holds


def test_training_workers_run_at_a_lower_priority_than_page_reruns():
    """A worker thread lowers its own priority (Linux nice), not the server's."""
    import os
    import threading

    from rnnviz import jobs

    seen = {}
    base = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    def worker():
        seen["nice"] = jobs.lower_priority(10)
        seen["thread"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen["nice"] == seen["thread"] == 10
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == base  # this one: as is
    assert jobs.lower_priority(0) == 0  # 0 turns it off
