"""GET /api/network/ on conftest.py's corpus, and its GEXF and GraphML files."""

from io import BytesIO

import networkx as nx
import pytest

from tests.factories import StatementFactory
from tests.research.conftest import build_corpus

pytestmark = pytest.mark.django_db


def network(client, query=""):
    response = client.get(f"/api/network/{query}")
    assert response.status_code == 200, response.content
    return response.json()


def edges(data):
    return {
        frozenset((e["source"], e["target"])): (
            e["weight"],
            e["counts"],
            e["statements"],
            e["sources"],
        )
        for e in data["edges"]
    }


def key(record):
    return f"{type(record).__name__.lower()}:{record.pk}"


def test_network_weighs_statements_sentences_and_sources(api_client, corpus):
    c = corpus
    data = network(api_client)
    found = edges(data)
    ana, omar, guard, tide = key(c.ana), key(c.omar), key(c.guard), key(c.tidewater)

    assert found == {
        frozenset((ana, tide)): (
            5,
            {"statement": 2, "sentence": 1, "source": 2},
            [c.lawful.pk, c.changed.pk],
            [c.port.pk, c.meeting.pk],
        ),
        frozenset((ana, omar)): (
            3,
            {"statement": 2, "sentence": 0, "source": 1},
            [c.lawful.pk, c.denied.pk],
            [c.port.pk],
        ),
        frozenset((omar, tide)): (
            2,
            {"statement": 1, "sentence": 0, "source": 1},
            [c.denied.pk],
            [c.port.pk],
        ),
        # "Omar Haddad denied it, and the Coastal Guard sided with Omar Haddad."
        frozenset((omar, guard)): (
            2,
            {"statement": 0, "sentence": 1, "source": 1},
            [],
            [c.port.pk],
        ),
        frozenset((ana, guard)): (1, {"statement": 0, "sentence": 0, "source": 1}, [], [c.port.pk]),
        frozenset((guard, tide)): (
            1,
            {"statement": 0, "sentence": 0, "source": 1},
            [],
            [c.port.pk],
        ),
    }
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[ana] == {
        "id": ana,
        "type": "person",
        "record_id": c.ana.pk,
        "name": "Ana Ruiz",
        "degree": 3,
        "weight": 9,
    }
    # Heaviest first.
    assert data["nodes"][0]["id"] == ana


def test_anonymous_network_has_no_unverified_node_or_edge(api_client, corpus):
    c = corpus
    data = network(api_client)
    ids = {n["id"] for n in data["nodes"]}
    statements = {pk for e in data["edges"] for pk in e["statements"]}

    assert key(c.secret) not in ids
    assert key(c.hidden_office) not in ids
    # The pending statement and the one by an unverified speaker are behind no edge.
    assert not statements & {c.pending.pk, c.by_secret.pk, c.about_office.pk}


def test_staff_see_edges_of_unverified_records(viewer_client, corpus):
    c = corpus
    found = edges(network(viewer_client))

    assert found[frozenset((key(c.ana), key(c.omar)))][2] == [
        c.lawful.pk,
        c.denied.pk,
        c.pending.pk,
    ]
    assert frozenset((key(c.ana), key(c.hidden_office))) in found
    # "Secret Person met Ana Ruiz after Operation Tidewater."
    assert found[frozenset((key(c.secret), key(c.ana)))][1]["sentence"] == 1


@pytest.mark.parametrize(
    ("query", "pairs"),
    [
        ("?min_weight=3", [("ana", "tidewater"), ("ana", "omar")]),
        ("?max_nodes=2", [("ana", "tidewater")]),
        ("?edge_kinds=statement", [("ana", "tidewater"), ("ana", "omar"), ("omar", "tidewater")]),
        ("?node_kinds=person", [("ana", "omar")]),
        ("?source={port}&edge_kinds=sentence", [("omar", "guard")]),
        ("?date_after=2026-01-07", [("ana", "tidewater")]),
    ],
)
def test_network_filters(api_client, corpus, query, pairs):
    c = corpus
    data = network(api_client, query.format(port=c.port.pk))

    assert set(edges(data)) == {
        frozenset((key(getattr(c, a)), key(getattr(c, b)))) for a, b in pairs
    }


def test_network_of_an_operation(api_client, corpus):
    c = corpus
    data = network(api_client, f"?operation={c.tidewater.pk}&edge_kinds=statement")
    hidden = network(api_client, f"?operation={c.hidden_sub.pk}")

    assert set(edges(data)) == {
        frozenset((key(c.ana), key(c.tidewater))),
        frozenset((key(c.ana), key(c.omar))),
        frozenset((key(c.omar), key(c.tidewater))),
    }
    assert hidden == {"nodes": [], "edges": [], "truncated": False}


@pytest.mark.parametrize(
    "query", ["?max_nodes=0", "?min_weight=-1", "?node_kinds=place", "?edge_kinds=page"]
)
def test_bad_network_parameters_answer_400(api_client, corpus, query):
    response = api_client.get(f"/api/network/{query}")

    assert response.status_code == 400
    assert query[1:].split("=")[0] in response.json()["errors"]


@pytest.mark.parametrize(
    ("fmt", "read", "content_type"),
    [
        ("gexf", nx.read_gexf, "application/gexf+xml"),
        ("graphml", nx.read_graphml, "application/graphml+xml"),
    ],
)
def test_graph_files_load_back_with_the_same_nodes_and_edges(
    viewer_client, corpus, fmt, read, content_type
):
    data = network(viewer_client)
    response = viewer_client.get(f"/api/network/?format={fmt}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    graph = read(BytesIO(response.content))
    assert set(graph.nodes) == {n["id"] for n in data["nodes"]}
    assert {frozenset(e) for e in graph.edges} == set(edges(data))
    for edge in data["edges"]:
        attributes = graph.edges[edge["source"], edge["target"]]
        assert int(attributes["weight"]) == edge["weight"]
        assert attributes.get("statements", "") == " ".join(map(str, edge["statements"]))
    ana = graph.nodes[key(corpus.ana)]
    assert (ana["label"], ana["type"]) == ("Ana Ruiz", "person")


def test_graph_file_errors_are_json(api_client, corpus):
    response = api_client.get("/api/network/?format=gexf&max_nodes=0")

    assert response.status_code == 400
    assert "max_nodes" in response.json()["errors"]


@pytest.mark.parametrize("extra", [0, 9])
def test_network_queries_do_not_grow_with_the_graph(api_client, django_assert_num_queries, extra):
    corpus = build_corpus()
    for _ in range(extra):
        made = StatementFactory(review_status="verified", speaker_person=corpus.omar)
        made.about_people.add(corpus.ana)
        made.operations.add(corpus.tidewater)

    # Statements; their links to people, organisations and operations; the sources in scope;
    # their mentions and texts; the names of the drawn people, organisations and operations.
    with django_assert_num_queries(10):
        data = network(api_client)
    assert edges(data)[frozenset((key(corpus.ana), key(corpus.omar)))][1]["statement"] == 2 + extra


def test_network_reads_at_most_the_newest_sources_and_says_so(api_client, corpus, monkeypatch):
    assert network(api_client)["truncated"] is False
    monkeypatch.setattr("research.network.MAX_SOURCES", 1)
    data = network(api_client, "?edge_kinds=source")

    # Only the newest source, "A meeting" (10 Jan): Ana Ruiz and the operation.
    assert data["truncated"] is True
    assert set(edges(data)) == {frozenset((key(corpus.ana), key(corpus.tidewater)))}
