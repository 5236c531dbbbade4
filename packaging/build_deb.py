"""Build ``k2planner_<version>-1_<arch>.deb`` from the PyInstaller bundle with Debian's tools.

    python3 packaging/build_deb.py [--bundle dist/k2planner] [--out dist] [--no-display]

(``packaging/build.py`` calls it after the bundle.) The package installs the bundle under
``/usr/lib/k2planner``, a ``/usr/bin/k2planner`` launcher, the desktop entry
``org.k2planner.K2Planner.desktop``, hicolor icons, AppStream metainfo, the copyright file with
every licence, and a changelog. Then it

* validates the metainfo with ``appstreamcli validate`` and the desktop entry with
  ``desktop-file-validate`` (when installed);
* runs ``lintian`` and fails on any error (warnings are printed; the overrides in
  ``packaging/linux/lintian-overrides`` say why each one is expected of a bundled app);
* installs the package with ``dpkg --root`` into a scratch folder and starts the installed
  program there on Xvfb (``screenshot_bundle.py``), unless ``--no-display``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.k2planner.K2Planner"
ARCH = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())
FONTS = "fonts-dejavu-core | fonts-freefont-ttf | fonts-liberation2"
MIN_GLIBC = "2.36"  # the build host's (Debian 12); see packaging/README.md

CONTROL = """Package: k2planner
Version: {version}
Architecture: {arch}
Maintainer: k2planner developers <k2planner@users.noreply.github.com>
Installed-Size: {size}
Depends: libc6 (>= {glibc}), libgl1, libegl1, libfontconfig1, {fonts}
Section: misc
Priority: optional
Homepage: https://github.com/k2planner/k2planner
Description: meal planner that reaches a daily vitamin K2 target
 K2 Planner suggests a week of real meals that reaches a daily vitamin K2
 (menaquinone) target from food-composition data with the source of every
 value, per person of a household, honouring dietary restrictions. It prints
 aisle-ordered shopping lists and keeps vitamin K steady for people on
 warfarin or another vitamin K antagonist.
"""

LAUNCHER = """#!/bin/sh
# Start K2 Planner (the bundled program in /usr/lib/k2planner).
exec /usr/lib/k2planner/k2planner "$@"
"""


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, text=True, **kw)  # type: ignore[call-overload, no-any-return]


def copyright_text() -> str:
    """debian/copyright in the machine-readable format, with the licences of what ships."""
    mit = (ROOT / "LICENSE").read_text(encoding="utf-8").split("\n", 3)[3].strip()
    body = "\n".join(" " + (line if line.strip() else ".") for line in mit.splitlines())
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: k2planner\n"
        "Source: https://github.com/k2planner/k2planner\n\n"
        "Files: *\n"
        "Copyright: 2026 k2planner developers\n"
        "License: MIT\n\n"
        "Files: usr/lib/k2planner/_internal/PySide6/*\n"
        "Copyright: The Qt Company Ltd. and other contributors\n"
        "License: LGPL-3.0-only\n"
        " Qt 6 and Qt for Python (PySide6, Shiboken6). On Debian systems the full text of\n"
        " the GNU Lesser General Public License version 3 is in\n"
        " /usr/share/common-licenses/LGPL-3; it is also shipped as\n"
        " /usr/lib/k2planner/LGPL-3.0.txt. The licences of every other bundled Python\n"
        " package are in /usr/lib/k2planner/licenses/, and the data licences (USDA SR28:\n"
        " public domain; ANSES CIQUAL 2025: Licence Ouverte) in\n"
        " /usr/lib/k2planner/THIRD_PARTY_NOTICES.md.\n\n"
        f"License: MIT\n{body}\n"
    )


def _tree(bundle: Path, root: Path, version: str) -> None:
    lib = root / "usr" / "lib" / "k2planner"
    shutil.copytree(bundle, lib, symlinks=True)
    for name in ("install.sh", "k2planner.desktop"):  # the per-user installer is not for .deb
        (lib / name).unlink(missing_ok=True)
    for path in lib.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() or _executable(path) else 0o644)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "k2planner").write_text(LAUNCHER, encoding="utf-8")
    (bin_dir / "k2planner").chmod(0o755)
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    lines = []
    for line in (LINUX / "k2planner.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith(("Exec=", "TryExec=")):
            line = line.split("=", 1)[0] + "=k2planner"
        lines.append(line)
    (apps / f"{APP_ID}.desktop").write_text("\n".join(lines) + "\n", encoding="utf-8")
    icons = ROOT / "resources" / "icons"
    for png in icons.glob("k2planner-*.png"):
        size = png.stem.rsplit("-", 1)[1]
        dest = root / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, dest / f"{APP_ID}.png")
    scalable = root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(icons / "k2planner.svg", scalable / f"{APP_ID}.svg")
    meta = root / "usr" / "share" / "metainfo"
    meta.mkdir(parents=True)
    shutil.copy2(LINUX / f"{APP_ID}.metainfo.xml", meta / f"{APP_ID}.metainfo.xml")
    doc = root / "usr" / "share" / "doc" / "k2planner"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_text(), encoding="utf-8")
    log = (
        f"k2planner ({version}) unstable; urgency=medium\n\n"
        "  * Release built from the PyInstaller bundle.\n\n"
        " -- k2planner developers <k2planner@users.noreply.github.com>  "
        "Sun, 06 Dec 2026 12:00:00 +0000\n"
    )
    with gzip.GzipFile(doc / "changelog.Debian.gz", "wb", mtime=0) as f:
        f.write(log.encode())
    man = root / "usr" / "share" / "man" / "man1"
    man.mkdir(parents=True)
    with gzip.GzipFile(man / "k2planner.1.gz", "wb", mtime=0) as f:
        f.write((LINUX / "k2planner.1").read_bytes())
    overrides = root / "usr" / "share" / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copy2(LINUX / "lintian-overrides", overrides / "k2planner")
    for d in root.rglob("*"):
        if d.is_dir():
            d.chmod(0o755)
    for f in (root / "usr" / "share").rglob("*"):
        if f.is_file():
            f.chmod(0o644)


def _executable(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(4)
    return head == b"\x7fELF" and not path.name.endswith((".so",)) and ".so." not in path.name


def _control(root: Path, version: str) -> None:
    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    size_kb //= 1024
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(
        CONTROL.format(version=version, arch=ARCH, size=size_kb, glibc=MIN_GLIBC, fonts=FONTS),
        encoding="utf-8",
    )
    sums = []
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink() and "DEBIAN" not in p.parts:
            digest = hashlib.md5(p.read_bytes()).hexdigest()  # dpkg's md5sums format
            sums.append(f"{digest}  {p.relative_to(root)}")
    (debian / "md5sums").write_text("\n".join(sums) + "\n", encoding="utf-8")
    for f in debian.iterdir():
        f.chmod(0o644)


def validate(root: Path) -> None:
    """AppStream and desktop-entry validation (fails the build on an error)."""
    meta = root / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    if shutil.which("appstreamcli"):
        if _run(["appstreamcli", "validate", "--no-net", str(meta)]).returncode != 0:
            raise SystemExit("appstreamcli validate failed")
    else:
        print("appstreamcli not installed (apt-get install appstream): metainfo not validated")
    entry = root / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    checker = shutil.which("desktop-file-validate")
    if checker and _run([checker, str(entry)]).returncode != 0:
        raise SystemExit("desktop-file-validate failed")


def run_lintian(deb: Path) -> str:
    """lintian's verdict; errors fail the build."""
    if not shutil.which("lintian"):
        return "lintian not installed (apt-get install lintian)"
    out = _run(["lintian", "--no-tag-display-limit", str(deb)], capture_output=True)
    print(out.stdout, end="")
    tags = [line for line in out.stdout.splitlines() if line[:2] in ("E:", "W:")]
    errors = [t for t in tags if t.startswith("E:")]
    if errors:
        raise SystemExit(f"lintian found {len(errors)} error(s)")
    return f"lintian: 0 errors, {len(tags) - len(errors)} warnings"


