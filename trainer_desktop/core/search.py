"""Finding people and sessions as you type: case-, accent- and word-order-insensitive.

"Sidibe" finds "Sidibé", "traore awa" finds "Awa TRAORÉ". Arabic diacritics (harakat) are
ignored the same way (issue 8 extends this).
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents and other combining marks."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def matches(query: str, *fields: str) -> bool:
    """True if every word of ``query`` appears (folded) in one of ``fields``."""
    words = fold(query).split()
    haystack = " ".join(fold(f or "") for f in fields)
    return all(word in haystack for word in words)
