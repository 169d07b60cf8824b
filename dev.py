#!/usr/bin/env python3
"""Set up and run Trainer Desktop from a source checkout, with nothing installed by hand.

    python3 dev.py demo     install, fill demo-data/demo.sqlite, open the app on it
    python3 dev.py test     install, run the whole test suite (extra args go to pytest)
    python3 dev.py gui      install, open the app on your own database
    python3 dev.py i18n     extract messages and update the catalogs under i18n/
    python3 dev.py bench    install, run the benchmarks under bench/
    python3 dev.py package  install, build dist/trainer-desktop/ and the Linux tarball with
                            PyInstaller (--smoke: then run the built program; see packaging/)

"Install" means: the system libraries Qt needs (with apt-get, when run as root on Debian or
Ubuntu; otherwise the exact command is printed), a virtual environment in .venv with the pinned
versions of requirements.lock, this project in editable mode, and the compiled translations.
It is skipped when nothing changed since the last run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
DEMO_DB = ROOT / "demo-data" / "demo.sqlite"

# Shared libraries PySide6's wheels load, and the Debian packages that provide them.
QT_LIBS = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
# Only for a real screen (the xcb platform plugin).
QT_SCREEN_LIBS = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1",
}


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*cmd: str | Path, **kwargs) -> None:
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def missing_debian_packages(screen: bool) -> list[str]:
    if not sys.platform.startswith("linux") or not shutil.which("ldconfig"):
        return []
    known = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    wanted = {**QT_LIBS, **(QT_SCREEN_LIBS if screen else {})}
    packages = [pkg for lib, pkg in wanted.items() if lib not in known]
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True).stdout if shutil.which(
        "fc-list"
    ) else ""
    if not fonts.strip():
        packages.append("fonts-dejavu-core")
    try:
        import ensurepip  # noqa: F401  (Debian splits it into python3-venv)
    except ImportError:
        packages.append(f"python3.{sys.version_info.minor}-venv")
    return packages


def ensure_system(screen: bool) -> None:
    packages = missing_debian_packages(screen)
    if not packages:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing system libraries: " + " ".join(packages))
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-qq", env=env)
        run(*command, "-qq", env=env)
    else:
        sys.exit(
            "[dev] Qt needs these system packages; install them and run again:\n"
            f"    sudo {' '.join(command)}"
        )


def install_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit("[dev] Python 3.11 or newer is needed (this is %s)." % sys.version.split()[0])
    fingerprint = install_fingerprint()
    if STAMP.exists() and STAMP.read_text() == fingerprint and PYTHON.exists():
        return
    if not PYTHON.exists():
        say("creating the virtual environment in .venv")
        run(sys.executable, "-m", "venv", VENV)
    say("installing the pinned dependencies (requirements.lock)")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-r", ROOT / "requirements.lock")  # fmt: skip
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
        "--no-build-isolation", "-e", ROOT)  # fmt: skip
    STAMP.write_text(fingerprint)


def compile_catalogs() -> None:
    run(PYTHON, ROOT / "i18n" / "catalogs.py", "compile")


def install(screen: bool) -> None:
    ensure_system(screen)
    ensure_venv()
    compile_catalogs()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "gui", "i18n", "bench", "package"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    os.chdir(ROOT)
    if command == "test":
        install(screen=False)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        return subprocess.run([str(PYTHON), "-m", "pytest", *rest], env=env).returncode
    if command == "i18n":
        ensure_venv()
        return subprocess.run([str(PYTHON), ROOT / "i18n" / "catalogs.py", "update"]).returncode
    if command == "package":
        # packaging/build.py installs (as here) and freezes; smoke_test.py builds, then runs it.
        script = "smoke_test.py" if "--smoke" in rest else "build.py"
        rest = [arg for arg in rest if arg != "--smoke"]
        return subprocess.run([sys.executable, ROOT / "packaging" / script, *rest]).returncode
    if command == "bench":
        install(screen=False)
        status = 0
        for script in sorted((ROOT / "bench").glob("bench_*.py")):
            say(f"running {script.name}")
            status |= subprocess.run([str(PYTHON), str(script), *rest]).returncode
        return status
    install(screen=True)
    trainer = BIN / ("trainer-desktop.exe" if os.name == "nt" else "trainer-desktop")
    if command == "demo":
        run(trainer, "demo", "--db", DEMO_DB)
        return subprocess.run([str(trainer), "gui", "--db", str(DEMO_DB), *rest]).returncode
    return subprocess.run([str(trainer), "gui", *rest]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
