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


# Not surnames: "Jane Roe Jr." is Roe.
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# Words that open a surname: "Piet de Vries", "Ana dos Reis".
PARTICLES = {"de", "del", "della", "di", "da", "do", "dos", "das", "du", "van", "von", "der", "den"}


def surname_forms(key: str, particles: set[str] = PARTICLES) -> list[str]:
    """How a person named `key` (folded, two words or more) is named by surname alone, the last
    word first: "paul r hendricks jr" -> hendricks; "ana maria garcia lopez" -> lopez, garcia
    lopez; "piet de vries" -> vries, de vries."""
    parts = key.split()
    while len(parts) > 2 and parts[-1] in NAME_SUFFIXES:
        parts = parts[:-1]
    found = [parts[-1]]
    particle = next((i for i, w in enumerate(parts[1:-1], 1) if w in particles), None)
    if particle:
        found.append(" ".join(parts[particle:]))
    elif len(parts) >= 3 and len(parts[-2]) > 1:
        found.append(" ".join(parts[-2:]))  # a compound surname
    return found
