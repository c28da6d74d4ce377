"""Who appears with whom: people, organisations and operations as nodes, weighted edges for
their co-occurrence, each edge with the statements and sources behind it.

Three kinds of co-occurrence:
- `statement`: a speaker and a person, organisation or operation their statement is about;
- `sentence`: two records named in the same sentence of a source (sentences are told apart
  by the punctuation between two consecutive names, read by the database with a window
  function, so no source text is loaded);
- `source`: two records named in the same source.

Anonymous users see verified records only: an edge is drawn only from verified statements
whose speaker and subject are verified, or from mentions of two verified records.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from django.db.models import F, Q, Value, Window
from django.db.models.functions import Greatest, Lag, Substr

from entities.models import Operation, Organisation, Person
from entities.review import sees_unverified
from research.dates import placed_on
from research.visibility import with_visible
from sources.models import Mention, Source, Statement

NODE_TYPES = {"person": Person, "organisation": Organisation, "operation": Operation}
EDGE_KINDS = {
    "statement": "A speaker and whom or what the statement is about",
    "sentence": "Named in the same sentence of a source",
    "source": "Named in the same source",
}
# A sentence ends at . ! or ? (perhaps closing a quote or bracket) before a space, or a line.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s|\n")


@dataclass
class Network:
    nodes: list[dict]  # {"id": "person:12", "type", "record_id", "name", "degree", "weight"}
    edges: list[dict]  # {"source", "target", "weight", "counts", "statements", "sources"}


def node_key(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def build_network(
    *,
    user,
    operation: int | None = None,
    source: int | None = None,
    date_after: date | None = None,
    date_before: date | None = None,
    review_status: str | None = None,
    node_kinds: list[str] | None = None,
    edge_kinds: list[str] | None = None,
    min_weight: int = 1,
    max_nodes: int = 200,
) -> Network:
    """The co-occurrence network `user` may see, narrowed by the filters, with at most
    `max_nodes` nodes: those with the heaviest edges (summed weights) are kept."""
    if operation and not Operation.objects.visible_to(user).filter(pk=operation).exists():
        return Network([], [])
    node_kinds = set(node_kinds or NODE_TYPES)
    edge_kinds = set(edge_kinds or EDGE_KINDS)
    edges = defaultdict(
        lambda: {"counts": dict.fromkeys(EDGE_KINDS, 0), "statements": set(), "sources": set()}
    )

    def link(a: str, b: str, kind: str, statement=None, source=None):
        if a == b or a.split(":")[0] not in node_kinds or b.split(":")[0] not in node_kinds:
            return
        edge = edges[(a, b) if a < b else (b, a)]
        edge["counts"][kind] += 1
        if statement is not None:
            edge["statements"].add(statement)
        if source is not None:
            edge["sources"].add(source)

    if "statement" in edge_kinds:
        statements = Statement.objects.shown_to(user)
        if operation:
            statements = statements.filter(operations=operation)
        if source:
            statements = statements.filter(source_id=source)
        if date_after or date_before:
            statements = statements.annotate(placed=placed_on())
            if date_after:
                statements = statements.filter(placed__gte=date_after)
            if date_before:
                statements = statements.filter(placed__lte=date_before)
        if review_status:
            statements = statements.filter(review_status=review_status)
        for pk, speaker, subject in statement_links(statements.values("pk"), user):
            link(speaker, subject, "statement", statement=pk)
    # Mentions have no review status of their own: with one asked for, only statements count.
    if edge_kinds & {"sentence", "source"} and not review_status:
        sources = Source.objects.all()
        if operation:
            sources = sources.filter(mentions__operation=operation)
        if source:
            sources = sources.filter(pk=source)
        if date_after:
            sources = sources.filter(published__gte=date_after)
        if date_before:
            sources = sources.filter(published__lte=date_before)
        for source_id, sentences in named_together(sources.values("pk"), user):
            names = set()
            for sentence in sentences:
                names |= sentence
                if "sentence" in edge_kinds:
                    for a, b in combinations(sorted(sentence), 2):
                        link(a, b, "sentence", source=source_id)
            if "source" in edge_kinds:
                for a, b in combinations(sorted(names), 2):
                    link(a, b, "source", source=source_id)
    return heaviest(edges, min_weight=min_weight, max_nodes=max_nodes)


def statement_links(scope, user):
    """(statement id, speaker key, subject key) for each person, organisation or operation
    a statement in `scope` is about, subjects hidden from `user` left out."""
    for kind, relation in (
        ("person", Statement.about_people),
        ("organisation", Statement.about_organisations),
        ("operation", Statement.operations),
    ):
        links = with_visible(
            relation.through.objects.filter(statement__in=scope), kind, NODE_TYPES[kind], user
        )
        rows = links.values_list(
            "statement_id",
            "statement__speaker_person_id",
            "statement__speaker_organisation_id",
            f"{kind}_id",
        )
        for pk, person, organisation, subject in rows.order_by():
            speaker = (
                node_key("person", person) if person else node_key("organisation", organisation)
            )
            yield pk, speaker, node_key(kind, subject)


def named_together(sources, user):
    """For each source in `sources`: (source id, [set of node keys named in each sentence]).

    The text between each mention and the previous one (hidden records' mentions left out)
    comes from the database, so that sentence breaks are found without loading the sources.
    """
    mentions = Mention.objects.filter(source__in=sources)
    for kind, model in NODE_TYPES.items():
        if not sees_unverified(user, model):
            mentions = mentions.filter(
                Q(**{f"{kind}__isnull": True})
                | Q(**{f"{kind}__in": model.objects.visible_to(user)})
            )
    previous_end = Window(
        Lag("span_end"),
        partition_by=[F("source_id")],
        order_by=[F("span_start").asc(), F("pk").asc()],
    )
    gap = Substr(
        "source__text", previous_end + 1, Greatest(F("span_start") - previous_end, Value(0))
    )
    rows = (
        mentions.annotate(gap=gap)
        .values_list("source_id", "person_id", "organisation_id", "operation_id", "gap")
        .order_by("source_id", "span_start", "pk")
    )
    current, sentences = None, []
    for source_id, person, organisation, operation, between in rows:
        if source_id != current:
            if current is not None:
                yield current, sentences
            current, sentences = source_id, [set()]
        elif between is None or SENTENCE_END.search(between):
            sentences.append(set())
        if person:
            sentences[-1].add(node_key("person", person))
        elif organisation:
            sentences[-1].add(node_key("organisation", organisation))
        else:
            sentences[-1].add(node_key("operation", operation))
    if current is not None:
        yield current, sentences


def heaviest(edges: dict, *, min_weight: int, max_nodes: int) -> Network:
    """Edges of at least `min_weight`, among the `max_nodes` nodes whose edges weigh most."""
    kept = {}
    strength = defaultdict(int)
    for pair, edge in edges.items():
        weight = sum(edge["counts"].values())
        if weight >= min_weight:
            kept[pair] = weight
            for key in pair:
                strength[key] += weight
    chosen = set(sorted(strength, key=lambda key: (-strength[key], key))[:max_nodes])
    degree, weights = defaultdict(int), defaultdict(int)
    drawn = []
    for (a, b), weight in sorted(kept.items(), key=lambda item: (-item[1], item[0])):
        if a in chosen and b in chosen:
            edge = edges[(a, b)]
            drawn.append(
                {
                    "source": a,
                    "target": b,
                    "weight": weight,
                    "counts": edge["counts"],
                    "statements": sorted(edge["statements"]),
                    "sources": sorted(edge["sources"]),
                }
            )
            for key in (a, b):
                degree[key] += 1
                weights[key] += weight
    names = {}
    for kind, model in NODE_TYPES.items():
        ids = [int(key.split(":")[1]) for key in degree if key.startswith(f"{kind}:")]
        if ids:
            for pk, name in model.objects.filter(pk__in=ids).values_list("pk", "name"):
                names[node_key(kind, pk)] = name
    nodes = [
        {
            "id": key,
            "type": key.split(":")[0],
            "record_id": int(key.split(":")[1]),
            "name": names.get(key, ""),
            "degree": degree[key],
            "weight": weights[key],
        }
        for key in sorted(degree, key=lambda key: (-weights[key], key))
    ]
    return Network(nodes, drawn)
