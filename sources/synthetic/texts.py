"""Articles composed from the world: a title, a lede, statements with their speakers' mentions
at real spans, and the rows that record them (unsaved)."""

import hashlib
import random
from dataclasses import dataclass, field
from datetime import timedelta

from sources.models import Mention, Source, Statement, statement_key
from sources.synthetic.reports import CorpusError
from sources.synthetic.vocabulary import (
    CUES,
    FILE_PREFIX,
    LEDES,
    OPENERS,
    PLACES,
    SUBJECTS,
    TAILS,
    VERBS,
    WEEKDAYS,
)
from sources.synthetic.world import Entity, World, draw_status, random_day


@dataclass
class Draft:
    """One source's unsaved rows; the statements' link ids wait for the statements' own ids."""

    source: Source
    statements: list[Statement] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # Per statement: (operation ids, person ids, organisation ids) it is about.
    links: list[tuple[list[int], list[int], list[int]]] = field(default_factory=list)


class Text:
    """A text built piece by piece, handing back the span of each piece."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def __str__(self):
        return "".join(self.parts)


def source_sizes(rng: random.Random, statements: int, sources: int) -> list[int]:
    """Statements per source: `sources` positive sizes summing to `statements`, some long."""
    cuts = sorted(rng.sample(range(1, statements), sources - 1)) if sources > 1 else []
    bounds = [0, *cuts, statements]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


def compose_source(rng: random.Random, world: World, index: int, size: int) -> Draft:
    """One article: a title, a lede naming an organisation (and an operation), `size` statements."""
    published = random_day(rng)
    place = rng.choice(PLACES)
    kind = rng.choices(Source.Kind.values, weights=(80, 8, 7, 5, 0))[0]
    publisher = world.outlets.pick()
    operation = world.operations.pick() if rng.random() < 0.3 else None
    topic = world.topics.pick()
    text = Text()
    draft = Draft(source=Source())
    title = f"{place}: {topic} dominate{'s' if not topic.endswith('s') else ''} the agenda"
    text.add(f"{title}\n\n{place.upper()} — ")
    lede_org = world.speaking_organisations.pick()
    lede = rng.choice(LEDES)
    before, _, after = lede.partition("{org}")
    text.add(before.format(place=place, weekday=rng.choice(WEEKDAYS)))
    _mention(draft, text, lede_org, "organisation", lede_org.name)
    text.add(after.format(place=place, weekday=rng.choice(WEEKDAYS)) + ". ")
    if operation:
        _mention(draft, text, operation, "operation", operation.name)
        text.add(" entered a new phase, officials said. ")
    introduced: set[tuple[str, int]] = set()
    keys: set[str] = set()
    for number in range(size):
        if number % 3 == 2:
            text.add("\n\n")
        _compose_statement(rng, world, draft, text, place, published, operation, introduced, keys)
    # The story number keeps two short generated texts from sharing a checksum.
    text.add(f"\n\n{publisher.name}, story {index}.")
    body = str(text)
    draft.source = Source(
        title=title,
        publisher_id=publisher.id,
        url=f"https://news.example.org/{published:%Y/%m}/{index}",
        published=published,
        file_name=f"{FILE_PREFIX}{published:%Y}/{index:07d}.txt",
        text=body,
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        kind=kind,
    )
    for statement in draft.statements:
        statement.reported_by_id = publisher.id if kind == Source.Kind.ARTICLE else None
    return draft


def _mention(draft: Draft, text: Text, entity: Entity, kind: str, surface: str) -> None:
    start, end = text.add(surface)
    label = {"person": "PERSON", "organisation": "ORG", "operation": "EVENT"}[kind]
    draft.mentions.append(
        Mention(
            span_start=start,
            span_end=end,
            text=surface,
            label=label,
            confidence=0.99,
            **{f"{kind}_id": entity.id},
        )
    )


def _statement_words(rng: random.Random, world: World, place: str, kind: str, keys: set[str]):
    """The statement text and an optional (kind, entity) it names; distinct within a source."""
    for _ in range(20):
        opener, verb = rng.choice(OPENERS), rng.choice(VERBS)
        tail = rng.choice(TAILS).format(place=place)
        predicate = f"{verb} {world.topics.pick()} {tail}".rstrip()
        if kind == Statement.Kind.DIRECT:
            words = f"{opener} {predicate}"
        else:
            words = f"{rng.choice(SUBJECTS)} would {predicate}"
        target = None
        draw = rng.random()
        if draw < 0.08:
            target = ("person", world.people.pick())
        elif draw < 0.13:
            target = ("organisation", world.speaking_organisations.pick())
        suffix = f', adding: "{opener} not back down."' if kind == Statement.Kind.MIXED else ""
        full = words + (f" with {target[1].name}" if target else "") + suffix
        key = statement_key(full)
        if key not in keys:
            keys.add(key)
            return words, target, suffix, full, key
    raise CorpusError("Could not compose a distinct statement.")  # pragma: no cover


def _compose_statement(rng, world, draft, text, place, published, operation, introduced, keys):
    """Write one sentence reporting a statement, with the speaker's mention, into `text`."""
    if rng.random() < 0.85:
        speaker_kind, speaker = "person", world.people.pick()
    else:
        speaker_kind, speaker = "organisation", world.speaking_organisations.pick()
    seen = (speaker_kind, speaker.id) in introduced
    introduced.add((speaker_kind, speaker.id))
    surface = speaker.short if seen else speaker.name
    cue = rng.choices([c for c, _ in CUES], weights=[w for _, w in CUES])[0]
    kind = rng.choices(Statement.Kind.values, weights=(60, 35, 5))[0]
    words, target, suffix, full, key = _statement_words(rng, world, place, kind, keys)
    if kind == Statement.Kind.DIRECT:
        text.add('"')
        start, _ = text.add(words)
    else:
        if speaker_kind == "organisation" and not seen:
            text.add("The ")
        _mention(draft, text, speaker, speaker_kind, surface)
        text.add(f" {cue} that ")
        start, _ = text.add(words)
    if target:
        text.add(" with ")
        _mention(draft, text, target[1], target[0], target[1].name)
    end = text.add(suffix)[1]
    if kind == Statement.Kind.DIRECT:
        text.add('," ')
        if speaker_kind == "organisation" and not seen:
            text.add("the ")
        _mention(draft, text, speaker, speaker_kind, surface)
        text.add(f" {cue}. ")
    else:
        text.add(". ")
    assert end - start == len(full)
    said_on = None if rng.random() < 0.01 else published - timedelta(days=rng.choice((0, 0, 1, 2)))
    draft.statements.append(
        Statement(
            text=full,
            text_key=key,
            span_start=start,
            span_end=end,
            kind=kind,
            cue=cue.split()[0],
            said_on=said_on,
            venue=f"a press conference in {place}" if rng.random() < 0.1 else "",
            review_status=draw_status(rng, 0.85),
            confidence=round(rng.uniform(0.5, 0.99), 2),
            **{f"speaker_{speaker_kind}_id": speaker.id},
        )
    )
    operations = [operation.id] if operation and rng.random() < 0.8 else []
    about = {"person": [], "organisation": []}
    if target:
        about[target[0]].append(target[1].id)
    draft.links.append((operations, about["person"], about["organisation"]))
