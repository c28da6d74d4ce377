"""The place-name index read back from its file answers as rigour's own lookup does."""

import json

import pytest
from rigour.territories import lookup_territory

from sources.ingest import places


@pytest.fixture
def cache_dir(tmp_path, settings):
    settings.INGEST_CACHE_DIR = tmp_path / "cache"
    places.territory_names.cache_clear()
    places.territory.cache_clear()
    yield settings.INGEST_CACHE_DIR
    places.territory_names.cache_clear()
    places.territory.cache_clear()


def rigour_answer(text: str, countries_only: bool = False) -> str:
    found = lookup_territory(text.strip())
    if found is None or not (found.is_country or (found.is_jurisdiction and not countries_only)):
        return ""
    return found.code


NAMES = [
    "France",
    "USA",
    "us",
    "Q30",
    "Texas",
    "Bavaria",
    "Côte d'Ivoire",
    "Burma",
    "Paris",
    "Eastern",
    "Ministry",
    " Mexico ",
]


def test_the_index_is_written_once_and_read_back_with_the_same_answers(cache_dir):
    built = [places.territory(n) for n in NAMES] + [
        places.territory(n, countries_only=True) for n in NAMES
    ]
    (written,) = cache_dir.iterdir()
    assert json.loads(written.read_text())["france"] == "fr"

    places.territory_names.cache_clear()
    places.territory.cache_clear()
    read_back = [places.territory(n) for n in NAMES] + [
        places.territory(n, countries_only=True) for n in NAMES
    ]
    expected = [rigour_answer(n) for n in NAMES] + [rigour_answer(n, True) for n in NAMES]
    assert built == read_back == expected
    assert places.territory("Texas") and not places.territory("Texas", countries_only=True)


def test_a_damaged_index_file_is_built_again(cache_dir):
    places.territory("France")
    (written,) = cache_dir.iterdir()
    written.write_text('{"fran')
    places.territory_names.cache_clear()
    places.territory.cache_clear()

    assert places.territory("France") == "fr"
    assert json.loads(written.read_text())["france"] == "fr"


def test_a_folder_that_cannot_be_written_only_costs_the_rebuild(cache_dir):
    cache_dir.write_text("a file where the folder should be")  # root ignores permissions

    assert places.territory("Germany") == "de"
    assert cache_dir.read_text() == "a file where the folder should be"
    assert list(cache_dir.parent.iterdir()) == [cache_dir]  # no temporary file left behind
