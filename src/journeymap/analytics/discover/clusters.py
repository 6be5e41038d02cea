"""Behaviour clusters: users grouped by what they do, one cluster per user, each named by its events.

Features per user are counted in the engine (one Ibis query): how many times
the user did each of the log's most common events, their total events,
active days and sessions (a new session after 30 minutes without an event),
and with ``bigrams`` how often they did each of the 20 most common pairs of
consecutive events.
The small per-user matrix then goes to scikit-learn: TF-IDF of the event
counts (events everyone does weigh less), the activity figures on a log scale
and standardised, optionally reduced with NMF (as Amplitude Personas does),
and clustered with k-means (fitted on a sample of at most 20,000 users, then
every user goes to the nearest centre), ``k`` chosen by the silhouette score
on a sample when ``k="auto"`` (the smallest k within 0.02 of the best);
HDBSCAN is the other method, for up to 20,000 users (minimum cluster size
10 % of the users; its noise is the cluster ``-1``). Each cluster is named after the events most over-represented in it
against the population (the ratio of their shares of events), with its size,
top events, and the conversion of ``steps`` and day-N retention of its users.

>>> from journeymap.analytics import sample_path
>>> result = clusters(sample_path(), k=3, seed=1)
>>> sum(cluster.users for cluster in result.clusters)
3000
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from ...errors import DataSourceError
from ...files import write_atomically
from ...i18n import gettext as _
from ..funnel import funnel
from ..matching import StepSpec, as_steps
from ..ordering import sequence_columns, user_order
from ..results import UNPUBLISHED, Record, Result, share
from ..retention import DAY_SECONDS
from ..sources import EVENT, TIME, USER, EventLog, read_events
from ..timestamps import seconds_between
from .naming import Profile, cluster_names

MAX_EVENTS = 30
MAX_BIGRAMS = 20
SESSION_GAP = 1800
K_RANGE = range(2, 9)
SILHOUETTE_SAMPLE = 2000
FIT_SAMPLE = 20_000
"""k-means is fitted on at most this many users, then every user gets the nearest centre."""
SILHOUETTE_TOLERANCE = 0.02
"""With ``k="auto"`` the smallest k whose silhouette is within this of the best wins (fewer, broader clusters)."""
OVER = 1.2
"""An event names a cluster when its share of the cluster's events is this many times its share overall."""
METHODS = ("kmeans", "hdbscan")
ACTIVITY = ("events", "days", "sessions")


@dataclass
class Cluster(Record):
    """One behaviour cluster: its name, size and what sets it apart."""

    id: int
    name: str
    users: int
    share: float | None
    top_events: list[dict[str, Any]]
    conversion: float | None = None
    retention: float | None = None

    def distinctive(self) -> list[dict[str, Any]]:
        """Return the (at most three) top events its users do more than others; the top one where none is.

        >>> Cluster(5, "app open", 316, 0.1, [{"event": "app_open", "ratio": 4.0}, {"event": "search", "ratio": 0.0}]).distinctive()
        [{'event': 'app_open', 'ratio': 4.0}]
        """
        return [item for item in self.top_events[:3] if item["ratio"] > 1] or self.top_events[:1]

    def rule(self) -> str:
        """Return how the cluster was found, for a persona's ``segment_rule``: the (at most three) events its users do more than others.

        >>> Cluster(5, "app open, more than most", 316, 0.1, [{"event": "app_open", "ratio": 4.0}, {"event": "search", "ratio": 0.0}]).rule()
        'behaviour cluster 5: more app_open ×4.0 than other users'
        """
        events = ", ".join("{event} ×{ratio:.1f}".format(**item) for item in self.distinctive())
        return _("behaviour cluster {id}: more {events} than other users").format(id=self.id, events=events)


@dataclass
class Clusters(Result):
    """Every user's cluster, and each cluster described."""

    method: str
    k: int
    silhouette: float | None
    users: int
    retention_day: int
    clusters: list[Cluster] = field(default_factory=list)
    labels: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False, metadata=UNPUBLISHED)
    """Every user's cluster: ``user_id`` and ``cluster`` (not printed: :meth:`write_labels` writes it)."""

    def rows(self) -> list[dict[str, Any]]:
        """One record per cluster."""
        return [cluster.to_dict() for cluster in self.clusters]

    def write_labels(self, path: str | Path) -> Path:
        """Write ``user_id,segment`` (the cluster's name) for every user as CSV, atomically."""
        names = {cluster.id: cluster.name for cluster in self.clusters}
        frame = pd.DataFrame({"user_id": self.labels[USER], "segment": self.labels["cluster"].map(names)})
        write_atomically(Path(path), frame.to_csv(index=False).encode())
        return Path(path)


