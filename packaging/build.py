"""Build the double-clickable bundle: ``dist/k2planner/`` and an archive, then self-test it.

    python3 packaging/build.py            # build, self-test, report time and size
    python3 packaging/build.py --reuse    # keep the build environment of an earlier run

Steps: a **runtime-only** virtual environment in ``build/bundle-venv`` (the project and
PyInstaller, nothing from the test extra: from a dev environment PyInstaller's hooks would drag
mypy, pytest and hypothesis into the bundle), PyInstaller with ``packaging/k2planner.spec``, the
Linux desktop files next to the program, the bundle's ``--self-test`` (headless), an archive
(``.tar.xz`` on Linux and macOS, ``.zip`` on Windows), and a report of the figures, also written
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
PYINSTALLER = "pyinstaller"
CONSTRAINTS = ROOT / "packaging" / "constraints.txt"


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
    _run(
        [
            str(_bin("python")),
            "-m",
            "pip",
            "install",
            "-q",
            "--upgrade",
            "-c",
            str(CONSTRAINTS),
            str(ROOT),
            PYINSTALLER,
        ]
    )


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
        _strip_debug_info(bundle)
    add_licences(bundle)
    return bundle


def _strip_debug_info(bundle: Path) -> None:
    """Shared libraries without their symbol tables and debug information (libpython alone
    carries 17 MB of it); the program itself is left alone: PyInstaller appends its archive
    to it."""
    strip = shutil.which("strip")
    if not strip or not shutil.which("readelf"):
        return
    libs = [str(p) for p in (bundle / "_internal").rglob("*.so*") if _unstripped(p)]
    for i in range(0, len(libs), 100):
        subprocess.run([strip, "--strip-unneeded", *libs[i : i + 100]], check=True)


def _unstripped(lib: Path) -> bool:
    """An ELF library that still has a symbol table. Libraries that wheels repaired with
    patchelf (``numpy.libs``, ``*.libs``) are left alone: strip breaks their alignment."""
    if not lib.is_file() or lib.is_symlink() or any(p.endswith(".libs") for p in lib.parts):
        return False
    with lib.open("rb") as f:
        if f.read(4) != b"\x7fELF":
            return False
    out = subprocess.run(
        ["readelf", "-S", "--wide", str(lib)], capture_output=True, text=True, check=False
    ).stdout
    return " .symtab " in out


def add_licences(bundle: Path) -> None:
    """LICENSE, the third-party notices and the licence files of every installed package."""
    shutil.copy2(ROOT / "LICENSE", bundle / "LICENSE")
    notices = ROOT / "resources" / "licenses"
    for f in notices.iterdir():
        shutil.copy2(f, bundle / f.name)
    target = bundle / "licenses"
    shutil.rmtree(target, ignore_errors=True)
    code = (
        "import importlib.metadata as m, json; print(json.dumps([(d.metadata['Name'], "
        "[str(d.locate_file(f)) for f in (d.files or []) if 'licen' in str(f).lower() "
        "or 'copying' in str(f).lower() or 'notice' in str(f).lower()]) "
        "for d in m.distributions()]))"
    )
    out = subprocess.run(
        [str(_bin("python")), "-c", code], capture_output=True, text=True, check=True
    ).stdout
    import json

    build_tools = {"pip", "setuptools", "wheel", "pyinstaller", "pyinstaller-hooks-contrib"}
    for name, files in json.loads(out):
        if name.lower() in build_tools or name.lower() == "altgraph":
            continue  # used to build the bundle, not shipped in it
        for f in files:
            src = Path(f)
            if src.is_file() and src.suffix not in (".py", ".pyc", ".pyi"):
                dest = target / name / src.name
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest)


def check_libraries(bundle: Path) -> None:
    """Fail when a library in the bundle cannot find one it links to (Linux).

    PyInstaller only warns when the build host lacks a library a Qt plugin needs (the xcb
    platform plugin needs libxcb-icccm4 and libxcb-keysyms1, the Wayland one libwayland-cursor0
    …); the bundle would then crash on the user's screen. The system libraries every desktop
    has (C library, OpenGL/EGL, libxcb itself) may come from the user's machine.
    """
    if not sys.platform.startswith("linux") or not shutil.which("ldd"):
        return
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    missing: dict[str, set[str]] = {}
    for lib in sorted(internal.rglob("*.so*")):
        if not lib.is_file() or lib.is_symlink():
            continue
        out = subprocess.run(
            ["ldd", str(lib)], env=env, capture_output=True, text=True, check=False
        ).stdout
        for line in out.splitlines():
            if "not found" in line:
                missing.setdefault(line.split()[0], set()).add(str(lib.relative_to(bundle)))
    if missing:
        lines = [f"  {name}, needed by {', '.join(sorted(by)[:3])}" for name, by in missing.items()]
        sys.path.insert(0, str(ROOT))
        from k2planner.display_probe import QT_DISPLAY_PACKAGES

        raise SystemExit(
            "the bundle lacks libraries its Qt plugins need; install them on the build machine "
            f"(e.g. apt-get install {QT_DISPLAY_PACKAGES}) and build again:\n" + "\n".join(lines)
        )


def display_check(bundle: Path) -> str:
    """Start the bundle on a real X server (Xvfb), as a user would; screenshots included."""
    if not sys.platform.startswith("linux"):
        return "not on Linux"
    out = ROOT / "dist" / "screenshots"
    # the script grabs the screen with PySide6: run it with the build environment's Python
    script = ROOT / "packaging" / "screenshot_bundle.py"
    _run([str(_bin("python")), str(script), "--bundle", str(bundle), "--out", str(out)])
    return f"window opened on Xvfb; screenshots in {out}"


def checksums(paths: list[Path]) -> Path:
    """``SHA256SUMS`` of the artefacts, in the format ``sha256sum -c`` reads."""
    import hashlib

    lines = []
    for p in paths:
        h = hashlib.sha256()
        with p.open("rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
        lines.append(f"{h.hexdigest()}  {p.name}")
    target = DIST / "SHA256SUMS"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


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
    """``k2planner-<version>-<os>-<arch>.tar.xz`` (or ``.zip`` on Windows)."""
    sys.path.insert(0, str(ROOT))
    from k2planner import __version__

    system = {"darwin": "macos", "win32": "windows"}.get(sys.platform, "linux")
    base = DIST / f"k2planner-{__version__}-{system}-{platform.machine().lower()}"
    fmt = "zip" if sys.platform == "win32" else "xztar"  # xz: a quarter smaller than gzip
    return Path(shutil.make_archive(str(base), fmt, root_dir=DIST, base_dir=bundle.name))


def size_mib(path: Path) -> float:
    """Size of a file or folder in MiB (as ``du --apparent-size -sh`` reports it)."""
    if path.is_file():
        return path.stat().st_size / 2**20
    # PyInstaller links some libraries twice (symlinks): count each file once.
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def main() -> int:
    """Build, test, archive, report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reuse", action="store_true", help="reuse build/bundle-venv")
    ap.add_argument(
        "--no-display",
        action="store_true",
        help="skip starting the bundle on Xvfb (not for releases)",
    )
    ap.add_argument("--no-deb", action="store_true", help="do not build the .deb")
    args = ap.parse_args()
    t0 = time.perf_counter()
    make_env(args.reuse)
    t_env = time.perf_counter()
    bundle = freeze()
    check_libraries(bundle)
    t_freeze = time.perf_counter()
    ok_line = self_test(bundle)
    shown = "skipped (--no-display)" if args.no_display else display_check(bundle)
    t_test = time.perf_counter()
    packed = archive(bundle)
    artefacts = [packed]
    deb_line = "not built"
    if sys.platform.startswith("linux") and not args.no_deb and shutil.which("dpkg-deb"):
        sys.path.insert(0, str(ROOT / "packaging"))
        from build_deb import build_deb

        deb, deb_line = build_deb(bundle, DIST, display=not args.no_display)
        artefacts.append(deb)
    sums = checksums(artefacts)
    t_end = time.perf_counter()
    report = "\n".join(
        [
            f"bundle:       {bundle} ({size_mib(bundle):.0f} MiB, "
            f"{sum(1 for _ in bundle.rglob('*'))} files)",
            f"archive:      {packed} ({size_mib(packed):.0f} MiB)",
            f"environment:  {t_env - t0:.0f} s",
            f"PyInstaller:  {t_freeze - t_env:.0f} s",
            f"self-test:    {ok_line}",
            f"display:      {shown}",
            f"checks:       {t_test - t_freeze:.1f} s (libraries, self-test, display)",
            f".deb:         {deb_line}",
            f"archive, .deb, sums: {t_end - t_test:.0f} s ({sums.name})",
            f"total:        {t_end - t0:.0f} s",
        ]
    )
    print(report)
    (DIST / "build-report.txt").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
