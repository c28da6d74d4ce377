"""Name folding: the key under which two spellings of one name meet.

"José Martí", "JOSE  MARTI" and "Jose Marti’s" all fold to "jose marti".
"""

import re
import unicodedata

from normality import normalize

_POSSESSIVE = re.compile(r"['’]s?$")


def name_key(name: str) -> str:
    """Fold accents, case, punctuation, spacing and a trailing possessive into a matching key."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    name = _POSSESSIVE.sub("", name)
    return normalize(name, lowercase=True, ascii=True) or ""


def search_text(name: str, aliases: list[str]) -> str:
    """One folded string of a name and its aliases, for accent- and case-insensitive search."""
    keys = dict.fromkeys(k for k in (name_key(n) for n in [name, *aliases]) if k)
    return " | ".join(keys)
