"""The installer build's list of contents (packaging/contents.py) against the source tree: what the
application reads at run time is in it, what it imports is not excluded. Builds nothing: the
build itself is checked by packaging/smoke_test.py (`python3 dev.py package --smoke`)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from PIL import Image

from trainer_desktop.core import i18n

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "trainer_desktop"
ICONS = PACKAGE / "resources" / "icons"


def _load_contents():
    # By path: packaging/ is no Python package (and `packaging` is a library's name).
    spec = importlib.util.spec_from_file_location(
        "trainer_desktop_packaging_contents", ROOT / "packaging" / "contents.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contents = _load_contents()


def _destinations() -> set[str]:
    return {f"{folder}/{Path(source).name}" for source, folder in contents.data_files(ROOT)}


def test_every_file_read_beside_the_code_goes_into_the_build():
    built = _destinations()
    migrations = PACKAGE / "core" / "migrations"
    needed = [
        migrations / "env.py",
        migrations / "script.py.mako",
        *(migrations / "versions").glob("*.py"),
        *(PACKAGE / "resources" / "fonts").glob("*.ttf"),
        *ICONS.glob("trainer-desktop*"),
    ]
    assert len(needed) > 10
    missing = [
        p.relative_to(ROOT).as_posix()
        for p in needed
        if p.relative_to(ROOT).as_posix() not in built
    ]
    assert missing == []


def test_compiled_catalogs_go_into_the_build_for_every_language():
    compiled = PACKAGE / "locale"
    if not compiled.is_dir():
        pytest.skip("catalogs not compiled (python3 i18n/catalogs.py compile)")
    built = _destinations()
    for language in i18n.LANGUAGES:
        assert f"trainer_desktop/locale/{language}/LC_MESSAGES/trainer_desktop.mo" in built


def test_babel_data_covers_every_locale_the_app_formats_in():
    locales = {
        i18n.locale_for(language, country)
        for language in i18n.LANGUAGES
        for country in i18n.COUNTRIES
    }
    needed = {"root"} | locales | {locale.split("_")[0] for locale in locales}
    assert needed <= set(contents.BABEL_LOCALES)
    assert contents.keep("babel/locale-data/fr_ML.dat")
    assert contents.keep("babel/global.dat")
    assert not contents.keep("babel/locale-data/de.dat")


def test_qt_translations_kept_are_those_of_the_interface_languages():
    assert set(contents.LANGUAGES) == set(i18n.LANGUAGES)
    for language in i18n.LANGUAGES:
        assert contents.keep(f"PySide6/Qt/translations/qtbase_{language}.qm")  # Linux
        assert contents.keep(f"PySide6/translations/qtbase_{language}.qm")  # Windows
    assert not contents.keep("PySide6/Qt/translations/qtbase_de.qm")
    assert not contents.keep("PySide6/Qt/translations/qtdeclarative_fr.qm")


def test_qt_plugins_kept_and_dropped():
    kept = [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
    ]
    dropped = [
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "libQt6Network.so.6",
        "PySide6/opengl32sw.dll",
    ]
    assert [p for p in kept if not contents.keep(p)] == []
    assert [p for p in dropped if contents.keep(p)] == []


def test_a_link_to_a_dropped_library_is_dropped():
    toc = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6", "SYMLINK"),
    ]
    assert [entry[0] for entry in contents.filter_toc(toc)] == ["libQt6Core.so.6"]


_IMPORT = re.compile(r"^\s*(?:from|import) (PySide6\.\w+|PIL\.\w+)", re.MULTILINE)


def test_no_module_the_application_imports_is_excluded():
    imported = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        imported |= set(_IMPORT.findall(text))
    assert "PySide6.QtWidgets" in imported  # the scan sees imports
    assert imported & set(contents.EXCLUDED_MODULES) == set()


def test_icon_in_every_size():
    assert (ICONS / "trainer-desktop.svg").read_text(encoding="utf-8").startswith("<svg")
    for size in (16, 24, 32, 48, 64, 128, 256):
        with Image.open(ICONS / f"trainer-desktop-{size}.png") as image:
            assert image.size == (size, size)
    with Image.open(ICONS / "trainer-desktop.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
