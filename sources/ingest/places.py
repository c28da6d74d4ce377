"""Which country, state or province a name is: rigour's territory data, read fast.

rigour builds its index of territory names by normalising some 25,000 names, which costs
about 0.9 s in every process that ingests (as much as loading spaCy's model). The finished
index depends only on rigour's data, so it is kept in a JSON file per rigour version and read
back in milliseconds; where the folder cannot be written, each process builds it again.
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import suppress
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from rigour.territories import get_territory, lookup_by_identifier
from rigour.territories.util import normalize_territory_name


def index_file() -> Path:
    return Path(settings.INGEST_CACHE_DIR) / f"territory-names-rigour-{version('rigour')}.json"


@lru_cache(maxsize=1)
def territory_names() -> dict[str, str]:
    """Normalised territory name -> territory code, as rigour's lookup_territory reads it."""
    path = index_file()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    # The same index lookup_territory builds (rigour keeps it private: this pins its shape,
    # and tests compare both lookups).
    from rigour.territories.lookup import _get_territory_names

    names = {name: found.code for name, found in _get_territory_names().items()}
    save(path, names)
    return names


def save(path: Path, names: dict[str, str]) -> None:
    """Write the index whole or not at all: processes starting together may both write it."""
    written = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False) as file:
            written = file.name
            json.dump(names, file)
        os.chmod(written, 0o644)  # every user of the deployment may read it
        os.replace(written, path)
    except OSError:  # a read-only deployment: the next process builds the index again
        if written:
            with suppress(OSError):
                os.unlink(written)


@lru_cache(maxsize=4096)
def territory(text: str, *, countries_only: bool = False) -> str:
    """The code of the country (or state, province) that `text` names, or ''."""
    text = text.strip()
    found = lookup_by_identifier(text)
    if found is None:
        code = territory_names().get(normalize_territory_name(text))
        found = get_territory(code) if code else None
    if found is None or not (found.is_country or (found.is_jurisdiction and not countries_only)):
        return ""
    return found.code
