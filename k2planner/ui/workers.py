"""Run long work (solving, importing, printing) off the GUI thread.

A task is a plain function; it runs on Qt's thread pool and its result (or exception) comes
back through a queued signal, so callbacks always run on the GUI thread and never touch
widgets from the worker.
"""

from __future__ import annotations

import contextlib
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
        except BaseException as exc:  # every failure is handed to the GUI thread
            outcome: tuple[Any, ...] = (exc, traceback.format_exc())
            ok = False
        else:
            outcome, ok = (result,), True
        # RuntimeError: the window closed while the task ran, so there is nobody to tell.
        with contextlib.suppress(RuntimeError):
            (self._relay.finished if ok else self._relay.failed).emit(*outcome)


BACKGROUND = "background"  # warm-ups and the like: never shown as busy, never block anything


class TaskRunner(QObject):
    """Starts tasks and tracks how many of each kind are running.

    Tasks of different kinds never block each other: a background warm-up does not make
    Regenerate a no-op, and an import does not stop planning.

    Signals:
        busy_changed(bool): True when the first visible task starts, False when the last ends.
        kind_busy_changed(str, bool): the same, for one kind of task ("plan", "import", …).
    """

    busy_changed = Signal(bool)
    kind_busy_changed = Signal(str, bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: dict[str, int] = {}
        self._relays: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        """True while any task other than background work runs."""
        return any(n for kind, n in self._running.items() if kind != BACKGROUND)

    def busy_with(self, kind: str) -> bool:
        """True while a task of ``kind`` runs."""
        return self._running.get(kind, 0) > 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
        *,
        kind: str = "task",
    ) -> None:
        """Run ``fn`` on a worker; call ``on_done(result)`` or ``on_error(exc, tb)`` later."""
        relay = _Relay()
        self._relays.add(relay)

        @Slot(object)
        def done(result: Any) -> None:
            self._finish(relay, kind)
            on_done(result)

        @Slot(object, str)
        def failed(exc: BaseException, tb: str) -> None:
            self._finish(relay, kind)
            on_error(exc, tb)

        relay.finished.connect(done)
        relay.failed.connect(failed)
        was_busy = self.busy
        self._running[kind] = self._running.get(kind, 0) + 1
        if self._running[kind] == 1:
            self.kind_busy_changed.emit(kind, True)
        if not was_busy and self.busy:
            self.busy_changed.emit(True)
        self._pool.start(_Task(fn, relay))

    def _finish(self, relay: _Relay, kind: str) -> None:
        self._relays.discard(relay)
        was_busy = self.busy
        self._running[kind] -= 1
        if self._running[kind] == 0:
            self.kind_busy_changed.emit(kind, False)
        if was_busy and not self.busy:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every task finished (tests and shutdown only)."""
        return bool(self._pool.waitForDone(msecs))
