"""Roles as the text states them (roles.py), on texts of our own."""

import pytest

from sources.ingest.extract import extract
from sources.ingest.textnorm import fold_text


def roles(nlp, text):
    folded = fold_text(text)
    ex = extract(nlp(folded.text), folded, text, published=None)
    return {
        (r.person.name, r.title, r.organisation.name if r.organisation else None) for r in ex.roles
    }


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Secretary of the Navy Arthur Lemke visited the shipyard on Friday.",
            ("Arthur Lemke", "Secretary of the Navy", None),
        ),
        (
            "Special Agent in Charge Daniel Brooks announced the arrests.",
            ("Daniel Brooks", "Special Agent in Charge", None),
        ),
        (
            "Under Secretary of the Interior Mark Osei toured the park.",
            ("Mark Osei", "Under Secretary of the Interior", None),
        ),
        (
            "Sgt. Paul Mensah led the patrol through the valley.",
            ("Paul Mensah", "Sgt.", None),
        ),
    ],
)
def test_an_office_written_before_a_name_is_a_role(nlp, text, role):
    assert role in roles(nlp, text)


def test_a_title_is_not_part_of_the_name(nlp):
    text = "Secretary of Defense Lloyd K. Marsh met the delegation in the afternoon."
    names = {person for person, _, _ in roles(nlp, text)}
    assert names == {"Lloyd K. Marsh"}
