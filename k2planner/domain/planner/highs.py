"""A silent HiGHS instance: machine output on stdout must stay machine output.

highspy 1.16 prints a two-line banner on stdout when the first ``Highs`` object of the process
is made, before any option can switch it off. The first construction therefore runs with the
process's stdout file descriptor pointed at /dev/null; every instance then has its logging off.
"""

from __future__ import annotations

import os
import sys
import threading

import highspy

_lock = threading.Lock()
_banner_done = False


def new_highs() -> highspy.Highs:
    """A ``highspy.Highs`` with output, console logging and the start-up banner off."""
    global _banner_done
    with _lock:
        if _banner_done:
            h = highspy.Highs()
        else:
            h = _construct_muted()
            _banner_done = True
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    return h


def _construct_muted() -> highspy.Highs:
    try:
        fd = sys.__stdout__.fileno() if sys.__stdout__ is not None else 1
    except (OSError, ValueError):  # no real stdout (a windowed app): nothing to protect
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(fd)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), fd)
            try:
                return highspy.Highs()
            finally:
                os.dup2(saved, fd)
    finally:
        os.close(saved)
