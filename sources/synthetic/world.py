"""The generated people, organisations and operations, their roles and participations: saved
in bulk, then drawn from, a few of them most often, while texts are written."""

import random
from bisect import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from core.names import name_key, search_text
from core.review import ReviewStatus
from entities.models import Operation, Organisation, Participation, Person, Role
from sources.synthetic.vocabulary import (
    ACTING_KINDS,
    END,
    FIRST_NAMES,
    INITIALS,
    LAST_NAMES,
    MARK,
    OPERATION_WORDS,
    ORGANISATION_PATTERNS,
    PLACES,
    SPEAKING_KINDS,
    START,
    TITLES,
    TOPICS,
)


@dataclass(frozen=True)
class Entity:
    id: int
    name: str
    # The shorter form a later mention in the same text uses: a surname, an acronym.
    short: str
    kind: str = ""


class Zipf:
    """Draws items by rank, the r-th with weight 1/r**exponent: a few items come up most often.

    Ranks are shuffled unless `ranked`, when the first item is the most frequent.
    """

    def __init__(self, items, rng: random.Random, exponent: float = 1.0, *, ranked=False):
        self.items = list(items)
        if not ranked:
            rng.shuffle(self.items)
        self.cum = list(accumulate(1 / rank**exponent for rank in range(1, len(self.items) + 1)))
        self.rng = rng

    def pick(self):
        return self.items[bisect(self.cum, self.rng.random() * self.cum[-1])]


@dataclass
class World:
    """The generated entities, ready to be drawn from while writing texts."""

    people: Zipf
    speaking_organisations: Zipf
    outlets: Zipf
    operations: Zipf
    topics: Zipf