def clusters(
    source: str | Path | EventLog | ir.Table,
    *,
    k: int | str = "auto",
    method: str = "kmeans",
    reduce: int | None = None,
    steps: Iterable[StepSpec | str] = (),
    window: str | float = "30d",
    retention_day: int = 7,
    bigrams: bool = False,
    seed: int = 0,
) -> Clusters:
    """Return the log's users in behaviour clusters (see the module)."""
    if method not in METHODS:
        raise DataSourceError(_("--method {method!r}: choose one of {methods}").format(method=method, methods=", ".join(METHODS)))
    if k != "auto" and (not isinstance(k, int) or k < 2):
        raise DataSourceError(_("--k {k!r}: write a whole number of 2 or more, or auto").format(k=k))
    table = read_events(source).table
    names = top_events(table)
    pairs = top_bigrams(table) if bigrams else []
    features = user_features(
        table, names, retention_day=retention_day, bigrams=pairs
    ).to_pyarrow()  # Arrow → pandas directly: faster than execute()
    frame = features.to_pandas().sort_values(USER, ignore_index=True)  # the engine's row order varies
    if len(frame) < 10:
        raise DataSourceError(_("only {users} users: clustering needs at least 10").format(users=len(frame)))
    if method == "hdbscan" and len(frame) > FIT_SAMPLE:
        raise DataSourceError(
            _("{users:,} users: HDBSCAN clusters up to {limit:,}; use --method kmeans").format(users=len(frame), limit=FIT_SAMPLE)
        )
    matrix = feature_matrix(frame, reduce=reduce, seed=seed)
    labels, chosen, score = _labels(matrix, k, method, seed)
    frame = frame.assign(cluster=labels)
    result = Clusters(
        method=method, k=chosen, silhouette=score, users=len(frame), retention_day=retention_day, labels=frame[[USER, "cluster"]]
    )
    result.clusters = _described(table, frame, names, as_steps(steps), window)
    return result


def top_events(table: ir.Table, top: int = MAX_EVENTS) -> list[str]:
    """Return the ``top`` most common event names, most common first (ties by name)."""
    names = table.group_by(EVENT).aggregate(_n=table.count()).order_by([ibis.desc("_n"), EVENT]).limit(top)
    return [str(name) for name in names.execute()[EVENT].tolist()]


def top_bigrams(table: ir.Table, top: int = MAX_BIGRAMS) -> list[tuple[str, str]]:
    """Return the ``top`` most common pairs of consecutive events of a user (by time), most common first.

    >>> from journeymap.analytics import read_events, sample_path
    >>> top_bigrams(read_events(sample_path()).table, 1)
    [('search', 'view_item')]
    """
    narrow = table.select(*sequence_columns(table))
    rows = narrow.mutate(_before=narrow[EVENT].lag().over(user_order(narrow)))
    rows = rows.filter(rows._before.notnull())
    counted = rows.group_by(["_before", EVENT]).aggregate(_n=rows.count()).order_by([ibis.desc("_n"), "_before", EVENT]).limit(top)
    return [(str(row["_before"]), str(row[EVENT])) for row in counted.execute().to_dict("records")]


def user_features(
    table: ir.Table, names: Sequence[str], *, retention_day: int | None = None, bigrams: Sequence[tuple[str, str]] = ()
) -> ir.Table:
    """Return one row per user: ``n_<k>`` counts of ``names[k]``, and ``events``, ``days``, ``sessions``.

    With ``retention_day``, also ``retained``: an event on that (rolling) day after the user's first.
    With ``bigrams``, also ``b_<k>``: how often the user did ``bigrams[k]`` one right after the other.

    >>> from journeymap.analytics import read_events, sample_path
    >>> table = read_events(sample_path()).table
    >>> frame = user_features(table, top_events(table), retention_day=7).execute()
    >>> len(frame), int(frame.sessions.min()), int(frame.retained.sum())
    (3000, 1, 143)
    """
    narrow = table.select(*sequence_columns(table))
    ordered = user_order(narrow)  # one window: one sort for both
    rows = narrow.mutate(
        _previous=narrow[TIME].lag().over(ordered),
        _start=narrow[TIME].first().over(ordered),
        **({"_before": narrow[EVENT].lag().over(ordered)} if bigrams else {}),
    )
    first = rows._previous.isnull()
    metrics = {f"n_{index}": (rows[EVENT] == name).sum() for index, name in enumerate(names)}
    for index, (before, after) in enumerate(bigrams):
        metrics[f"b_{index}"] = ((rows._before == before) & (rows[EVENT] == after)).sum()
    if retention_day is not None:
        metrics["retained"] = ((seconds_between(rows[TIME], rows._start) / DAY_SECONDS).floor() == retention_day).any()
    return rows.group_by(USER).aggregate(
        events=rows.count(),
        days=(first | (rows[TIME].date() != rows._previous.date())).sum(),
        sessions=(first | (seconds_between(rows[TIME], rows._previous) > SESSION_GAP)).sum(),
        **metrics,
    )


