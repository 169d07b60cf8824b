"""What goes into the frozen build, in one place: the spec applies it, a test checks it.

PyInstaller's hooks collect every Qt plugin, Qt translation and Babel locale a module *may*
need; the application needs few of them. The rules below keep what it uses and drop the rest
(on Linux, 262 MB down to 152 MB). Each rule says why the kept part is kept.

Paths are the destinations inside the build (``PySide6/Qt/plugins/platforms/libqxcb.so`` on
Linux, ``PySide6/plugins/platforms/qwindows.dll`` on Windows), compared with ``/`` separators.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePath

#: Files read at run time from beside the code (``Path(__file__)``-relative), as (folder under
#: the project root, glob); each goes to the same place in the build.
DATA_FILES = [
    # Compiled gettext catalogs (core/i18n.py: PACKAGE_DIR / "locale"); made by the install step.
    ("trainer_desktop/locale", "*/LC_MESSAGES/*.mo"),
    # Alembic reads env.py and the revisions as files, not from the archive (core/database.py).
    ("trainer_desktop/core/migrations", "*.py"),
    ("trainer_desktop/core/migrations", "*.mako"),
    ("trainer_desktop/core/migrations/versions", "*.py"),
    # DejaVu Sans embedded in every PDF (reports/fonts.py), with its licence.
    ("trainer_desktop/resources/fonts", "*"),
    # The application icon (window icon, .desktop file, Windows .ico).
    ("trainer_desktop/resources/icons", "*"),
]

#: Languages of the interface: Qt's own texts (OK, Cancel...) come from qtbase_<lang>.qm.
LANGUAGES = ("fr", "en", "ar")

#: CLDR data Babel loads for the locales of core/i18n.py (_LOCALES) and their parents.
BABEL_LOCALES = ("root", "fr", "fr_ML", "fr_MA", "en", "ar", "ar_MA")

#: Qt plugins kept, by plugin folder; None keeps the whole folder. File names are compared
#: without ``lib`` and the extension (``libqxcb.so`` and ``qxcb.dll`` are both ``qxcb``).
QT_PLUGINS: dict[str, frozenset[str] | None] = {
    # X11 (also under Wayland, through XWayland), Windows, and offscreen for tests and CI.
    "platforms": frozenset({"qxcb", "qwindows", "qoffscreen"}),
    # Native file dialogs through the desktop portal (DBus). Not qgtk3: it would load the
    # system's GTK against the cairo, pango and glib copied into the build from the build machine.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Dead keys and input methods: typing accents (é, ç) and Arabic.
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    # The organisation logo (PNG is built into Qt; JPEG is a plugin), the SVG icon, .ico.
    "imageformats": frozenset({"qjpeg", "qsvg", "qico"}),
    "iconengines": frozenset({"qsvgicon"}),
    # OpenGL under X11, which Qt probes at start-up even for widgets.
    "xcbglintegrations": None,
    # Windows 11 look (qmodernwindowsstyle).
    "styles": None,
}

#: Qt libraries only the dropped plugins and unused modules pull in (the app imports QtCore,
#: QtGui and QtWidgets alone: ``grep -rn "from PySide6" trainer_desktop``).
_UNUSED_QT_LIBRARIES = re.compile(
    r"(lib)?Qt6(Qml|Quick|Pdf|Network|Wayland|WlShell|VirtualKeyboard|EglFs|OpenGLWidgets|"
    r"Designer|Help|Sql|Test|Xml|Concurrent|UiTools)",
    re.IGNORECASE,
)
#: Windows: Qt's software OpenGL and Direct3D shader compiler (25 MB), for OpenGL and Qt Quick;
#: widgets paint without them.
_UNUSED_WINDOWS_LIBRARIES = re.compile(r"(opengl32sw|d3dcompiler_\d+)\.dll", re.IGNORECASE)

#: Python modules that come along with the development environment or a library's optional
#: extras, never used frozen.
EXCLUDED_MODULES = [
    "tkinter",
    "setuptools",
    "pkg_resources",
    "distutils",
    "_distutils_hack",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "pypdf",
    "pygments",
    "IPython",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtPdf",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    # Pillow reads the organisation logo (PNG, JPEG) for reportlab; not AVIF, WebP, colour
    # management or other toolkits' images (AVIF alone is 5 MB of library).
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
]

#: Optional modules, collected when installed: Arabic shaping in PDFs.
OPTIONAL_PACKAGES = ("arabic_reshaper", "bidi")


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) for every file of :data:`DATA_FILES`."""
    pairs = []
    for folder, pattern in DATA_FILES:
        for path in sorted((root / folder).glob(pattern)):
            if path.is_file():
                destination = PurePath(folder, path.relative_to(root / folder).parent)
                pairs.append((str(path), destination.as_posix()))
    return pairs


def _stem(name: str) -> str:
    return name.split(".")[0].removeprefix("lib")


def keep(destination: str) -> bool:
    """Whether the file at ``destination`` (inside the build) belongs in the build."""
    parts = PurePath(destination.replace("\\", "/")).parts
    name = parts[-1]
    if _UNUSED_QT_LIBRARIES.match(name) or _UNUSED_WINDOWS_LIBRARIES.fullmatch(name):
        return False
    if parts[0] == "babel" and "locale-data" in parts:
        return name.removesuffix(".dat") in BABEL_LOCALES
    if parts[0] != "PySide6":
        return True
    folders = parts[1:-1]
    if "plugins" in folders:
        folder = folders[folders.index("plugins") + 1]
        wanted = QT_PLUGINS.get(folder, frozenset())
        return wanted is None or _stem(name) in wanted
    if "translations" in folders:
        return name in {f"qtbase_{language}.qm" for language in LANGUAGES}
    return "qml" not in folders


def filter_hook_files(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A hook's (source file, destination folder) pairs without what :func:`keep` drops."""
    return [
        (source, folder)
        for source, folder in pairs
        if keep(posixpath.join(folder.replace("\\", "/"), PurePath(source).name))
    ]


def filter_toc(toc: list[tuple]) -> list[tuple]:
    """``toc`` (PyInstaller's (destination, source, kind) entries) without what :func:`keep`
    drops, nor links to it."""
    kept = []
    for destination, source, kind in toc:
        if not keep(destination):
            continue
        if kind == "SYMLINK":  # source is the target, relative to the link's folder
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(destination.replace("\\", "/")), source)
            )
            if not keep(target):
                continue
        kept.append((destination, source, kind))
    return kept
