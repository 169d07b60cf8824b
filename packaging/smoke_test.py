#!/usr/bin/env python3
"""Build (or reuse the build), then run the FROZEN program as a user would, and fail loudly.

    python3 dev.py package --smoke          build, then this
    python3 packaging/smoke_test.py --reuse  this on the existing dist/ (no build)

On Linux it unpacks the tarball, installs it with install.sh into a throwaway home, and runs the
installed command: demo data, a bundle export read back and imported elsewhere, a PDF in French
and in Arabic and a workbook (the fonts, Babel's locale data, reportlab and openpyxl inside the
build), --help in Arabic (the catalogs inside), then the window offscreen, in French on the
default database and in Arabic. Last, uninstall.sh must remove the program and keep the data.
On Windows the same commands run on dist\\trainer-desktop\\trainer-desktop.exe.

The application has no "quit after start-up" switch, so a window run passes when the program is
still running after GUI_SECONDS with nothing on stderr but Qt's known offscreen notices; it is
then terminated. Every step is timed; any failure exits 1.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build  # packaging/build.py

GUI_SECONDS = 8
#: What Qt's offscreen platform prints about window-manager hints it cannot honour.
HARMLESS_STDERR = re.compile(r"^This plugin does not support (propagateSizeHints|raise|grab)")
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


class SmokeFailure(Exception):
    pass


class Smoke:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.home = work / "home"
        self.home.mkdir()
        self.program = build.program()
        self.timings: list[tuple[str, float]] = []
        self.failed = 0
        self.env = {
            **os.environ,
            "HOME": str(self.home),
            "USERPROFILE": str(self.home),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "TRAINER_DESKTOP_LANG": "fr",
        }
        for name in (
            "TRAINER_DESKTOP_DB",
            "XDG_DATA_HOME",
            "XDG_CONFIG_HOME",
            "DISPLAY",
            "WAYLAND_DISPLAY",
        ):
            self.env.pop(name, None)
        if build.WINDOWS:
            # platformdirs asks Windows for the data folder, whatever the environment says: keep
            # the real user's database out of reach.
            self.env["TRAINER_DESKTOP_DB"] = str(self.home / "default.sqlite")

    # -- running -----------------------------------------------------------------------------

    def step(self, title: str, action) -> object:
        print(f"[smoke] {title}", flush=True)
        started = time.monotonic()
        try:
            return action()
        except Exception:
            self.failed += 1
            raise
        finally:
            self.timings.append((title, time.monotonic() - started))

    def run(self, *args: str | Path, program: Path | None = None) -> str:
        command = [str(program or self.program), *map(str, args)]
        result = subprocess.run(
            command, env=self.env, check=False, capture_output=True, encoding="utf-8", timeout=300
        )
        if result.returncode != 0:
            raise SmokeFailure(
                f"{' '.join(command)} exited {result.returncode}\n{result.stdout}{result.stderr}"
            )
        return result.stdout

    def window(self, *args: str) -> None:
        """Start the window, let it run GUI_SECONDS, and check it neither died nor complained."""
        command = [str(self.program), *args]
        log = self.work / "gui-stderr.txt"
        with log.open("w", encoding="utf-8") as err:
            process = subprocess.Popen(command, env=self.env, stdout=subprocess.DEVNULL, stderr=err)
            try:
                process.wait(timeout=GUI_SECONDS)
            except subprocess.TimeoutExpired:
                pass  # still running: what we want
            finally:
                ended_by_itself = process.poll() is not None
                if not ended_by_itself:
                    process.terminate()
                    try:
                        process.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        complaints = [line for line in lines if line.strip() and not HARMLESS_STDERR.match(line)]
        if ended_by_itself:
            raise SmokeFailure(
                f"{' '.join(command)} ended by itself (exit {process.returncode}) within "
                f"{GUI_SECONDS} s:\n" + "\n".join(lines)
            )
        if complaints:
            raise SmokeFailure(f"{' '.join(command)} wrote to stderr:\n" + "\n".join(complaints))

    # -- checks ------------------------------------------------------------------------------

    def expect(self, condition: bool, message: str) -> None:
        if not condition:
            raise SmokeFailure(message)

    def expect_file(self, path: Path, magic: bytes) -> bytes:
        self.expect(path.is_file(), f"{path} was not written")
        data = path.read_bytes()
        self.expect(data.startswith(magic), f"{path} does not start with {magic!r}")
        return data

    def install(self) -> None:
        """Unpack the tarball and run its install.sh in the throwaway home."""
        with tarfile.open(build.tarball_path()) as tar:
            tar.extractall(self.work / "unpacked", filter="tar")
        (top,) = (self.work / "unpacked").iterdir()
        subprocess.run(
            ["sh", str(top / "install.sh")],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        share = self.home / ".local" / "share"
        app = self.home / ".local" / "opt" / "trainer-desktop"
        desktop = (share / "applications" / "trainer-desktop.desktop").read_text(encoding="utf-8")
        self.expect(
            f'Exec="{app}/trainer-desktop" %f' in desktop,
            "the menu entry does not start the installed program",
        )
        for path in (
            share / "icons" / "hicolor" / "256x256" / "apps" / "trainer-desktop.png",
            share / "icons" / "hicolor" / "scalable" / "apps" / "trainer-desktop.svg",
            share / "mime" / "packages" / "trainer-desktop.xml",
            app / "uninstall.sh",
        ):
            self.expect(path.is_file(), f"install.sh did not write {path}")
        if shutil.which("desktop-file-validate"):
            self.run(
                share / "applications" / "trainer-desktop.desktop",
                program=Path(shutil.which("desktop-file-validate")),
            )
        self.program = self.home / ".local" / "bin" / "trainer-desktop"  # the link to it
        self.unpacked = top

    def uninstall(self) -> None:
        app = self.home / ".local" / "opt" / "trainer-desktop"
        subprocess.run(
            ["sh", str(app / "uninstall.sh")],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        share = self.home / ".local" / "share"
        self.expect(not app.exists(), "uninstall.sh left the program")
        self.expect(
            not (share / "applications" / "trainer-desktop.desktop").exists(),
            "uninstall.sh left the menu entry",
        )
        self.expect(
            not (self.home / ".local" / "bin" / "trainer-desktop").exists(),
            "uninstall.sh left the command",
        )
        self.expect(self.default_database().is_file(), "uninstall.sh removed the user's data")

    def default_database(self) -> Path:
        if build.WINDOWS:
            return Path(self.env["TRAINER_DESKTOP_DB"])
        return self.home / ".local" / "share" / "TrainerDesktop" / "trainer-desktop.sqlite"

    def cli(self, title: str, *args: str | Path) -> str:
        """Run the frozen program with ``args`` as one timed step; returns what it printed."""
        return self.step(title, lambda: self.run(*args))

    def commands(self) -> None:
        w = self.work
        demo = w / "demo.sqlite"
        if build.WINDOWS:
            windowed = build.APP / "TrainerDesktop.exe"
            self.expect(windowed.is_file(), f"{windowed} is missing")
        out = self.cli("--version", "--version")
        self.expect(build.version() in out, f"--version printed {out!r}")

        self.cli("demo --db demo.sqlite", "demo", "--db", demo)
        sessions = json.loads(self.cli("sessions list", "sessions", "list", "--db", demo, "--json"))
        self.expect(len(sessions) >= 5, f"the demo database has {len(sessions)} sessions")
        session = sessions[0]["id"]

        bundle = w / "x.tdbundle"
        self.cli("bundle export", "bundle", "export", "--db", demo, "--out", bundle)
        self.expect(bundle.is_file() and bundle.stat().st_size > 10_000, "no bundle, or empty")
        self.cli("bundle inspect", "bundle", "inspect", bundle)
        copy = w / "copy.sqlite"
        self.cli("bundle import into a new database", "bundle", "import", "--db", copy, bundle)
        copied = json.loads(self.run("sessions", "list", "--db", copy, "--json"))
        self.expect(len(copied) == len(sessions), "the imported copy lacks sessions")

        # Fonts, Babel's locale data, reportlab and openpyxl inside the build.
        report = ("report", "participants", "--db", demo, "--session", session)
        pdf, pdf_ar, workbook = w / "list.pdf", w / "list-ar.pdf", w / "workbook.xlsx"
        self.cli("report participants (PDF, French)", *report, "--out", pdf)
        self.expect(b"DejaVuSans" in self.expect_file(pdf, b"%PDF"), "the PDF lacks DejaVu Sans")
        self.cli("report participants (PDF, Arabic)", *report, "--out", pdf_ar, "--language", "ar")
        self.expect_file(pdf_ar, b"%PDF")
        self.cli("report workbook (Excel)", *report[:1], "workbook", *report[2:], "--out", workbook)
        self.expect_file(workbook, b"PK")

        help_ar = self.cli("--lang ar --help", "--lang", "ar", "--help")
        self.expect(len(ARABIC_LETTER.findall(help_ar)) > 50, "the Arabic catalog is missing")

        self.step(f"window, no command, default database ({GUI_SECONDS} s)", self.window)
        database = self.default_database()
        self.expect(database.is_file(), f"the window did not create {database}")
        self.step(
            f"window in Arabic on the demo ({GUI_SECONDS} s)",
            lambda: self.window("gui", "--lang", "ar", "--db", str(demo)),
        )

    def report(self) -> None:
        print("[smoke] timings:")
        for title, seconds in self.timings:
            print(f"[smoke]   {seconds:6.1f} s  {title}")
        print(f"smoke: {len(self.timings) - self.failed} passed, {self.failed} failed")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="test the existing build in dist/")
    parser.add_argument("--clean", action="store_true", help="build without PyInstaller's cache")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if not args.reuse:
        build.build(clean=args.clean)
    elif not build.program().exists():
        print("[smoke] no build in dist/: run python3 dev.py package first", file=sys.stderr)
        return 1
    built = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="trainer-desktop-smoke-") as tmp:
        smoke = Smoke(Path(tmp))
        try:
            if build.LINUX:
                smoke.step("unpack the tarball, install.sh", smoke.install)
            smoke.commands()
            if build.LINUX:
                smoke.step("uninstall.sh keeps the data", smoke.uninstall)
        except (SmokeFailure, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            detail = getattr(exc, "stderr", None) or ""
            print(f"[smoke] FAILED: {exc}\n{detail}", file=sys.stderr, flush=True)
            smoke.report()
            return 1
    build.report_size()
    if not args.reuse:
        print(f"[smoke] build {built - started:.0f} s, smoke test {time.monotonic() - built:.0f} s")
    smoke.report()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