def feature_matrix(frame: pd.DataFrame, *, reduce: int | None = None, seed: int = 0) -> np.ndarray:
    """Return the scaled matrix scikit-learn clusters: TF-IDF of event (and bigram) counts, NMF-reduced when asked, beside scaled activity."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.preprocessing import StandardScaler

    counts = frame[_event_columns(frame) + [column for column in frame.columns if column.startswith("b_")]].to_numpy(dtype=float)
    events = TfidfTransformer().fit_transform(counts).toarray()
    if reduce:
        events = NMF(n_components=min(reduce, events.shape[1]), init="nndsvda", random_state=seed, max_iter=400).fit_transform(events)
        events = events / np.maximum(np.linalg.norm(events, axis=1, keepdims=True), 1e-12)
    activity = StandardScaler().fit_transform(np.log1p(frame[list(ACTIVITY)].to_numpy(dtype=float))) / math.sqrt(len(ACTIVITY))
    return np.hstack([events, activity * 0.5])


def _event_columns(frame: pd.DataFrame) -> list[str]:
    return [column for column in frame.columns if column.startswith("n_")]


def _labels(matrix: np.ndarray, k: int | str, method: str, seed: int) -> tuple[np.ndarray, int, float | None]:
    from sklearn.cluster import HDBSCAN, KMeans
    from sklearn.metrics import silhouette_score
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(seed)
    sample = matrix[rng.choice(len(matrix), size=min(SILHOUETTE_SAMPLE, len(matrix)), replace=False)]
    with threadpool_limits(1):  # small fits: threads only contend
        if method == "hdbscan":
            labels = HDBSCAN(min_cluster_size=max(10, len(matrix) // 10), copy=True).fit_predict(matrix)
            found = len(set(labels) - {-1})
            score = float(silhouette_score(matrix, labels, sample_size=len(sample), random_state=seed)) if found > 1 else None
            return labels, found, score
        if k == "auto":
            scores = {}
            for candidate in K_RANGE:
                fitted = KMeans(n_clusters=candidate, n_init=3, random_state=seed).fit(sample)
                if len(set(fitted.labels_)) > 1:
                    scores[candidate] = float(silhouette_score(sample, fitted.labels_, random_state=seed))
            k = min(candidate for candidate, score in scores.items() if score >= max(scores.values()) - SILHOUETTE_TOLERANCE)
        fitting = matrix[rng.choice(len(matrix), size=min(FIT_SAMPLE, len(matrix)), replace=False)]
        model = KMeans(n_clusters=int(k), n_init=3, random_state=seed).fit(fitting)
        labels = model.predict(matrix)
        sample_labels = model.predict(sample)
    score = float(silhouette_score(sample, sample_labels, random_state=seed)) if len(set(sample_labels)) > 1 else None
    return labels, int(k), score


def _described(
    table: ir.Table, frame: pd.DataFrame, events: Sequence[str], steps: Sequence[StepSpec], window: str | float
) -> list[Cluster]:
    names = {f"n_{index}": name for index, name in enumerate(events)}
    columns = _event_columns(frame)
    population = frame[columns].sum() / max(frame[columns].to_numpy().sum(), 1)
    conversion = _conversions(table, frame, steps, window) if steps else {}
    described: list[Cluster] = []
    profiles: dict[int, Profile] = {}
    for label, members in frame.groupby("cluster", sort=True):
        mix = members[columns].sum() / max(members[columns].to_numpy().sum(), 1)
        ratio = (mix / population.replace(0, np.nan)).fillna(0).sort_values(ascending=False)
        top = [
            {
                "event": names[column],
                "share": float(mix[column]),
                "population_share": float(population[column]),
                "ratio": float(ratio[column]),
            }
            for column in ratio.index[:5]
        ]
        over = tuple(names[column] for column in ratio.index[:2] if float(ratio[column]) >= OVER)
        profiles[int(label)] = Profile(over, {names[column]: float(mix[column]) for column in columns}, float(members["events"].mean()))
        described.append(
            Cluster(
                int(label),
                _("noise"),
                len(members),
                share(len(members), len(frame)),
                top,
                conversion.get(int(label)),
                float(members["retained"].mean()),
            )
        )
    named = [cluster for cluster in described if cluster.id != -1]
    for cluster, name in zip(named, cluster_names([profiles[cluster.id] for cluster in named]), strict=True):
        cluster.name = name
    return sorted(described, key=lambda cluster: -cluster.users)


def _conversions(table: ir.Table, frame: pd.DataFrame, steps: Sequence[StepSpec], window: str | float) -> dict[int, float | None]:
    """Each cluster's conversion from the first step to the last (of users who entered)."""
    labels = ibis.memtable(frame[[USER, "cluster"]].rename(columns={USER: "_user"}))
    labelled = table.join(labels, table[USER] == labels._user).drop("_user")
    result = funnel(labelled, steps, window=window, by="cluster")
    return {int(name): group.steps[-1].conversion_from_start for name, group in result.groups.items()}
