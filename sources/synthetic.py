"""A synthetic corpus shaped like a newsroom's archive, for benchmarks: made in bulk, removable.

Every generated row is marked, so `remove_corpus()` deletes exactly the corpus and nothing else:
people, organisations and operations carry `disambiguation=MARK` (so they never share a unique
name key with a real record), sources a `file_name` under `FILE_PREFIX`. Statements, mentions,
roles, participations and links hang off those rows.
"""

import hashlib
import random
import time
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from django.db import connection, transaction
from django.db.models import Q

from core.names import name_key, search_text
from core.review import ReviewStatus
from entities.models import Operation, Organisation, Participation, Person, Role
from sources.models import Mention, Source, Statement, statement_key

MARK = "synthetic corpus"
FILE_PREFIX = "synthetic/"


def _words(text: str, separator: str = " ") -> list[str]:
    return text.split(separator)


FIRST_NAMES = _words(
    "Ana Andrés Carlos Carmen Diego Elena Fernando Gabriela Héctor Isabel Javier Julia Luis "
    "Lucía María Marco Nicolás Paula Pedro Rosa Santiago Sofía Tomás Valentina Víctor Ximena "
    "Ahmed Amira Fatima Hassan Karim Layla Omar Yasmin Youssef Zainab Anna Boris Dmitri Irina "
    "Natalia Oleg Pavel Svetlana Yuri Olga James Sarah Michael Emily David Laura Robert Helen "
    "Thomas Claire Daniel Rachel Peter Susan John Mary Mark Alice Paul Grace Li Wei Chen Mei "
    "Hiroshi Yuki Kenji Aiko Ravi Priya Arjun Anjali Kwame Amara Chinedu Ngozi Tunde Aisha "
    "Pierre Camille Jean Sophie Hans Greta Klaus Ingrid Lars Astrid Marta Piotr Katarzyna Jan"
)
LAST_NAMES = _words(
    "García Rodríguez Martínez López González Pérez Sánchez Ramírez Torres Flores Rivera Gómez "
    "Díaz Cruz Morales Reyes Ortiz Gutiérrez Chávez Ramos Vargas Castillo Jiménez Moreno Romero "
    "Herrera Medina Aguilar Castro Mendoza Ruiz Álvarez Vásquez Salazar Rojas Cabello Padrino "
    "Haddad Khalil Nasser Saleh Mansour Karimi Hosseini Rahman Aziz Farouk Ivanov Petrov Sokolov "
    "Smirnov Volkov Kuznetsov Popov Morozov Novak Kowalski Nowak Smith Johnson Williams Brown "
    "Jones Miller Davis Wilson Anderson Taylor Moore Jackson Martin Thompson White Harris Clark "
    "Lewis Walker Hall Young King Wright Scott Green Baker Adams Nelson Carter Mitchell Roberts "
    "Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers "
    "Wang Zhang Liu Yang Huang Zhao Wu Zhou Sato Suzuki Takahashi Tanaka Watanabe Sharma Patel "
    "Singh Gupta Kumar Okafor Mensah Adeyemi Diallo Traoré Kamara Dubois Laurent Moreau Lefèvre "
    "Müller Schmidt Schneider Fischer Weber Becker Hansen Johansen Larsen Nielsen Eriksson "
    "Lindqvist Rossi Russo Ferrari Esposito Bianchi Romano Costa Silva Santos Oliveira Pereira "
    "Almeida Ferreira Carvalho Ribeiro Barbosa Araújo Mendes Nunes Soares Vieira Monteiro Cardoso"
)
INITIALS = "ABCDEFGHJKLMNPRSTVW"
PLACES = _words(
    "Caracas|Maracaibo|Valencia|Bogotá|Medellín|Cali|Quito|Lima|Cusco|La Paz|Santiago|Buenos "
    "Aires|Montevideo|Asunción|Brasília|Manaus|Panama City|San José|Managua|Tegucigalpa|Guatemala "
    "City|San Salvador|Mexico City|Monterrey|Tijuana|Havana|Santo Domingo|Port-au-Prince|Kingston|"
    "Port of Spain|Georgetown|Paramaribo|Miami|Washington|Houston|Madrid|Lisbon|Paris|Brussels|The "
    "Hague|Geneva|Vienna|Berlin|Warsaw|Kyiv|Moscow|Ankara|Cairo|Tripoli|Tunis|Algiers|Rabat|Dakar|"
    "Lagos|Accra|Abuja|Nairobi|Addis Ababa|Khartoum|Beirut|Damascus|Baghdad|Amman|Riyadh|Doha|"
    "Tehran|Kabul|Islamabad|New Delhi|Dhaka|Yangon|Bangkok|Manila|Jakarta|Beijing|Tokyo|Seoul|"
    "Canberra",
    "|",
)
ORGANISATION_PATTERNS = {
    Organisation.Kind.GOVERNMENT: (
        "Ministry of Defence of {p}|Ministry of Foreign Affairs of {p}|Ministry of the Interior "
        "of {p}|Office of the President of {p}|National Assembly of {p}|Supreme Court of {p}|"
        "Attorney General's Office of {p}|Ministry of Energy of {p}|Ministry of Finance of {p}|"
        "Electoral Council of {p}|{p} City Council|Governor's Office of {p}"
    ),
    Organisation.Kind.MILITARY: (
        "Army of {p}|Navy of {p}|Air Force of {p}|{p} National Guard|Joint Command of {p}|"
        "{p} Special Forces Brigade|Coast Guard of {p}|{p} Marine Corps"
    ),
    Organisation.Kind.LAW_ENFORCEMENT: (
        "National Police of {p}|{p} Border Police|Anti-Narcotics Directorate of {p}|"
        "{p} Prosecutor's Office"
    ),
    Organisation.Kind.INTELLIGENCE: (
        "{p} Intelligence Service|Military Intelligence Directorate of {p}"
    ),
    Organisation.Kind.POLITICAL_PARTY: (
        "{p} Socialist Party|{p} Democratic Union|{p} Liberal Party|{p} Popular Front|"
        "{p} Workers' Party|{p} Conservative Party"
    ),
    Organisation.Kind.CRIMINAL_GROUP: "{p} Cartel|{p} Syndicate|{p} Clan",
    Organisation.Kind.NEWS_OUTLET: (
        "{p} Herald|{p} Tribune|{p} Daily News|{p} Observer|{p} Gazette|Radio {p}"
    ),
    Organisation.Kind.INTERNATIONAL: "UN Mission in {p}|{p} Human Rights Commission",
    Organisation.Kind.COMPANY: "{p} Petroleum|{p} Mining Corporation|{p} Shipping Lines",
}
SPEAKING_KINDS = {
    Organisation.Kind.GOVERNMENT,
    Organisation.Kind.MILITARY,
    Organisation.Kind.LAW_ENFORCEMENT,
    Organisation.Kind.POLITICAL_PARTY,
    Organisation.Kind.INTERNATIONAL,
    Organisation.Kind.COMPANY,
}
ACTING_KINDS = {
    Organisation.Kind.MILITARY,
    Organisation.Kind.LAW_ENFORCEMENT,
    Organisation.Kind.INTELLIGENCE,
    Organisation.Kind.GOVERNMENT,
}
OPERATION_WORDS = (
    "Silent Iron Southern Northern Eastern Western Golden Black Red Blue Swift Steel Firm "
    "Eternal Lightning Sovereign Patriot Free Shining Hidden Distant Bold Frozen Burning Sharp "
    "Noble Open Rising Falling Quiet Stormy Green White Long Deep High",
    "Shield Spear Storm Dawn Sword Eagle Falcon Trident Horizon Thunder Tide Arrow Anchor "
    "Hammer Lance Sentinel Harvest Fortress Bridge Compass Beacon Canyon Delta Frontier Guardian "
    "Harbour Island Jaguar Condor Mountain River Serpent Wolf Viper",
)
TITLES = _words(
    "Minister|Spokesperson|Director|Commander|General|Deputy|Senator|Chief of Staff|Adviser|"
    "Ambassador|Secretary|Prosecutor|Editor|Analyst|Leader|President|Vice President|Governor",
    "|",
)
# Topics are drawn Zipf-like in this order, so full-text searches range from very common words
# ("sanctions", "ceasefire") to rare ones ("census", "observer mission").
TOPICS = _words(
    "the sanctions|the ceasefire|the elections|oil exports|the border|drug trafficking|the "
    "negotiations|the economy|the opposition|human rights|the military operation|the refugees|"
    "the constitution|the blockade|the airstrikes|the investigation|the protests|the budget|"
    "the peace talks|humanitarian aid|the embassy|the prisoners|the mining concessions|the "
    "pipeline|the naval patrols|the drone programme|the arms deal|the hostages|inflation|"
    "the currency|the fishing boats|the smuggling routes|the curfew|the amnesty law|the "
    "referendum|the coast guard|the detainees|electricity shortages|the airport|the vaccine "
    "rollout|the debt talks|the sovereign bonds|the gold reserves|the extradition request|"
    "the militias|the tanker seizure|the cyberattack|the cocaine seizure|the port|the maritime "
    "strike|the recount|the indictment|the truce monitors|the landmines|the copper mine|the "
    "dam project|the wildfire response|the teachers' strike|the census|the observer mission",
    "|",
)
OPENERS = _words(
    "We will|The government will|Our forces will|Nobody will|We are ready to|They must|We "
    "cannot|It is time to|The people demand that we|We never agreed to|This country will|We "
    "have decided to|I will personally|Our allies will|No one can force us to|We intend to",
    "|",
)
VERBS = _words(
    "defend|investigate|reject|support|expand|suspend|review|condemn|negotiate|restore|end|"
    "protect|challenge|accept|delay|finance|monitor|dismantle|renew|question|respect|escalate",
    "|",
)
TAILS = _words(
    "|in {place}|before the end of the year|at any cost|without preconditions|this week|"
    "with our partners|as soon as possible|in full|under international law|for the sake of "
    "{place}|whatever the pressure|step by step|next month|in the coming days",
    "|",
)
SUBJECTS = _words(
    "the government|the ministry|its forces|the authorities|the coalition|they|the country|"
    "officials|the army|the administration",
    "|",
)
CUES = (("said", 6), ("told reporters", 2), ("added", 2), ("warned", 1), ("insisted", 1))
LEDES = (
    "{org} announced new measures in {place} on {weekday}",
    "{org} came under pressure in {place} this week",
    "{org} met its counterparts in {place} on {weekday}",
    "Officials from {org} arrived in {place}",
)
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
START, END = date(2014, 1, 1), date(2025, 12, 31)


