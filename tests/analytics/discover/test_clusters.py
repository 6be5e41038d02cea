"""Behaviour clusters find the planted groups; personas land in the map beside the research ones."""

from __future__ import annotations

from collections import Counter

import pytest
from sklearn.metrics import adjusted_rand_score

from journeymap.analytics.discover import (
    Profile,
    cluster_names,
    clusters,
    parse_rules,
    segments,
    top_events,
    user_features,
    with_personas,
)
from journeymap.errors import DataSourceError
from journeymap.files import dumps, loads
from journeymap.model import Journey, PersonaSource, slugify

from .. import reference as ref
from .planted import segmented_log


@pytest.fixture(scope="module")
def planted():
    return segmented_log()


def test_features_are_counted_per_user(load, planted):
    rows, _truth = planted
    table = load(rows)
    names = top_events(table)
    frame = user_features(table, names).execute().set_index("user_id")
    for user, events in list(ref.by_user(rows).items())[:60]:
        counts = Counter(e.event for e in events)
        assert [int(frame.loc[user, f"n_{k}"]) for k in range(len(names))] == [counts[name] for name in names]
        assert int(frame.loc[user, "events"]) == len(events) and int(frame.loc[user, "sessions"]) == 1
        assert int(frame.loc[user, "days"]) == len({e.ts.date() for e in events})


def test_k_auto_finds_the_three_planted_groups_and_names_them(load, planted, tmp_path):
    rows, truth = planted
    result = clusters(load(rows), steps=["open", "pay"], seed=1)
    assert result.k == 3 and result.silhouette > 0.5
    labels = result.labels.set_index("user_id")["cluster"]
    assert adjusted_rand_score([truth[user] for user in labels.index], labels.tolist()) == pytest.approx(1.0)
    names = sorted(cluster.name for cluster in result.clusters)
    assert names == ["cart and pay, more than most", "read and search, more than most", "route and map, more than most"]
    buyers = next(cluster for cluster in result.clusters if cluster.name == "cart and pay, more than most")
    assert (buyers.users, buyers.share, buyers.conversion) == (200, pytest.approx(1 / 3), 1.0)
    written = result.write_labels(tmp_path / "users.csv").read_text().splitlines()
    assert written[0] == "user_id,segment" and len(written) == 601


ALIKE = {
    "payer": {"read": 5, "search": 5, "pay": 5},
    "saver": {"read": 5, "search": 5, "cart": 5},
    "navigator": {"route": 8, "map": 8, "pay": 8, "cart": 8},
}


def test_clusters_doing_the_same_most_are_told_apart_by_what_sets_them_apart(load):
    """Two planted groups read and search more than most; one pays, the other fills the cart (less than most): their names say so."""
    rows, truth = segmented_log(behaviours=ALIKE)
    result = clusters(load(rows), k=3, seed=1)
    labels = result.labels.set_index("user_id")["cluster"]
    assert adjusted_rand_score([truth[user] for user in labels.index], labels.tolist()) == pytest.approx(1.0)
    by_group = {truth[labels[labels == cluster.id].index[0]]: cluster.name for cluster in result.clusters}
    readers = [by_group["payer"].replace("search, read", "read, search"), by_group["saver"].replace("search, read", "read, search")]
    assert readers == ["read, search and pay, more than most", "read, search and cart, more than most"]


def test_clusters_alike_in_every_action_are_told_apart_by_how_much_they_do():
    alike = {"push": 0.5, "like": 0.5}
    heavy, light = Profile(("push", "like"), alike, 30.6), Profile(("push", "like"), alike, 8.2)
    assert cluster_names([heavy, light]) == [
        "push and like, more than most, 31 actions per user",
        "push and like, more than most, 8 actions per user",
    ]
    assert cluster_names([light, Profile(("like", "push"), alike, 1.0)], {"push": "Opens a push"}) == [
        "Opens a push and like, more than most, 8 actions per user",
        "like and Opens a push, more than most, 1 action per user",
    ]


def test_nmf_and_hdbscan_find_the_same_groups(load, planted):
    rows, truth = planted
    for options in ({"k": 3, "reduce": 3}, {"method": "hdbscan"}):
        result = clusters(load(rows), seed=2, **options)
        labels = result.labels.set_index("user_id")["cluster"]
        assert adjusted_rand_score([truth[user] for user in labels.index], labels.tolist()) > 0.9, options


