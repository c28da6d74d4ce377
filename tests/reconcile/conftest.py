"""Records of our own to reconcile against: verified people, organisations and an operation
with roles and a participation, plus a pending and a rejected person."""

from dataclasses import dataclass

import pytest

from tests.factories import (
    ParticipationFactory,
    PersonFactory,
    RoleFactory,
    VerifiedOperationFactory,
    VerifiedOrganisationFactory,
    VerifiedPersonFactory,
)

VERIFIED = "verified"


@dataclass
class Directory:
    director: object
    namesake: object
    agency: object
    directorate: object
    operation: object
    pending: object
    rejected: object


@pytest.fixture
def directory(db) -> Directory:
    director = VerifiedPersonFactory(
        name="Joaquín Ibáñez Soler", aliases=["Quino Ibáñez"], country="Spain"
    )
    agency = VerifiedOrganisationFactory(name="National Maritime Patrol Agency", kind="military")
    directorate = VerifiedOrganisationFactory(
        name="Coastal Intelligence Directorate", aliases=["CID"], kind="intelligence"
    )
    operation = VerifiedOperationFactory(
        name="Operation Silent Harbour", kind="raid", start_date="2031-03-04"
    )
    RoleFactory(person=director, organisation=agency, title="Director", review_status=VERIFIED)
    RoleFactory(person=director, organisation=directorate, title="Adviser")  # pending
    ParticipationFactory(operation=operation, organisation=agency, review_status=VERIFIED)
    return Directory(
        director=director,
        namesake=VerifiedPersonFactory(name="Lidia Soler"),
        agency=agency,
        directorate=directorate,
        operation=operation,
        pending=PersonFactory(name="Ottavio Bernasconi"),
        rejected=PersonFactory(name="Ottavio Bernasconi Rossi", review_status="rejected"),
    )
