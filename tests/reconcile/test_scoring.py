"""Name matching without a database: which kind of match a query makes, and its score."""

import pytest

from core.names import name_key
from reconcile.scoring import QueryName, initials, match_names, surname_keys


def match(query: str, name: str, aliases=(), person=True):
    return match_names(
        QueryName.of(query),
        name=name_key(name),
        aliases=[name_key(a) for a in aliases],
        person=person,
    )


@pytest.mark.parametrize(
    ("query", "name", "aliases", "person", "score", "exact"),
    [
        ("Joaquín Ibáñez Soler", "Joaquín Ibáñez Soler", [], True, 100, True),
        ("joaquin ibanez soler", "Joaquín Ibáñez Soler", [], True, 100, True),
        ("Dr. Joaquin Ibanez Soler", "Joaquín Ibáñez Soler", [], True, 100, True),
        ("Quino Ibanez", "Joaquín Ibáñez Soler", ["Quino Ibáñez"], True, 95, True),
        ("NMPA", "National Maritime Patrol Agency", [], False, 90, False),
        ("N.M.P.A.", "National Maritime Patrol Agency", [], False, 90, False),
        ("CID", "Coastal Intelligence Directorate", ["C.I.D."], False, 95, True),
        ("Soler", "Joaquín Ibáñez Soler", [], True, 80, False),
        ("Ibanez Soler", "Joaquín Ibáñez Soler", [], True, 80, False),
        ("de Vries", "Piet de Vries", [], True, 80, False),
    ],
)
def test_kinds_of_match_score_as_documented(query, name, aliases, person, score, exact):
    found = match(query, name, aliases, person)
    assert (found.score, found.exact) == (score, exact)


def test_a_misspelt_name_is_a_partial_match_below_every_exact_kind():
    found = match("Joaquim Ibanes Soler", "Joaquín Ibáñez Soler")
    assert 35 <= found.score <= 70
    assert not found.exact
    assert 0.9 < found.features["name"] < 1


def test_an_unrelated_name_is_no_candidate():
    assert match("Harbour", "Joaquín Ibáñez Soler") is None


def test_a_short_acronym_never_matches_fuzzily():
    assert match("NMPB", "National Maritime Patrol Agency", ["NMPA"], person=False) is None


def test_an_organisation_is_never_matched_by_surname():
    found = match("Soler", "Soler Ibáñez Holdings", person=False)
    assert not found.features["surname"]


def test_features_name_each_kind_of_evidence():
    found = match("Quino Ibanez", "Joaquín Ibáñez Soler", ["Quino Ibáñez"])
    assert found.features == {
        "name": pytest.approx(found.features["name"]),
        "alias": 1.0,
        "acronym": False,
        "surname": False,
    }


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("paul r hendricks jr", {"hendricks"}),
        ("ana maria garcia lopez", {"lopez", "garcia lopez"}),
        ("piet de vries", {"vries", "de vries"}),
        ("madonna", set()),
    ],
)
def test_surname_keys(key, expected):
    assert surname_keys(key) == expected


def test_initials_skip_linking_words():
    assert initials("bureau of the interior") == "bi"
