# Replaces PyInstaller's own hook for this module (hooks in `hookspath` come first): the same
# collection, less the Qt plugins and translations packaging/contents.py drops. Filtering here,
# before PyInstaller looks for the libraries the plugins need, keeps those libraries out too.
import importlib.util
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

_spec = importlib.util.spec_from_file_location(
    "trainer_desktop_packaging_contents", Path(__file__).resolve().parent.parent / "contents.py"
)
contents = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(contents)

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = contents.filter_hook_files(binaries)
datas = contents.filter_hook_files(datas)
