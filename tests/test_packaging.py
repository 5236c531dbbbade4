"""Packaging: the wheel works outside the source tree; icons; the Linux install script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from k2planner import __version__

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the source tree (no build isolation: hatchling is a test dependency)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("k2planner-*.whl")
    return built


def test_wheel_carries_resources_and_migrations(wheel: Path) -> None:
    """Seed, meals, icons and the Alembic scripts are in the wheel; tests and sources are not."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "k2planner/resources/seed/foods.json.gz",
        "k2planner/resources/meals/meals.toml",
        "k2planner/resources/icons/k2planner.svg",
        "k2planner/resources/icons/k2planner-256.png",
        "k2planner/db/migrations/env.py",
        "k2planner/db/migrations/script.py.mako",
        "k2planner/db/migrations/versions/0001_initial_schema.py",
        "k2planner/resources/licenses/THIRD_PARTY_NOTICES.md",
        "k2planner/resources/licenses/LGPL-3.0.txt",
    ):
        assert required in names, f"{required} missing from the wheel"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), "no LICENSE in wheel"
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)
    assert wheel.name.startswith(f"k2planner-{__version__}-")


def test_installed_wheel_self_test_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    """A fresh venv with only the wheel installed (dependencies borrowed from this environment
    through a .pth file, so no download) runs ``k2planner --self-test`` from elsewhere."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    bindir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    python = bindir / ("python.exe" if sys.platform == "win32" else "python")
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    here = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    # Paths in a .pth file are appended as they are: .pth files inside them (such as this
    # checkout's editable install) are not run, so k2planner can only come from the wheel.
    (site / "borrowed_dependencies.pth").write_text("\n".join(sorted(here)) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "K2PLANNER_"))}
    env.update(K2PLANNER_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import k2planner.paths as p; print(p.__file__); print(p.resources_dir())",
        ],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert all(Path(w).is_relative_to(env_dir) for w in where), where
    program = bindir / ("k2planner.exe" if sys.platform == "win32" else "k2planner")
    version = subprocess.run(
        [str(program), "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == f"k2planner {__version__}"
    out = subprocess.run(
        [str(program), "--self-test"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip().splitlines()[-1].startswith(f"OK k2planner {__version__}")


def test_icons_at_every_size(qapp) -> None:  # type: ignore[no-untyped-def]
    """PNG sizes for the window and the desktop; ICO and ICNS that Qt can read."""
    from PySide6.QtGui import QImage, QImageReader

    icons = ROOT / "resources" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(icons / f"k2planner-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
    ico = QImageReader(str(ROOT / "packaging" / "icons" / "k2planner.ico"))
    assert ico.imageCount() == 7
    icns = QImageReader(str(ROOT / "packaging" / "icons" / "k2planner.icns"))
    assert icns.canRead() and icns.read().width() >= 16


@pytest.mark.skipif(sys.platform == "win32", reason="the install script is for Linux")
def _desktop_exec(value: str) -> list[str]:
    """Split a desktop entry's Exec value as the Desktop Entry spec says (string escapes, then
    double-quoted arguments with backslash escapes, %% for %)."""
    text = value.replace("\\\\", "\x00").replace("\\s", " ").replace("\x00", "\\")
    args, cur, quoted, i = [], "", False, 0
    while i < len(text):
        c = text[i]
        if quoted and c == "\\" and i + 1 < len(text) and text[i + 1] in '"`$\\':
            cur += text[i + 1]
            i += 2
            continue
        if c == '"':
            quoted = not quoted
        elif c == " " and not quoted:
            args.append(cur)
            cur = ""
        elif c == "%" and i + 1 < len(text) and text[i + 1] == "%":
            cur += "%"
            i += 1
        else:
            cur += c
        i += 1
    return [*args, cur] if cur else args


@pytest.mark.parametrize("home_name", ["home", 'my home | & 50% $HOME `x` \\ "q"'])
def test_linux_install_script(tmp_path: Path, home_name: str) -> None:
    """install.sh puts the app, a menu entry (reverse-DNS id), icons and a command in the
    user's folders, with paths of any characters quoted; --uninstall removes all of it and
    keeps the user's data."""
    bundle = tmp_path / "unpacked" / "k2planner"
    icons = bundle / "_internal" / "k2planner" / "resources" / "icons"
    shutil.copytree(ROOT / "resources" / "icons", icons)
    (bundle / "k2planner").write_text("#!/bin/sh\necho k2planner-ran\n")
    (bundle / "k2planner").chmod(0o755)
    for name in ("install.sh", "k2planner.desktop"):
        shutil.copy2(ROOT / "packaging" / "linux" / name, bundle / name)
    home = tmp_path / home_name
    data = home / ".local" / "share"
    (data / "k2planner").mkdir(parents=True)
    (data / "k2planner" / "k2planner.sqlite").write_bytes(b"user data")
    (home / "Desktop").mkdir()
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    run = subprocess.run(
        ["sh", str(bundle / "install.sh")], env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    app = data / "k2planner-app" / "k2planner"
    entry = data / "applications" / "org.k2planner.K2Planner.desktop"
    lines = entry.read_text().splitlines()
    exec_value = next(x for x in lines if x.startswith("Exec="))[5:]
    assert _desktop_exec(exec_value) == [str(app)]
    assert "Icon=org.k2planner.K2Planner" in lines and "Name=K2 Planner" in lines
    hicolor = data / "icons" / "hicolor"
    assert (hicolor / "256x256" / "apps" / "org.k2planner.K2Planner.png").is_file()
    assert (hicolor / "scalable" / "apps" / "org.k2planner.K2Planner.svg").is_file()
    assert (home / "Desktop" / "org.k2planner.K2Planner.desktop").is_file()
    launched = subprocess.run(
        [str(home / ".local" / "bin" / "k2planner")], capture_output=True, text=True, check=True
    )
    assert launched.stdout.strip() == "k2planner-ran"
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(entry)], check=True)
    again = subprocess.run(
        ["sh", str(data / "k2planner-app" / "install.sh")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr  # re-running from the installed copy is fine
    gone = subprocess.run(
        ["sh", str(bundle / "install.sh"), "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert gone.returncode == 0, gone.stderr
    left = sorted(
        str(p.relative_to(home)) for p in home.rglob("*") if p.is_file() or p.is_symlink()
    )
    assert left == [".local/share/k2planner/k2planner.sqlite"], left
    assert (data / "k2planner" / "k2planner.sqlite").read_bytes() == b"user data"


def test_install_script_checks_before_copying(tmp_path: Path) -> None:
    """Not run from a bundle folder, or an unknown option: refused, nothing written."""
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    script = tmp_path / "install.sh"
    shutil.copy2(ROOT / "packaging" / "linux" / "install.sh", script)
    run = subprocess.run(["sh", str(script)], env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 1 and "unpacked K2 Planner folder" in run.stderr
    bad = subprocess.run(
        ["sh", str(script), "--nope"], env=env, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 1 and "unknown option" in bad.stderr
    assert not (home / ".local" / "share" / "k2planner-app").exists()


def test_licences_ship_with_the_sources() -> None:
    """LICENSE (MIT, as pyproject says) and the third-party notices are in the tree."""
    root = Path(__file__).resolve().parent.parent
    assert "MIT License" in (root / "LICENSE").read_text(encoding="utf-8")
    notices = root / "resources" / "licenses"
    for name in ("THIRD_PARTY_NOTICES.md", "LGPL-3.0.txt", "GPL-3.0.txt"):
        assert (notices / name).stat().st_size > 1000, name


@pytest.mark.skipif(
    not (sys.platform.startswith("linux") and shutil.which("gcc") and shutil.which("ldd")),
    reason="needs gcc and ldd",
)
def test_build_fails_naming_a_library_the_bundle_lacks(tmp_path: Path) -> None:
    """A bundled plugin linked to a library that is neither bundled nor installed stops the
    build, and the message names it (the libxcb-icccm4 crash of issue 19)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("k2_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    k2_build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(k2_build)
    check_libraries = k2_build.check_libraries

    src = tmp_path / "x.c"
    src.write_text("int k2_probe(void) { return 0; }\n")
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", tmp_path / "libk2gone.so", src], check=True)
    plugin_dir = tmp_path / "bundle" / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms"
    plugin_dir.mkdir(parents=True)
    subprocess.run(
        [
            "gcc",
            "-shared",
            "-fPIC",
            "-o",
            plugin_dir / "libqfake.so",
            src,
            f"-L{tmp_path}",
            "-Wl,--no-as-needed",
            "-lk2gone",
        ],
        check=True,
    )
    with pytest.raises(SystemExit, match=r"libk2gone\.so, needed by .*libqfake\.so"):
        check_libraries(tmp_path / "bundle")
    (tmp_path / "libk2gone.so").rename(tmp_path / "bundle" / "_internal" / "libk2gone.so")
    check_libraries(tmp_path / "bundle")  # bundled now: passes
