"""Database rules of people, organisations and operations."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from entities.models import Person
from tests.factories import OperationFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_a_second_person_with_the_same_folded_name():
    PersonFactory(name="Nicolás Maduro")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(name="  nicolas   MADURO ")


def test_namesake_with_a_disambiguation_is_allowed():
    PersonFactory(name="David Rodríguez")
    namesake = PersonFactory(name="David Rodriguez", disambiguation="footballer")
    assert Person.objects.filter(name_key="david rodriguez").count() == 2
    assert str(namesake) == "David Rodriguez (footballer)"


def test_database_refuses_a_duplicate_organisation_name():
    OrganisationFactory(name="Central Intelligence Agency")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(name="CENTRAL intelligence agency")


def test_renamed_person_keeps_the_old_name_as_an_alias():
    person = PersonFactory(name="Tommy Pigott")
    person.name = "Thomas Pigott"
    person.save()
    person.refresh_from_db()
    assert person.aliases == ["Tommy Pigott"]
    assert Person.objects.search("tommy").get() == person


def test_aliases_are_distinct_and_never_repeat_the_name():
    person = PersonFactory(
        name="Santiago Peña", aliases=["Peña", "Pena", "Santiago Pena", " Peña "]
    )
    assert person.aliases == ["Peña"]


def test_search_ignores_accents_and_case():
    person = PersonFactory(name="Delcy Rodríguez", aliases=["Rodríguez"])
    assert list(Person.objects.search("RODRIGUEZ")) == [person]


def test_wikidata_id_must_look_like_a_q_number():
    person = PersonFactory.build(name="Someone Real", wikidata_id="42")
    with pytest.raises(ValidationError, match="Wikidata"):
        person.full_clean()


def test_database_refuses_an_operation_that_ends_before_it_starts():
    import datetime

    with pytest.raises(IntegrityError), transaction.atomic():
        OperationFactory(start_date=datetime.date(2026, 1, 3), end_date=datetime.date(2026, 1, 2))
