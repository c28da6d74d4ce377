"""A small corpus of our own whose timeline, records and co-occurrences are known by hand.

Verified unless named otherwise: Ana Ruiz and Omar Haddad speak about Operation Tidewater;
Secret Person (pending) and the Hidden Office (pending) must never reach anonymous clients,
nor a pending statement, nor a verified statement by Secret Person.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

import pytest

from tests.factories import (
    MentionFactory,
    OperationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    RoleFactory,
    SourceFactory,
    StatementFactory,
)

V, P = "verified", "pending"
PORT = (
    "Ana Ruiz said the raid on the port was lawful. Omar Haddad denied it, and the Coastal "
    "Guard sided with Omar Haddad. Operation Tidewater ended on Monday."
)
MEETING = "Secret Person met Ana Ruiz after Operation Tidewater. Later, Ana Ruiz spoke again."
ARCHIVE = "An undated note on Operation Tidewater."


@dataclass
class Corpus:
    ana: object
    omar: object
    secret: object
    guard: object
    press: object
    hidden_office: object
    tidewater: object
    north: object
    hidden_sub: object
    port: object
    meeting: object
    archive: object
    lawful: object
    denied: object
    changed: object
    pending: object
    by_secret: object
    about_office: object
    participation: object


def source(title, text, published):
    return SourceFactory(
        title=title,
        text=text,
        published=published,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


def span(text: str, part: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return {"span_start": start, "span_end": start + len(part)}


def mention(src, entity_field, entity, part, nth=0):
    entities = {"person": None, entity_field: entity}
    return MentionFactory(source=src, **entities, text=part, **span(src.text, part, nth))


def statement(src, speaker, text_part, *, status=V, said_on=None, about=(), **extra):
    field = "speaker_person" if speaker.__class__.__name__ == "Person" else "speaker_organisation"
    speakers = {"speaker_person": None, field: speaker}
    made = StatementFactory(
        source=src,
        **speakers,
        text=text_part,
        said_on=said_on,
        review_status=status,
        **span(src.text, text_part),
        **extra,
    )
    for record in about:
        relation = {
            "Person": made.about_people,
            "Organisation": made.about_organisations,
            "Operation": made.operations,
        }[record.__class__.__name__]
        relation.add(record)
    return made


def build_corpus() -> Corpus:
    ana = PersonFactory(name="Ana Ruiz", review_status=V)
    omar = PersonFactory(name="Omar Haddad", review_status=V)
    secret = PersonFactory(name="Secret Person", review_status=P)
    guard = OrganisationFactory(name="Coastal Guard", review_status=V)
    press = OrganisationFactory(name="Harbour Press", review_status=V, kind="news_outlet")
    hidden_office = OrganisationFactory(name="Hidden Office", review_status=P)
    tidewater = OperationFactory(
        name="Operation Tidewater",
        review_status=V,
        start_date=date(2026, 1, 3),
        end_date=date(2026, 1, 5),
    )
    north = OperationFactory(
        name="Tidewater North", review_status=V, parent=tidewater, start_date=date(2026, 1, 4)
    )
    hidden_sub = OperationFactory(name="Tidewater Shadow", review_status=P, parent=tidewater)
    port = source("Raid on the port", PORT, date(2026, 1, 6))
    meeting = source("A meeting", MEETING, date(2026, 1, 10))
    archive = source("Archive note", ARCHIVE, None)
    mention(port, "person", ana, "Ana Ruiz")
    mention(port, "person", omar, "Omar Haddad")
    mention(port, "organisation", guard, "Coastal Guard")
    mention(port, "person", omar, "Omar Haddad", nth=1)
    mention(port, "operation", tidewater, "Operation Tidewater")
    mention(meeting, "person", secret, "Secret Person")
    mention(meeting, "person", ana, "Ana Ruiz")
    mention(meeting, "operation", tidewater, "Operation Tidewater")
    mention(meeting, "person", ana, "Ana Ruiz", nth=1)
    mention(archive, "operation", tidewater, "Operation Tidewater")
    lawful = statement(
        port,
        ana,
        "the raid on the port was lawful",
        said_on=date(2026, 1, 3),
        about=[tidewater, omar],
        reported_by=press,
    )
    denied = statement(port, omar, "denied it", about=[tidewater, ana])
    changed = statement(
        meeting,
        ana,
        "spoke again",
        said_on=date(2026, 1, 9),
        about=[tidewater],
        reported_by=hidden_office,
    )
    pending = statement(meeting, ana, "met Ana Ruiz", status=P, about=[tidewater, omar])
    by_secret = statement(meeting, secret, "Secret Person met", about=[tidewater, ana])
    about_office = statement(
        archive, ana, "An undated note", said_on=date(2026, 2, 1), about=[hidden_office]
    )
    participation = ParticipationFactory(
        operation=tidewater, organisation=guard, part="carried_out", source=port, review_status=V
    )
    RoleFactory(
        person=ana,
        organisation=guard,
        title="Minister",
        start_date=date(2025, 6, 1),
        review_status=V,
    )
    RoleFactory(person=ana, organisation=hidden_office, title="Adviser", review_status=V)
    return Corpus(
        ana=ana,
        omar=omar,
        secret=secret,
        guard=guard,
        press=press,
        hidden_office=hidden_office,
        tidewater=tidewater,
        north=north,
        hidden_sub=hidden_sub,
        port=port,
        meeting=meeting,
        archive=archive,
        lawful=lawful,
        denied=denied,
        changed=changed,
        pending=pending,
        by_secret=by_secret,
        about_office=about_office,
        participation=participation,
    )


@pytest.fixture
def corpus(db) -> Corpus:
    return build_corpus()


@pytest.fixture
def viewer_client(api_client, viewer):
    api_client.force_authenticate(viewer)
    return api_client
