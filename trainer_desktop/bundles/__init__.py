"""Bundles: one file that carries records between laptops, signed, optionally encrypted.

The file suffix is here, away from the modules that read and write bundles, so the command line
can recognise a bundle (a double-click) without loading them."""

from pathlib import Path

SUFFIX = ".tdbundle"


def is_bundle_file(path: Path) -> bool:
    return path.suffix.casefold() == SUFFIX