def install_and_start(deb: Path, display: bool) -> str:
    """Install with ``dpkg --root`` into a scratch folder and start the installed program."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        admin = root / "var" / "lib" / "dpkg"
        (admin / "info").mkdir(parents=True)
        (admin / "updates").mkdir()
        (admin / "status").touch()
        out = _run(
            [
                "dpkg",
                f"--root={root}",
                f"--admindir={admin}",
                "--force-depends",
                "--force-not-root",
                "--force-script-chrootless",
                "-i",
                str(deb),
            ],
            capture_output=True,
        )
        if out.returncode != 0:
            raise SystemExit(f"dpkg --root failed:\n{out.stdout}{out.stderr}")
        program = root / "usr" / "lib" / "k2planner" / "k2planner"
        if not display:
            return f"installed with dpkg --root ({program.relative_to(root)})"
        shots = ROOT / "dist" / "screenshots-deb"
        py = ROOT / "build" / "bundle-venv" / "bin" / "python"
        check = _run(
            [
                str(py if py.exists() else sys.executable),
                str(ROOT / "packaging" / "screenshot_bundle.py"),
                "--bundle",
                str(program.parent),
                "--out",
                str(shots),
            ]
        )
        if check.returncode != 0:
            raise SystemExit("the installed package's window did not open on Xvfb")
        return f"installed with dpkg --root and started on Xvfb (screenshots in {shots})"


def build_deb(bundle: Path, out_dir: Path, *, display: bool = True) -> tuple[Path, str]:
    """Build, check and return (the .deb, a one-line report)."""
    sys.path.insert(0, str(ROOT))
    from k2planner import __version__

    version = f"{__version__}-1"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pkg"
        _tree(bundle, root, version)
        _control(root, version)
        validate(root)
        deb = out_dir / f"k2planner_{version}_{ARCH}.deb"
        built = _run(
            ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)],
            capture_output=True,
        )
        if built.returncode != 0:
            raise SystemExit(f"dpkg-deb failed: {built.stderr}")
    verdict = run_lintian(deb)
    installed = install_and_start(deb, display)
    size = deb.stat().st_size / 1e6
    return deb, f"{deb.name} ({size:.0f} MB); {verdict}; {installed}"


def main() -> int:
    """Build the .deb from an existing bundle."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bundle", type=Path, default=ROOT / "dist" / "k2planner")
    ap.add_argument("--out", type=Path, default=ROOT / "dist")
    ap.add_argument("--no-display", action="store_true")
    args = ap.parse_args()
    _deb, line = build_deb(args.bundle, args.out, display=not args.no_display)
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
