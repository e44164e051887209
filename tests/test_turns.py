"""ui.turns: at most a few script runs at once, the others queue, none waits forever."""

import threading
import time

from ui import turns


class FakeRunner:
    """Counts how many runs overlap."""

    lock = threading.Lock()
    running = 0
    most = 0

    def _run_script(self, seconds):
        with FakeRunner.lock:
            FakeRunner.running += 1
            FakeRunner.most = max(FakeRunner.most, FakeRunner.running)
        time.sleep(seconds)
        with FakeRunner.lock:
            FakeRunner.running -= 1
        return seconds


def run_all(runner, count, seconds):
    threads = [threading.Thread(target=runner._run_script, args=(seconds,)) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)


def test_runs_take_turns_and_the_result_comes_back():
    class Runner(FakeRunner):
        pass

    FakeRunner.most = 0
    assert turns.install(Runner, turns=2)
    assert turns.install(Runner, turns=5)  # once: a second install changes nothing
    assert Runner()._run_script(0.0) == 0.0
    run_all(Runner(), 8, 0.05)
    assert FakeRunner.most == 2


def test_zero_turns_leaves_the_runner_alone():
    class Runner(FakeRunner):
        pass

    original = Runner._run_script
    assert not turns.install(Runner, turns=0)
    assert Runner._run_script is original


def test_a_run_that_gets_no_turn_in_time_runs_anyway():
    gated = turns.taking_turns(lambda: "ran", 1, wait_seconds=0.1)
    assert gated.gate.acquire(timeout=1)  # a run that never gives its turn back
    started = time.monotonic()
    assert gated() == "ran"
    assert 0.1 <= time.monotonic() - started < 2
    gated.gate.release()
    # the run without a turn gave none back: still exactly one
    assert gated.gate.acquire(timeout=0.1)
    assert not gated.gate.acquire(timeout=0.05)


def test_a_failing_run_gives_its_turn_back():
    def fail():
        raise RuntimeError("script error")

    gated = turns.taking_turns(fail, 1)
    for _ in range(3):
        try:
            gated()
        except RuntimeError:
            pass
    assert gated.gate.acquire(timeout=0.1)


def test_turns_go_in_arrival_order_and_a_newcomer_cannot_jump_the_queue():
    gate = turns.FairGate(1)
    assert gate.acquire(timeout=1)
    order = []

    def wait_then_note(name):
        assert gate.acquire(timeout=5)
        order.append(name)
        gate.release()

    waiters = []
    for name in range(6):
        waiters.append(threading.Thread(target=wait_then_note, args=(name,)))
        waiters[-1].start()
        time.sleep(0.02)  # each one queued before the next arrives
    gate.release()
    # A newcomer asking right after the release finds the turn already handed on.
    assert not gate.acquire(timeout=0)
    for waiter in waiters:
        waiter.join(5)
    assert order == list(range(6))
    assert gate.acquire(timeout=0)  # all given back


def test_a_waiter_that_gives_up_leaves_the_queue():
    gate = turns.FairGate(1)
    assert gate.acquire(timeout=1)
    assert not gate.acquire(timeout=0.05)
    gate.release()
    assert gate.acquire(timeout=0)  # the turn was not handed to the one that left


def test_the_app_runs_its_scripts_in_turns():
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    import ui.page  # noqa: F401 - importing it installs the turns

    assert hasattr(ScriptRunner._run_script, "gate")
