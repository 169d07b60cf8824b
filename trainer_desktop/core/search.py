"""Finding people and sessions as you type: case-, accent- and word-order-insensitive.

"Sidibe" finds "Sidibé", "traore awa" finds "Awa TRAORÉ". Arabic is folded the way Arabic
search engines do: the short-vowel marks (harakat) and the tatweel that stretches a word are
ignored, the forms of alef with hamza or madda (أ إ آ ٱ) are alef, alef maqsura (ى) is ya, and
ta marbuta (ة) is ha — the spellings a trainer typing fast on a French keyboard's Arabic layout
mixes up. "فاطمة" finds "فاطِمَه" and "أحمد" finds "احمد".
"""

from __future__ import annotations

import unicodedata

#: Arabic letters written in several ways, and the one they are compared as.
_ARABIC_VARIANTS = str.maketrans({
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ -> ا
    "\u0649": "\u064a",  # ى -> ي
    "\u0629": "\u0647",  # ة -> ه
    "\u0640": None,  # tatweel (kashida): only stretches the word
})  # fmt: skip


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents and other combining marks (Arabic harakat too);
    Arabic letter variants compared as one."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(_ARABIC_VARIANTS)


def matches(query: str, *fields: str) -> bool:
    """True if every word of ``query`` appears (folded) in one of ``fields``."""
    words = fold(query).split()
    haystack = " ".join(fold(f or "") for f in fields)
    return all(word in haystack for word in words)