@pytest.mark.parametrize(
    "options, message",
    [
        ({"k": 1}, "--k 1: write a whole number of 2 or more, or auto"),
        ({"method": "dbscan"}, "--method 'dbscan': choose one of kmeans, hdbscan"),
    ],
)
def test_bad_options(load, planted, options, message):
    with pytest.raises(DataSourceError) as raised:
        clusters(load(planted[0]), **options)
    assert str(raised.value) == message


def test_clusters_and_segments_become_data_personas(load, planted):
    rows, _truth = planted
    table = load(rows)
    journey = Journey(title="Guide", personas=[{"name": "Read and search, more than most", "description": "From interviews"}])
    found = clusters(table, k=3, seed=1)
    rules = segments(table, parse_rules("segments: [{name: Heavy reader, rule: {event: read, at_least: 5}}]"))
    updated = with_personas(with_personas(journey, found.clusters + rules.segments), found.clusters)
    by_id = {persona.id: persona for persona in updated.personas}
    reader_id = "read-and-search-more-than-most"
    assert sorted(by_id) == ["cart-and-pay-more-than-most", "heavy-reader", reader_id, f"{reader_id}-data", "route-and-map-more-than-most"]
    assert by_id[reader_id].source == PersonaSource.research and by_id[reader_id].description == "From interviews"
    reader = by_id[f"{reader_id}-data"]
    assert (reader.source, reader.users, reader.share) == (PersonaSource.data, 200, pytest.approx(1 / 3))
    assert reader.segment_rule.startswith("behaviour cluster ") and reader.behaviours[0].startswith("read: ")
    cluster = next(cluster for cluster in found.clusters if slugify(cluster.name) == reader_id)
    more = [item["event"] for item in cluster.top_events[:3] if item["ratio"] > 1]
    assert [line.split(":")[0] for line in reader.behaviours] == more  # only what they do more than the average user
    assert by_id["heavy-reader"].segment_rule == "read ≥ 5"
    assert loads(dumps(updated)) == updated


def test_cluster_retention_adds_up_to_the_logs_retention():
    from journeymap.analytics import retention, sample_path

    result = clusters(sample_path(), k=3, seed=1, retention_day=7)
    assert round(sum(cluster.retention * cluster.users for cluster in result.clusters)) == retention(sample_path(), [7]).retained[7]


def test_a_clusters_rule_names_only_the_events_its_users_do_more():
    from journeymap.analytics import sample_path

    result = clusters(sample_path(), k=8, seed=1)
    openers = next(cluster for cluster in result.clusters if cluster.name == "app open, more than most")
    assert openers.rule() == f"behaviour cluster {openers.id}: more app_open ×4.0 than other users"
    for cluster in result.clusters:
        more = [item for item in cluster.top_events[:3] if item["ratio"] > 1]
        assert cluster.rule().count("×") == len(more) >= 1


def test_bigrams_are_counted_per_user(load):
    from journeymap.analytics.discover import top_bigrams

    from ..conftest import event

    rows = [event("a", name, t) for t, name in enumerate(["x", "y", "x", "y", "z"])] + [
        event("b", name, t) for t, name in enumerate(["y", "x", "z"])
    ]
    table = load(rows)
    pairs = top_bigrams(table)
    assert pairs == [("x", "y"), ("y", "x"), ("x", "z"), ("y", "z")]  # by count, then by name
    frame = user_features(table, top_events(table), bigrams=pairs).execute().set_index("user_id")
    assert [int(frame.loc["a", f"b_{k}"]) for k in range(4)] == [2, 1, 0, 1]
    assert [int(frame.loc["b", f"b_{k}"]) for k in range(4)] == [0, 1, 1, 0]


def test_clusters_with_bigrams_still_find_the_groups(load, planted):
    rows, truth = planted
    result = clusters(load(rows), k=3, bigrams=True, seed=1)
    labels = result.labels.set_index("user_id")["cluster"]
    assert adjusted_rand_score([truth[user] for user in labels.index], labels.tolist()) > 0.9
