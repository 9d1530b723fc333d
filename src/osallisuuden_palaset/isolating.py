"""Run plugin code so that nothing it raises escapes unnamed, a hung hook times out, Ctrl-C still stops."""

from __future__ import annotations

import signal
import threading
import types
from typing import Any, Final, Literal

from osallisuuden_palaset.messages.catalogue import Joined, Message, msg

#: Seconds a plugin's import or one of its ``register_*`` hooks may take (``PALASET_PLUGIN_TIMEOUT``).
DEFAULT_TIMEOUT: Final = 30.0
#: After the timeout, the interrupt is repeated this often, in case the plugin swallowed it.
_REPEAT: Final = 1.0


class PluginCodeError(Exception):
    """Plugin code raised what a plugin must never raise (SystemExit, its own KeyboardInterrupt,
    GeneratorExit, ...) or ran past its timeout; ``error`` is what it raised."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        super().__init__(_fault_message(error))


class PluginTimeout(BaseException):
    """Raised into plugin code that ran past its timeout (a BaseException, so ``except Exception`` in
    the plugin cannot swallow it)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(msg("did not finish within {seconds} s", seconds=seconds))


def describe_error(error: BaseException) -> str:
    """``Type: message`` on one line, for warnings, findings and ``palaset plugins``."""
    said = error.args[0] if len(error.args) == 1 else None
    if isinstance(error, PluginCodeError):
        return said if isinstance(said, str) else str(error)
    if isinstance(said, Message) and "\n" not in said:  # stays in the catalogue, shown in the user's language
        return Joined((type(error).__name__, said), ": ")
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return f"{type(error).__name__}: {'; '.join(lines)}" if lines else type(error).__name__


def _fault_message(error: BaseException) -> str:
    if isinstance(error, PluginTimeout):
        return msg(
            "{error} (the time limit is set with PALASET_PLUGIN_TIMEOUT)",
            error=error.args[0] if error.args else "",
        )
    what = describe_error(error)
    if isinstance(error, SystemExit):
        return msg("{error} (plugin code must raise an exception, not exit the program)", error=what)
    if isinstance(error, KeyboardInterrupt):
        return msg("{error} raised by the plugin itself, not by Ctrl-C", error=what)
    return msg(
        "{error} (plugin code must raise an Exception, not a {kind})", error=what, kind=type(error).__name__
    )


class PluginCall:
    """Around a call into plugin code: anything it raises that is not an ``Exception`` comes out as a
    :class:`PluginCodeError`, so ``except Exception`` isolates the plugin; a real Ctrl-C goes through.

    A real Ctrl-C (SIGINT received while the plugin ran) leaves as the ``KeyboardInterrupt`` it is,
    with ``where`` added as a note. With ``timeout`` (seconds), the plugin code is interrupted after
    that long and a :class:`PluginCodeError` says so; this needs SIGALRM (not on Windows) and the main
    thread, and is left out when another timer is running. Re-entrant; restores every handler.
    """

    __slots__ = ("_active", "_alarm", "_interrupt", "_interrupted", "_timed", "timeout", "where")

    def __init__(self, where: str = "", *, timeout: float | None = None) -> None:
        self.where = where
        self.timeout = timeout if timeout and timeout > 0 else None
        self._interrupt: Any = None
        self._alarm: Any = None
        self._interrupted = False
        self._timed = False
        self._active = False

    def __enter__(self) -> PluginCall:
        self._interrupted = self._timed = False
        self._interrupt = self._alarm = None
        self._active = True
        if threading.current_thread() is not threading.main_thread():
            return self  # signals reach only the main thread: any KeyboardInterrupt here is the plugin's
        previous = signal.getsignal(signal.SIGINT)
        if callable(previous):  # SIG_IGN or SIG_DFL: no Ctrl-C can become a KeyboardInterrupt
            self._interrupt = previous
            signal.signal(signal.SIGINT, self._on_interrupt)
        # Never disturb someone else's timer: with one running, this call goes without a limit.
        if (
            self.timeout is not None
            and hasattr(signal, "setitimer")
            and not signal.getitimer(signal.ITIMER_REAL)[0]
        ):
            self._alarm = signal.signal(signal.SIGALRM, self._on_alarm)
            self._timed = True
            signal.setitimer(signal.ITIMER_REAL, self.timeout, _REPEAT)
        return self

    def _on_interrupt(self, signum: int, frame: types.FrameType | None) -> Any:
        self._interrupted = True
        return self._interrupt(signum, frame)

    def _on_alarm(self, signum: int, frame: types.FrameType | None) -> None:
        if self._active:
            assert self.timeout is not None
            raise PluginTimeout(self.timeout)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: types.TracebackType | None
    ) -> Literal[False]:
        self._active = False
        if self._timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._alarm)
        replaced = False
        if self._interrupt is not None:
            replaced = signal.getsignal(signal.SIGINT) != self._on_interrupt
            signal.signal(signal.SIGINT, self._interrupt)
        if error is None or isinstance(error, Exception):
            return False
        # A plugin that installed its own SIGINT handler leaves us unable to tell: treat it as Ctrl-C.
        if isinstance(error, KeyboardInterrupt) and (self._interrupted or replaced):
            if self.where:
                error.add_note(self.where)
            return False
        raise PluginCodeError(error) from error