class CorpusError(Exception):
    """The corpus cannot be generated or removed as asked."""


@dataclass
class CorpusReport:
    people: int = 0
    organisations: int = 0
    operations: int = 0
    roles: int = 0
    participations: int = 0
    sources: int = 0
    statements: int = 0
    mentions: int = 0
    # Rows of the statement ↔ operation / person / organisation link tables.
    links: int = 0
    seconds: float = 0.0


@dataclass
class RemovalReport:
    deleted: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


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


def corpus_exists() -> bool:
    return (
        Person.objects.filter(disambiguation=MARK).exists()
        or Source.objects.filter(file_name__startswith=FILE_PREFIX).exists()
    )


def generate_corpus(
    *,
    statements: int = 100_000,
    sources: int | None = None,
    seed: int = 0,
    batch_size: int = 5_000,
    progress: Callable[[int, int], None] | None = None,
) -> CorpusReport:
    """Generate a marked corpus of `statements` statements in `sources` sources (default: a tenth).

    People, organisations and operations scale with the statement count. Writes go in batches of
    `batch_size` rows, one transaction per batch of sources; `progress(done, total)` is called
    after each. Raises CorpusError if a generated corpus is already there.
    """
    if statements < 1:
        raise CorpusError("Generate at least one statement.")
    sources = max(1, statements // 10) if sources is None else sources
    if not 1 <= sources <= statements:
        raise CorpusError("Ask for between one source and one source per statement.")
    if corpus_exists():
        raise CorpusError("A synthetic corpus is already there: remove it first (--remove).")
    started = time.perf_counter()
    rng = random.Random(seed)
    report = CorpusReport()
    with transaction.atomic():
        world = _make_world(rng, statements, batch_size, report)
    sizes = _source_sizes(rng, statements, sources)
    drafts, pending = [], 0
    for index, size in enumerate(sizes):
        drafts.append(_compose_source(rng, world, index, size))
        pending += size
        if pending >= batch_size or index == len(sizes) - 1:
            _write_sources(drafts, batch_size, report)
            drafts, pending = [], 0
            if progress:
                progress(report.statements, statements)
    _analyse()
    report.seconds = time.perf_counter() - started
    return report


def document_texts(count: int, *, statements: int = 10, seed: int = 0) -> Iterator[str]:
    """`count` article texts composed as generate_corpus composes them, writing nothing.

    `statements` per text on average (10 make about 165 words, 30 about 500). Input for the
    ingestion benchmark: names vary across texts as in a real archive, so the records and the
    name index grow as they would.
    """
    rng = random.Random(seed)
    statements = count * statements
    world = _make_world(rng, statements, 0, CorpusReport(), save=False)
    for index, size in enumerate(_source_sizes(rng, statements, count)):
        yield _compose_source(rng, world, index, size).source.text


def remove_corpus() -> RemovalReport:
    """Delete every generated row, and only those, in one transaction.

    Deletes run as plain SQL: the ORM's collector would load every row into memory and
    simple_history would write a historical row for each deleted one. Rows of real records that
    point at generated ones lose the link, as their foreign keys' on_delete says.
    """
    started = time.perf_counter()
    people = Person.objects.filter(disambiguation=MARK).values("pk")
    organisations = Organisation.objects.filter(disambiguation=MARK).values("pk")
    operations = Operation.objects.filter(disambiguation=MARK).values("pk")
    sources = Source.objects.filter(file_name__startswith=FILE_PREFIX).values("pk")
    statements = Statement.objects.filter(source__in=sources).values("pk")
    report = RemovalReport()

    def purge(model, *conditions):
        # One DELETE per condition: an OR of subqueries defeats PostgreSQL's semi-joins.
        for condition in conditions:
            queryset = model.objects.filter(condition)
            deleted = queryset._raw_delete(queryset.db)
            report.deleted[model._meta.label] = report.deleted.get(model._meta.label, 0) + deleted

    with transaction.atomic():
        quoted = Statement.objects.filter(
            Q(speaker_person__in=people) | Q(speaker_organisation__in=organisations)
        ).exclude(source__file_name__startswith=FILE_PREFIX)
        if quoted.exists():
            raise CorpusError(
                f"{quoted.count()} real statements have a generated speaker; reattribute them "
                "before removing the corpus."
            )
        purge(
            Statement.operations.through, Q(statement__in=statements), Q(operation__in=operations)
        )
        purge(Statement.about_people.through, Q(statement__in=statements), Q(person__in=people))
        purge(
            Statement.about_organisations.through,
            Q(statement__in=statements),
            Q(organisation__in=organisations),
        )
        purge(Operation.target_people.through, Q(operation__in=operations), Q(person__in=people))
        purge(
            Operation.target_organisations.through,
            Q(operation__in=operations),
            Q(organisation__in=organisations),
        )
        purge(
            Mention,
            Q(source__in=sources),
            Q(person__in=people),
            Q(organisation__in=organisations),
            Q(operation__in=operations),
        )
        purge(Statement, Q(source__in=sources))
        purge(Role, Q(person__in=people), Q(organisation__in=organisations))
        purge(Participation, Q(operation__in=operations), Q(organisation__in=organisations))
        # Real rows keep themselves but lose links to generated ones (on_delete=SET_NULL).
        Role.objects.filter(source__in=sources).update(source=None)
        Participation.objects.filter(source__in=sources).update(source=None)
        Statement.objects.filter(reported_by__in=organisations).update(reported_by=None)
        Source.objects.filter(publisher__in=organisations).update(publisher=None)
        for model, generated in (
            (Person, people),
            (Organisation, organisations),
            (Operation, operations),
        ):
            model.objects.filter(merged_into__in=generated).update(merged_into=None)
        Organisation.objects.filter(parent__in=organisations).update(parent=None)
        Operation.objects.filter(parent__in=operations).update(parent=None)
        purge(Source, Q(file_name__startswith=FILE_PREFIX))
        purge(Operation, Q(disambiguation=MARK))
        purge(Organisation, Q(disambiguation=MARK))
        purge(Person, Q(disambiguation=MARK))
    report.seconds = time.perf_counter() - started
    return report


# --- Entities -----------------------------------------------------------------------------------


def _make_world(
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


def _status(rng: random.Random, verified: float) -> str:
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
        review_status=_status(rng, 0.96),
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
        start = _random_day(rng)
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
                start = _random_day(rng) if rng.random() < 0.6 else None
                rows.append(
                    Role(
                        person_id=key[0],
                        organisation_id=key[1],
                        title=key[2],
                        start_date=start,
                        review_status=_status(rng, 0.9),
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
                        review_status=_status(rng, 0.9),
                    )
                )
    Participation.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


# --- Sources and what they say -------------------------------------------------------------------


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


def _random_day(rng: random.Random) -> date:
    # More recent years hold more news: a triangular draw leaning towards END.
    return START + timedelta(days=int(rng.triangular(0, (END - START).days, (END - START).days)))


def _source_sizes(rng: random.Random, statements: int, sources: int) -> list[int]:
    """Statements per source: `sources` positive sizes summing to `statements`, some long."""
    cuts = sorted(rng.sample(range(1, statements), sources - 1)) if sources > 1 else []
    bounds = [0, *cuts, statements]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


def _compose_source(rng: random.Random, world: World, index: int, size: int) -> Draft:
    """One article: a title, a lede naming an organisation (and an operation), `size` statements."""
    published = _random_day(rng)
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
            review_status=_status(rng, 0.85),
            confidence=round(rng.uniform(0.5, 0.99), 2),
            **{f"speaker_{speaker_kind}_id": speaker.id},
        )
    )
    operations = [operation.id] if operation and rng.random() < 0.8 else []
    about = {"person": [], "organisation": []}
    if target:
        about[target[0]].append(target[1].id)
    draft.links.append((operations, about["person"], about["organisation"]))


