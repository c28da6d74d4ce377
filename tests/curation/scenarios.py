"""A realistic small newsroom scenario for admin and browser tests: one wire story, two people
quoted, one of them also filed under a duplicate record."""

from dataclasses import dataclass

from entities.models import Organisation, Person, Role
from sources.models import Mention, Source, Statement
from tests.factories import (
    MentionFactory,
    OrganisationFactory,
    PersonFactory,
    RoleFactory,
    SourceFactory,
    StatementFactory,
)

STORY = (
    "CARACAS, 14 March (Reuters) - Venezuela's defence minister Vladimir Padrino López said on "
    "Monday that the armed forces had been placed on maximum alert after a strike off the "
    "coast.\n\n"
    '"We will defend every inch of our territory," Padrino López told state television.\n\n'
    "Vice President Delcy Rodríguez said the government would ask the United Nations to "
    'investigate. "This was an act of aggression against a sovereign nation," Rodríguez said.'
)


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """The [start, end) of the nth occurrence of `phrase` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


@dataclass
class Story:
    source: Source
    minister: Person
    duplicate: Person  # "Padrino López": the same man, filed twice
    vice_president: Person
    reuters: Organisation
    united_nations: Organisation
    ministry: Organisation
    alert: Statement  # by the minister, indirect
    defend: Statement  # by the duplicate, direct
    investigate: Statement  # by the vice president, about the UN
    aggression: Statement  # by the vice president, direct
    roles: list[Role]
    mentions: list[Mention]


def statement(source, phrase, speaker, kind="direct", **extra):
    start, end = span(source.text, phrase)
    return StatementFactory(
        source=source,
        text=phrase,
        speaker_person=speaker,
        kind=kind,
        span_start=start,
        span_end=end,
        cue="said",
        **extra,
    )


def mention(source, phrase, nth=0, **entity):
    start, end = span(source.text, phrase, nth)
    entity = {"person": None, "organisation": None, "operation": None, **entity}
    label = "PERSON" if entity["person"] else "ORG"
    return MentionFactory(
        source=source, text=phrase, span_start=start, span_end=end, label=label, **entity
    )


def build_story() -> Story:
    reuters = OrganisationFactory(name="Reuters", kind=Organisation.Kind.NEWS_OUTLET)
    united_nations = OrganisationFactory(
        name="United Nations", kind=Organisation.Kind.INTERNATIONAL, aliases=["UN"]
    )
    ministry = OrganisationFactory(
        name="Ministry of Defence of Venezuela", kind=Organisation.Kind.GOVERNMENT
    )
    source = SourceFactory(
        title="Venezuela puts armed forces on alert after strike",
        text=STORY,
        publisher=reuters,
        url="https://example.org/venezuela-alert",
    )
    minister = PersonFactory(
        name="Vladimir Padrino López", country="Venezuela", aliases=["Vladimir Padrino"]
    )
    duplicate = PersonFactory(name="Padrino López", country="Venezuela")
    vice_president = PersonFactory(name="Delcy Rodríguez", country="Venezuela")
    alert = statement(
        source,
        "the armed forces had been placed on maximum alert after a strike off the coast",
        minister,
        kind=Statement.Kind.INDIRECT,
    )
    defend = statement(source, "We will defend every inch of our territory", duplicate)
    investigate = statement(
        source,
        "the government would ask the United Nations to investigate",
        vice_president,
        kind=Statement.Kind.INDIRECT,
    )
    investigate.about_organisations.add(united_nations)
    aggression = statement(
        source, "This was an act of aggression against a sovereign nation", vice_president
    )
    aggression.about_people.add(duplicate)
    roles = [
        RoleFactory(person=minister, organisation=ministry, title="Defence minister"),
        # The same role, filed under the duplicate: it stays behind when the two are merged.
        RoleFactory(person=duplicate, organisation=ministry, title="Defence minister"),
        RoleFactory(person=duplicate, organisation=None, title="General"),
    ]
    mentions = [
        mention(source, "Reuters", organisation=reuters),
        mention(source, "Vladimir Padrino López", person=minister),
        mention(source, "Padrino López", nth=1, person=duplicate),
        mention(source, "Delcy Rodríguez", person=vice_president),
        mention(source, "United Nations", organisation=united_nations),
        mention(source, "Rodríguez", nth=1, person=vice_president),
    ]
    return Story(
        source=source,
        minister=minister,
        duplicate=duplicate,
        vice_president=vice_president,
        reuters=reuters,
        united_nations=united_nations,
        ministry=ministry,
        alert=alert,
        defend=defend,
        investigate=investigate,
        aggression=aggression,
        roles=roles,
        mentions=mentions,
    )
