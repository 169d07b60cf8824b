#!/usr/bin/env python3
"""Build Trainer Desktop as a self-contained folder with PyInstaller, and on Linux a tarball.

    python3 dev.py package            (the same as python3 packaging/build.py)
    python3 dev.py package --clean    (forget PyInstaller's cache under build/ first)

Installs first, like every dev.py command (the venv, the compiled catalogs, and the system
libraries Qt's X11 plugin needs, so they are copied into the build), then the pinned build tools
of packaging/requirements-build.lock. Writes:

    dist/trainer-desktop/                                    the application folder
    dist/trainer-desktop-<version>-linux-<arch>.tar.gz       Linux: the folder, a menu entry,
                                                             the icon, install.sh, uninstall.sh

On Windows, make the installer afterwards with Inno Setup: iscc packaging\\windows\\trainer-desktop.iss
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
import dev  # dev.py: the install step and the venv's paths

DIST = ROOT / "dist"
WORK = ROOT / "build"
APP = DIST / "trainer-desktop"
LINUX = sys.platform.startswith("linux")
WINDOWS = os.name == "nt"


def say(message: str) -> None:
    print(f"[package] {message}", flush=True)


def version() -> str:
    text = (ROOT / "trainer_desktop" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def program(folder: Path = APP) -> Path:
    """The console program in a built folder (the command line; without a command, the GUI)."""
    return folder / ("trainer-desktop.exe" if WINDOWS else "trainer-desktop")


def install_build_tools() -> None:
    dev.run(
        dev.PYTHON,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-r",
        HERE / "requirements-build.lock",
    )


def freeze(clean: bool = False) -> None:
    command = [
        dev.PYTHON,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        DIST,
        "--workpath",
        WORK,
        HERE / "trainer-desktop.spec",
    ]
    dev.run(*command, *(["--clean"] if clean else []))


def sizes(folder: Path) -> tuple[int, list[tuple[int, str]]]:
    """Total bytes in ``folder`` (links not followed), and the largest parts of its library
    folder."""

    def size(path: Path) -> int:
        if path.is_symlink() or path.is_file():
            return path.lstat().st_size
        return sum(p.lstat().st_size for p in path.rglob("*") if p.is_symlink() or p.is_file())

    internal = folder / "_internal"
    parts = sorted(((size(p), p.name) for p in internal.iterdir()), reverse=True)
    return size(folder), parts


def megabytes(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def report_size(folder: Path = APP) -> int:
    total, parts = sizes(folder)
    say(f"build size: {megabytes(total)} in {folder.relative_to(ROOT)}")
    for n, name in parts[:8]:
        say(f"  {megabytes(n):>9}  {name}")
    return total


def tarball_path() -> Path:
    return DIST / f"trainer-desktop-{version()}-linux-{platform.machine()}.tar.gz"


def make_tarball() -> Path:
    """dist/trainer-desktop-<version>-linux-<arch>.tar.gz: one folder holding the application,
    the menu entry, the file type, the icons and the scripts that install them per user."""
    target = tarball_path()
    top = target.name.removesuffix(".tar.gz")
    linux = HERE / "linux"
    icons = ROOT / "trainer_desktop" / "resources" / "icons"

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(APP, f"{top}/trainer-desktop", filter=normalise)
        for name in (
            "install.sh",
            "uninstall.sh",
            "trainer-desktop.desktop",
            "trainer-desktop.xml",
            "README.txt",
        ):
            tar.add(linux / name, f"{top}/{name}", filter=normalise)
        for icon in sorted(icons.glob("trainer-desktop*.*")):
            if icon.suffix in {".png", ".svg"}:
                tar.add(icon, f"{top}/icons/{icon.name}", filter=normalise)
    say(f"tarball: {target.relative_to(ROOT)} ({megabytes(target.stat().st_size)})")
    return target


def build(clean: bool = False) -> Path:
    """Install, freeze, and on Linux pack; returns the application folder."""
    started = time.monotonic()
    dev.install(screen=LINUX)
    install_build_tools()
    say("freezing with PyInstaller (a minute or two)")
    freeze(clean)
    if not program().exists():
        sys.exit(f"[package] the build has no {program().name}")
    report_size()
    if LINUX:
        make_tarball()
    if WINDOWS:
        say(r"next, the installer: iscc packaging\windows\trainer-desktop.iss")
    say(f"done in {time.monotonic() - started:.0f} s")
    return APP


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--clean", action="store_true", help="rebuild from scratch, without PyInstaller's cache"
    )
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    if WORK.exists() and args.clean:
        shutil.rmtree(WORK)
    build(clean=args.clean)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
