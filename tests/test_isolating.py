"""Plugin code in isolation: what it raises comes back named, a hung call times out, Ctrl-C still stops."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

import pytest

from osallisuuden_palaset.isolating import PluginCall, PluginCodeError, describe_error

posix_only = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGALRM timers are POSIX only")


class _PluginBugError(Exception):
    """An ordinary exception of a plugin."""


def call(body: Callable[[], object], where: str = "", timeout: float | None = None) -> None:
    """Run ``body`` as plugin code."""
    with PluginCall(where, timeout=timeout):
        body()


def ctrl_c() -> None:
    """What a user's Ctrl-C does to plugin code: SIGINT arrives while it runs."""
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(5)  # the signal arrives here


def hang() -> None:
    threading.Event().wait()


def swallow_everything() -> None:
    while True:
        with contextlib.suppress(Exception):  # a careless plugin
            time.sleep(10)


def test_an_exception_from_plugin_code_passes_unchanged() -> None:
    with pytest.raises(_PluginBugError), PluginCall("while testing"):
        raise _PluginBugError("ordinary")


@pytest.mark.parametrize(
    ("raised", "described"),
    [
        (SystemExit(0), "SystemExit: 0 (plugin code must raise an exception, not exit the program)"),
        (SystemExit(), "SystemExit (plugin code must raise an exception, not exit the program)"),
        (KeyboardInterrupt(), "KeyboardInterrupt raised by the plugin itself, not by Ctrl-C"),
        (GeneratorExit(), "GeneratorExit (plugin code must raise an Exception, not a GeneratorExit)"),
    ],
    ids=["exit-0", "exit", "interrupt", "generator-exit"],
)
def test_a_base_exception_from_plugin_code_becomes_a_plugin_code_error(
    raised: BaseException, described: str
) -> None:
    with pytest.raises(PluginCodeError) as caught, PluginCall("while testing"):
        raise raised
    assert caught.value.error is raised
    assert caught.value.__cause__ is raised
    assert str(caught.value) == described
    assert describe_error(caught.value) == described


def test_a_real_ctrl_c_in_plugin_code_goes_through_with_a_note() -> None:
    with pytest.raises(KeyboardInterrupt) as caught:
        call(ctrl_c, "while plugin 'x' ran register_checks")
    assert not isinstance(caught.value, PluginCodeError)
    assert caught.value.__notes__ == ["while plugin 'x' ran register_checks"]


def test_the_interrupt_handler_is_restored_after_plugin_code() -> None:
    before = signal.getsignal(signal.SIGINT)
    seen: list[object] = []

    def interrupt() -> None:
        seen.append(signal.getsignal(signal.SIGINT))
        raise KeyboardInterrupt

    with pytest.raises(PluginCodeError):
        call(interrupt)
    assert seen != [before]
    assert signal.getsignal(signal.SIGINT) is before


def test_plugin_code_replacing_the_interrupt_handler_makes_its_interrupt_count_as_ctrl_c() -> None:
    """Unable to tell then, the host lets the KeyboardInterrupt stop it rather than swallow Ctrl-C."""
    before = signal.getsignal(signal.SIGINT)

    def own_handler() -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt) as caught:
        call(own_handler)
    assert not isinstance(caught.value, PluginCodeError)
    assert signal.getsignal(signal.SIGINT) is before


def test_a_keyboard_interrupt_in_another_thread_is_the_plugins_own() -> None:
    caught: list[BaseException] = []

    def run() -> None:
        try:
            with PluginCall():
                raise KeyboardInterrupt
        except BaseException as error:
            caught.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert [type(e) for e in caught] == [PluginCodeError]


@posix_only
def test_hung_plugin_code_is_interrupted_after_its_timeout() -> None:
    started = time.monotonic()
    with pytest.raises(PluginCodeError, match=r"did not finish within 0\.2 s .*PALASET_PLUGIN_TIMEOUT"):
        call(hang, timeout=0.2)
    assert time.monotonic() - started < 3
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)


@posix_only
def test_plugin_code_swallowing_exceptions_cannot_swallow_its_timeout() -> None:
    with pytest.raises(PluginCodeError, match="did not finish"):
        call(swallow_everything, timeout=0.2)


@posix_only
def test_a_timer_already_running_is_left_alone() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with PluginCall(timeout=0.05):
            time.sleep(0.1)  # past the plugin's timeout, but the other timer stays in charge
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
        time.sleep(0.4)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_no_timeout_and_a_zero_timeout_mean_no_limit() -> None:
    assert PluginCall(timeout=None).timeout is None
    assert PluginCall(timeout=0).timeout is None
    with PluginCall(timeout=0):
        pass


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is delivered differently on Windows")
def test_plugin_calls_nest() -> None:
    with pytest.raises(KeyboardInterrupt) as caught:
        call(lambda: call(ctrl_c, "inner"), "outer")
    assert caught.value.__notes__ == ["inner", "outer"]
