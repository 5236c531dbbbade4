"""Launch the built bundle on a virtual X display and photograph it (the bundle's smoke test).

    python packaging/screenshot_bundle.py [--bundle dist/k2planner] [--out docs/screenshots]

It starts Xvfb with the Openbox window manager (so windows get title bars with their icon),
starts ``dist/k2planner/k2planner`` on a fresh data folder, answers the first-start questions
with their defaults (Enter), waits for the planned week, checks the window's class, title and
icon (``_NET_WM_ICON``), and saves ``bundle-welcome.png`` and ``bundle.png``.

Needs (Debian/Ubuntu): ``xvfb xauth openbox xdotool x11-utils`` and Qt's X libraries
``libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
libxkbcommon-x11-0``. The screen is grabbed with PySide6 from the environment running this script.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISPLAY = ":97"
TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("K2PLANNER_", "QT_"))}
    env.update(DISPLAY=DISPLAY, **extra)
    return env


def _wait_window(name: str, timeout: float = 60) -> str:
    """The X window id of the first visible window whose title is ``name``."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        out = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", f"^{name}$"],
            env=_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        ids = out.stdout.split()
        if ids:
            return ids[0]
        time.sleep(0.3)
    raise SystemExit(f"no window {name!r} appeared within {timeout:.0f} s")


def grab(path: Path) -> None:
    """Save the whole virtual screen as PNG (PySide6 on the xcb platform)."""
    code = (
        "import sys; from PySide6.QtGui import QGuiApplication; "
        "app = QGuiApplication(sys.argv[:1]); "
        f"ok = app.primaryScreen().grabWindow(0).save({str(path)!r}); "
        "sys.exit(0 if ok else 1)"
    )
    subprocess.run([sys.executable, "-c", code], env=_env(QT_QPA_PLATFORM="xcb"), check=True)
    print(f"wrote {path}")


def _xprop(wid: str, prop: str) -> str:
    return subprocess.run(
        ["xprop", "-id", wid, "-notype", prop],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def window_facts(wid: str) -> dict[str, str]:
    """WM_CLASS, the title, and the icon sizes set on the window, from xprop."""
    facts = {}
    for prop in ("WM_CLASS", "_NET_WM_NAME"):
        facts[prop] = _xprop(wid, prop).partition("=")[2].strip() or "(not set)"
    icon = _xprop(wid, "_NET_WM_ICON")
    sizes = [
        line.split("Icon (")[1].split(")")[0] for line in icon.splitlines() if "Icon (" in line
    ]
    facts["_NET_WM_ICON"] = ", ".join(sizes) if sizes else "(not set)"
    return facts


def main() -> int:
    """Run the bundle on Xvfb and photograph it."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bundle", type=Path, default=ROOT / "dist" / "k2planner")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args()
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        print(f"missing tools: {', '.join(missing)} (see this script's docstring)", file=sys.stderr)
        return 2
    program = args.bundle / "k2planner"
    args.out.mkdir(parents=True, exist_ok=True)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        procs.append(
            subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1440x960x24", "-nolisten", "tcp"])
        )
        time.sleep(1.0)
        procs.append(subprocess.Popen(["openbox"], env=_env(), stderr=subprocess.DEVNULL))
        time.sleep(1.0)
        with tempfile.TemporaryDirectory() as data:
            t0 = time.monotonic()
            app = subprocess.Popen([str(program)], env=_env(K2PLANNER_DATA_DIR=data))
            procs.append(app)
            welcome = _wait_window("Welcome to K2 Planner")
            shown = time.monotonic() - t0
            time.sleep(1.0)
            grab(args.out / "bundle-welcome.png")
            subprocess.run(
                ["xdotool", "windowactivate", "--sync", welcome], env=_env(), check=False
            )
            subprocess.run(["xdotool", "key", "Return"], env=_env(), check=True)
            main_window = _wait_window("K2 Planner")
            time.sleep(4.0)  # the first plan is solved on a worker
            grab(args.out / "bundle.png")
            facts = window_facts(main_window)
            for key, value in facts.items():
                print(f"{key}: {value}")
            print(f"first window after {shown:.1f} s (cold start, new database)")
            subprocess.run(
                ["xdotool", "windowactivate", "--sync", main_window], env=_env(), check=False
            )
            subprocess.run(["xdotool", "key", "ctrl+q"], env=_env(), check=False)
            app.wait(timeout=20)
            print(f"the app quit with exit code {app.returncode}")
            if "k2planner" not in facts["WM_CLASS"] or facts["_NET_WM_ICON"] == "(not set)":
                print("the window lacks its class or its icon", file=sys.stderr)
                return 1
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