def make_world(
    rng: random.Random, statements: int, batch_size: int, report, *, save: bool = True
) -> World:
    """The entities for `statements` statements, saved (or numbered only, when not `save`)."""
    people = _make_people(rng, max(50, statements // 40), batch_size, save)
    organisations = _make_organisations(rng, max(20, statements // 200), batch_size, save)
    operations = _make_operations(rng, max(10, statements // 1000), batch_size, save)
    report.people, report.organisations, report.operations = (
        len(people),
        len(organisations),
        len(operations),
    )
    speaking = [o for o in organisations if o.kind in SPEAKING_KINDS] or organisations
    acting = [o for o in organisations if o.kind in ACTING_KINDS] or organisations
    outlets = [o for o in organisations if o.kind == Organisation.Kind.NEWS_OUTLET] or organisations
    if not save:
        return _world(rng, people, speaking, outlets, operations)
    report.roles = _make_roles(rng, people, Zipf(speaking, rng), batch_size)
    report.participations = _make_participations(rng, operations, Zipf(acting, rng), batch_size)
    criminal = [o for o in organisations if o.kind == Organisation.Kind.CRIMINAL_GROUP]
    targets = [
        Operation.target_organisations.through(operation_id=op.id, organisation_id=target.id)
        for op in operations
        if criminal and rng.random() < 0.4
        for target in [rng.choice(criminal)]
    ]
    Operation.target_organisations.through.objects.bulk_create(targets, batch_size=batch_size)
    return _world(rng, people, speaking, outlets, operations)


def _world(rng: random.Random, people, speaking, outlets, operations) -> World:
    return World(
        people=Zipf(people, rng, 1.05),
        speaking_organisations=Zipf(speaking, rng),
        outlets=Zipf(outlets, rng),
        operations=Zipf(operations, rng),
        topics=Zipf(TOPICS, rng, 1.1, ranked=True),
    )


def _unique_names(rng: random.Random, count: int, space: int, name_at) -> list[str]:
    """`count` distinct names drawn from `name_at(0..space-1)`, numbered once the space runs out."""
    names = [name_at(i) for i in rng.sample(range(space), min(count, space))]
    names += [f"{name_at(i % space)} {i // space + 1}" for i in range(space, count)]
    return names


def _person_name(index: int) -> str:
    middle, pair = divmod(index, len(FIRST_NAMES) * len(LAST_NAMES))
    last, first = divmod(pair, len(FIRST_NAMES))
    first, last = FIRST_NAMES[first], LAST_NAMES[last]
    return f"{first} {INITIALS[middle - 1]}. {last}" if middle else f"{first} {last}"


def draw_status(rng: random.Random, verified: float) -> str:
    """A review status: verified with probability `verified`, else pending or (a fifth) rejected."""
    draw = rng.random()
    if draw < verified:
        return ReviewStatus.VERIFIED
    return ReviewStatus.PENDING if draw < verified + (1 - verified) * 0.8 else ReviewStatus.REJECTED


def _create(model, rows: list, batch_size: int, save: bool) -> None:
    """Insert `rows`, or only number them (texts written to files need ids, not rows)."""
    if save:
        model.objects.bulk_create(rows, batch_size=batch_size)
    else:
        for number, row in enumerate(rows, 1):
            row.id = number


def _named(model, rng: random.Random, name: str, aliases: list[str], **fields):
    """An unsaved entity with the folded fields its save() would have filled in."""
    return model(
        name=name,
        aliases=aliases,
        name_key=name_key(name),
        search_text=search_text(name, aliases),
        disambiguation=MARK,
        review_status=draw_status(rng, 0.96),
        confidence=round(rng.uniform(0.6, 1.0), 2),
        **fields,
    )


def _make_people(rng: random.Random, count: int, batch_size: int, save) -> list[Entity]:
    pairs = len(FIRST_NAMES) * len(LAST_NAMES)
    # Plain "First Last" names while they last; middle initials only for large corpora.
    space = pairs if count <= pairs // 2 else pairs * (len(INITIALS) + 1)
    rows = []
    for name in _unique_names(rng, count, space, _person_name):
        words = name.split()
        first, last = words[0], words[-1] if not words[-1].isdigit() else words[-2]
        rows.append(
            _named(Person, rng, name, [last, f"{first[0]}. {last}"], country=rng.choice(PLACES))
        )
    _create(Person, rows, batch_size, save)
    return [Entity(p.id, p.name, p.aliases[0]) for p in rows]


def _make_organisations(rng: random.Random, count: int, batch_size: int, save) -> list[Entity]:
    patterns = [
        (kind, pattern)
        for kind, spec in ORGANISATION_PATTERNS.items()
        for pattern in spec.split("|")
    ]
    kinds = {}

    def name_at(index):
        kind, pattern = patterns[index % len(patterns)]
        name = pattern.format(p=PLACES[index // len(patterns)])
        kinds[name] = kind
        return name

    rows = []
    for name in _unique_names(rng, count, len(patterns) * len(PLACES), name_at):
        base = name.rsplit(" ", 1)[0] if name.rsplit(" ", 1)[-1].isdigit() else name
        acronym = "".join(w[0] for w in base.replace("'s", "").split() if w[0].isupper())
        aliases = [acronym] if len(acronym) > 1 else []
        rows.append(_named(Organisation, rng, name, aliases, kind=kinds[base]))
    _create(Organisation, rows, batch_size, save)
    return [Entity(o.id, o.name, o.aliases[0] if o.aliases else o.name, o.kind) for o in rows]


def _make_operations(rng: random.Random, count: int, batch_size: int, save) -> list[Entity]:
    first, second = (words.split() for words in OPERATION_WORDS)

    def name_at(index):
        return f"Operation {first[index % len(first)]} {second[index // len(first)]}"

    rows = []
    for name in _unique_names(rng, count, len(first) * len(second), name_at):
        start = random_day(rng)
        end = start + timedelta(days=rng.randint(1, 400)) if rng.random() < 0.7 else None
        rows.append(
            _named(
                Operation,
                rng,
                name,
                [name.removeprefix("Operation ")],
                kind=rng.choice(Operation.Kind.values),
                start_date=start,
                end_date=end,
                location=rng.choice(PLACES),
            )
        )
    _create(Operation, rows, batch_size, save)
    return [Entity(o.id, o.name, o.aliases[0]) for o in rows]


def _make_roles(rng: random.Random, people, organisations: Zipf, batch_size: int) -> int:
    seen, rows = set(), []
    for person in people:
        for _ in range(rng.choice((0, 1, 1, 1, 1, 2, 2, 3))):
            key = (person.id, organisations.pick().id, rng.choice(TITLES))
            if key not in seen:
                seen.add(key)
                start = random_day(rng) if rng.random() < 0.6 else None
                rows.append(
                    Role(
                        person_id=key[0],
                        organisation_id=key[1],
                        title=key[2],
                        start_date=start,
                        review_status=draw_status(rng, 0.9),
                        confidence=round(rng.uniform(0.5, 1.0), 2),
                    )
                )
    Role.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


def _make_participations(rng: random.Random, operations, organisations: Zipf, batch_size) -> int:
    seen, rows = set(), []
    for operation in operations:
        for _ in range(rng.randint(1, 3)):
            key = (operation.id, organisations.pick().id, rng.choice(Participation.Part.values))
            if key not in seen:
                seen.add(key)
                rows.append(
                    Participation(
                        operation_id=key[0],
                        organisation_id=key[1],
                        part=key[2],
                        review_status=draw_status(rng, 0.9),
                    )
                )
    Participation.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


def random_day(rng: random.Random) -> date:
    # More recent years hold more news: a triangular draw leaning towards END.
    return START + timedelta(days=int(rng.triangular(0, (END - START).days, (END - START).days)))
