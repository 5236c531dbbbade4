"""Run long work (solving, importing, printing) off the GUI thread.

A task is a plain function; it runs on Qt's thread pool and its result (or exception) comes
back through a queued signal, so callbacks always run on the GUI thread and never touch
widgets from the worker.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Carries a task's outcome to the GUI thread.

    Signals:
        finished(object): the function's return value.
        failed(object, str): the exception and its formatted traceback.
    """

    finished = Signal(object)
    failed = Signal(object, str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # the exception is handed to the GUI thread
            self._relay.failed.emit(exc, traceback.format_exc())
        else:
            self._relay.finished.emit(result)


class TaskRunner(QObject):
    """Starts tasks and tracks how many are running.

    Signals:
        busy_changed(bool): True when the first task starts, False when the last one ends.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running = 0
        self._relays: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        """True while any task runs."""
        return self._running > 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
    ) -> None:
        """Run ``fn`` on a worker; call ``on_done(result)`` or ``on_error(exc, tb)`` later."""
        relay = _Relay()
        self._relays.add(relay)

        @Slot(object)
        def done(result: Any) -> None:
            self._finish(relay)
            on_done(result)

        @Slot(object, str)
        def failed(exc: BaseException, tb: str) -> None:
            self._finish(relay)
            on_error(exc, tb)

        relay.finished.connect(done)
        relay.failed.connect(failed)
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Task(fn, relay))

    def _finish(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every task finished (tests and shutdown only)."""
        return bool(self._pool.waitForDone(msecs))
