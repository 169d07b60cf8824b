"""Text a spreadsheet could take for a formula: OWASP's spreadsheet-injection triggers.

Every workbook the application writes keeps such text as text. Reports put a visible ``'`` in
front (OWASP's rule, which survives a copy to CSV); the XLSForm export, whose labels must reach
KoboToolbox exactly as written, marks the cell as text with Excel's own "quote prefix" flag.
"""

from __future__ import annotations

#: The triggers, and their full-width forms (an East Asian Excel reads "＝1+2" as a formula too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)
