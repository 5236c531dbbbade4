"""Render the app icon (resources/icons/k2planner.svg) to every size the platforms want.

Writes, reproducibly:

* ``resources/icons/k2planner-<size>.png`` (16 … 512): the window icon and the Linux hicolor
  theme icons the install script copies;
* ``packaging/icons/k2planner.ico`` (Windows: 16 … 256, PNG-compressed entries);
* ``packaging/icons/k2planner.icns`` (macOS: 16 … 1024).

The ICO and ICNS containers are written here in plain Python (both are a small header and a
list of PNG images), so the result does not depend on which Qt image plugins are installed.

Run: ``QT_QPA_PLATFORM=offscreen python packaging/make_icons.py``
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "k2planner.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon at ``size`` × ``size`` pixels as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows ICO file holding PNG images."""
    header = struct.pack("<HHH", 0, 1, len(images))
    entries = b""
    body = b""
    offset = 6 + 16 * len(images)
    for size, png in sorted(images.items()):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(body))
        body += png
    return header + entries + body


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS ICNS file holding PNG images."""
    body = b""
    for kind, size in ICNS_TYPES:
        png = images[size]
        body += kind + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    """Write every icon file."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(s for _k, s in ICNS_TYPES)})
    images = {s: render_png(renderer, s) for s in sizes}
    for s in PNG_SIZES:
        path = SVG.parent / f"k2planner-{s}.png"
        path.write_bytes(images[s])
        print(f"wrote {path.relative_to(ROOT)}")
    out = ROOT / "packaging" / "icons"
    out.mkdir(exist_ok=True)
    (out / "k2planner.ico").write_bytes(ico({s: images[s] for s in ICO_SIZES}))
    (out / "k2planner.icns").write_bytes(icns(images))
    print(f"wrote {(out / 'k2planner.ico').relative_to(ROOT)} and k2planner.icns")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
