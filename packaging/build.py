"""Build the double-clickable bundle: ``dist/k2planner/`` and an archive, then self-test it.

    python3 packaging/build.py            # build, self-test, report time and size
    python3 packaging/build.py --reuse    # keep the build environment of an earlier run

Steps: a **runtime-only** virtual environment in ``build/bundle-venv`` (the project and
PyInstaller, nothing from the test extra: from a dev environment PyInstaller's hooks would drag
mypy, pytest and hypothesis into the bundle), PyInstaller with ``packaging/k2planner.spec``, the
Linux desktop files next to the program, the bundle's ``--self-test`` (headless), an archive
(``.tar.gz`` on Linux and macOS, ``.zip`` on Windows), and a report of the figures, also written
to ``dist/build-report.txt``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"
VENV = BUILD / "bundle-venv"
PYINSTALLER = "pyinstaller==6.22.*"


def _bin(name: str) -> Path:
    sub = "Scripts" if sys.platform == "win32" else "bin"
    suffix = ".exe" if sys.platform == "win32" else ""
    return VENV / sub / f"{name}{suffix}"


def _run(cmd: list[str], **kw: object) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)  # type: ignore[call-overload]


def make_env(reuse: bool) -> None:
    """The runtime-only environment with the project and PyInstaller."""
    if not (reuse and _bin("pyinstaller").exists()):
        shutil.rmtree(VENV, ignore_errors=True)
        venv.create(VENV, with_pip=True)
    _run([str(_bin("python")), "-m", "pip", "install", "-q", "--upgrade", str(ROOT), PYINSTALLER])


def freeze() -> Path:
    """Run PyInstaller; the one-folder bundle."""
    _run(
        [
            str(_bin("pyinstaller")),
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(ROOT / "packaging" / "k2planner.spec"),
        ],
        cwd=str(ROOT),
    )
    bundle = DIST / "k2planner"
    if sys.platform.startswith("linux"):
        for name in ("install.sh", "k2planner.desktop"):
            shutil.copy2(ROOT / "packaging" / "linux" / name, bundle / name)
        (bundle / "install.sh").chmod(0o755)
    return bundle


def self_test(bundle: Path) -> str:
    """The frozen app's ``--self-test`` in a clean data folder, without a display."""
    program = bundle / ("k2planner.exe" if sys.platform == "win32" else "k2planner")
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("K2PLANNER_", "PYTHON"))}
        env.update(K2PLANNER_DATA_DIR=tmp, QT_QPA_PLATFORM="offscreen")
        env.pop("DISPLAY", None)
        out = subprocess.run(
            [str(program), "--self-test"],
            env=env,
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    print(out.stdout, end="")
    if out.returncode != 0 or not out.stdout.strip().splitlines()[-1:][0].startswith("OK"):
        print(out.stderr, file=sys.stderr)
        raise SystemExit(f"the bundle's self-test failed (exit {out.returncode})")
    return out.stdout.strip().splitlines()[-1]


def archive(bundle: Path) -> Path:
    """``k2planner-<version>-<os>-<arch>.tar.gz`` (or ``.zip`` on Windows)."""
    sys.path.insert(0, str(ROOT))
    from k2planner import __version__

    system = {"darwin": "macos", "win32": "windows"}.get(sys.platform, "linux")
    base = DIST / f"k2planner-{__version__}-{system}-{platform.machine().lower()}"
    fmt = "zip" if sys.platform == "win32" else "gztar"
    return Path(shutil.make_archive(str(base), fmt, root_dir=DIST, base_dir=bundle.name))


def size_mb(path: Path) -> float:
    """Size of a file or folder in MB."""
    if path.is_file():
        return path.stat().st_size / 1e6
    # PyInstaller links some libraries twice (symlinks): count each file once.
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def main() -> int:
    """Build, test, archive, report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reuse", action="store_true", help="reuse build/bundle-venv")
    args = ap.parse_args()
    t0 = time.perf_counter()
    make_env(args.reuse)
    t_env = time.perf_counter()
    bundle = freeze()
    t_freeze = time.perf_counter()
    ok_line = self_test(bundle)
    t_test = time.perf_counter()
    packed = archive(bundle)
    t_end = time.perf_counter()
    report = "\n".join(
        [
            f"bundle:       {bundle} ({size_mb(bundle):.0f} MB, "
            f"{sum(1 for _ in bundle.rglob('*'))} files)",
            f"archive:      {packed} ({size_mb(packed):.0f} MB)",
            f"environment:  {t_env - t0:.0f} s",
            f"PyInstaller:  {t_freeze - t_env:.0f} s",
            f"self-test:    {t_test - t_freeze:.1f} s  ({ok_line})",
            f"archive:      {t_end - t_test:.0f} s",
            f"total:        {t_end - t0:.0f} s",
        ]
    )
    print(report)
    (DIST / "build-report.txt").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