def _write_sources(drafts: list[Draft], batch_size: int, report: CorpusReport) -> None:
    """Insert a batch of drafted sources with their statements, mentions and links."""
    with transaction.atomic():
        Source.objects.bulk_create([d.source for d in drafts], batch_size=batch_size)
        statements, mentions = [], []
        for draft in drafts:
            for row in (*draft.statements, *draft.mentions):
                row.source_id = draft.source.id
            statements += draft.statements
            mentions += draft.mentions
        Statement.objects.bulk_create(statements, batch_size=batch_size)
        Mention.objects.bulk_create(mentions, batch_size=batch_size)
        operations, people, organisations = [], [], []
        for draft in drafts:
            for statement, (op_ids, person_ids, organisation_ids) in zip(
                draft.statements, draft.links, strict=True
            ):
                sid = statement.id
                operations += [(sid, i) for i in op_ids]
                people += [(sid, i) for i in person_ids]
                organisations += [(sid, i) for i in organisation_ids]
        for through, column, pairs in (
            (Statement.operations.through, "operation_id", operations),
            (Statement.about_people.through, "person_id", people),
            (Statement.about_organisations.through, "organisation_id", organisations),
        ):
            through.objects.bulk_create(
                [through(statement_id=s, **{column: i}) for s, i in pairs], batch_size=batch_size
            )
            report.links += len(pairs)
    report.sources += len(drafts)
    report.statements += len(statements)
    report.mentions += len(mentions)


def _analyse() -> None:
    """Refresh the planner's statistics after a bulk load, so that benchmarks see real plans.

    On PostgreSQL also VACUUM, as autovacuum would soon: it sets the visibility map that
    index-only scans need (a server with autovacuum off, like CI's, would never set it).
    VACUUM cannot run inside a transaction, as in tests.
    """
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
