"""Can a window be shown here? Asked before Qt is, because Qt aborts (SIGABRT) when it cannot
open the display or load its platform plugin, and a double-click then shows nothing at all.

Linux only: an X server named by ``DISPLAY`` must answer (libxcb's ``xcb_connect``), or a
Wayland socket named by ``WAYLAND_DISPLAY`` must accept a connection; and the platform plugin
that will be used must load, or the missing library is named.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

QT_DISPLAY_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 "
    "libxcb-shape0 libxkbcommon-x11-0 libwayland-cursor0 libwayland-egl1"
)
"""The Debian/Ubuntu packages Qt's X11 and Wayland plugins need (named to users and by the
bundle build when one is missing)."""


def display_problem(env: Mapping[str, str] | None = None) -> str | None:
    """A sentence saying why no window can be opened, or None when one can (or we cannot
    tell: not Linux, or a platform chosen with QT_QPA_PLATFORM)."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    wayland, x11 = env.get("WAYLAND_DISPLAY", ""), env.get("DISPLAY", "")
    if not wayland and not x11:
        return "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    reasons = []
    if wayland:
        why = _wayland_problem(wayland, env.get("XDG_RUNTIME_DIR", ""))
        if why is None:
            return _plugin_problem("wayland")
        reasons.append(why)
    if x11:
        why = _x11_problem(x11)
        if why is None:
            return _plugin_problem("xcb")
        reasons.append(why)
    return "; ".join(reasons)


def _wayland_problem(name: str, runtime: str) -> str | None:
    path = Path(name) if name.startswith("/") else Path(runtime or "/nonexistent") / name
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(2)
            s.connect(str(path))
    except OSError as exc:
        return f"WAYLAND_DISPLAY={name}: no Wayland compositor answers at {path} ({exc.strerror})"
    return None


def _x11_problem(name: str) -> str | None:
    lib = ctypes.util.find_library("xcb") or "libxcb.so.1"
    try:
        xcb = ctypes.CDLL(lib)
    except OSError:
        return "the X client library libxcb is not installed (Debian/Ubuntu: libxcb1)"
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(name.encode(), None)
    try:
        if xcb.xcb_connection_has_error(conn):
            return f"DISPLAY={name}: no X server answers there (or it refused the connection)"
    finally:
        xcb.xcb_disconnect(conn)
    return None


def _plugin_problem(platform: str) -> str | None:
    """Load Qt's platform plugin as Qt would; name the library it cannot find."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")  # where it is, without importing Qt
    package = Path(spec.origin).parent if spec is not None and spec.origin else None
    name = {"xcb": "libqxcb.so", "wayland": "libqwayland.so"}[platform]
    candidates = [
        Path(getattr(sys, "_MEIPASS", "")) / "PySide6" / "Qt" / "plugins" / "platforms" / name,
    ]
    if package is not None:
        candidates.insert(0, package / "Qt" / "plugins" / "platforms" / name)
    plugin = next((c for c in candidates if c.is_file()), None)
    if plugin is None:
        return None
    try:
        ctypes.CDLL(str(plugin), mode=os.RTLD_LAZY | os.RTLD_LOCAL)
    except OSError as exc:
        missing = str(exc).split(":")[0].strip()
        return (
            f"Qt's {platform} display plugin cannot load: {missing} is missing. Install it "
            f"(Debian/Ubuntu: {QT_DISPLAY_PACKAGES})"
        )
    return None


def tell_without_qt(text: str) -> None:
    """Show ``text`` without Qt when a desktop tool can (a double-click has no terminal to
    print to): zenity, kdialog, xmessage or notify-send, whichever is installed."""
    import shutil
    import subprocess

    for cmd in (
        ["zenity", "--error", "--no-markup", "--title=K2 Planner", f"--text={text}"],
        ["kdialog", "--title", "K2 Planner", "--error", text],
        ["xmessage", "-center", f"K2 Planner: {text}"],
        ["notify-send", "K2 Planner", text],
    ):
        if shutil.which(cmd[0]):
            try:
                subprocess.run(cmd, check=False, timeout=600)
            except (OSError, subprocess.SubprocessError):
                continue
            return
