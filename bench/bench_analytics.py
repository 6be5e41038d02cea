"""Time each analysis against one hand-written DuckDB query doing the same work, with peak memory.

    python bench/bench_analytics.py                      # 1M and 10M events
    python bench/bench_analytics.py --events 100000000   # 100M (takes a while, ~2 GB of Parquet)

Logs are generated once into bench/data/ (a Markov chain over 10 app events,
about 8 events per user over 60 days) and reused. Each analysis runs in a
fresh process so its peak RSS is its own; the hand-written SQL runs in the
same process right after it, on the same Parquet file.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

DATA = Path(__file__).parent / "data"
NAMES = ["app_open", "search", "view_item", "add_to_favorites", "add_to_cart", "checkout", "purchase", "share", "push_open", "settings"]
FUNNEL = ["app_open", "search", "view_item", "add_to_cart", "purchase"]
SPAN_SECONDS = 60 * 86400
START_US = 1_735_689_600 * 1_000_000  # 2025-01-01
SQL_SPILL_LIMIT = "25GB"
"""The hand-written query gives up past this much spilled data (it would fill the disk)."""


def transition_matrix(rng: np.random.Generator) -> np.ndarray:
    """A row-stochastic matrix over the events, with a funnel-like main line."""
    matrix = rng.random((len(NAMES), len(NAMES))) * 0.3
    for a, b in zip(FUNNEL, FUNNEL[1:]):
        matrix[NAMES.index(a), NAMES.index(b)] += 2.0
    return matrix / matrix.sum(axis=1, keepdims=True)


def generate(events: int, path: Path, *, seed: int = 1, users_per_chunk: int = 500_000) -> Path:
    """Write a log of about ``events`` events to ``path`` (Parquet), chunk by chunk."""
    rng = np.random.default_rng(seed)
    cumulative = transition_matrix(rng).cumsum(axis=1)
    users = max(events // 8, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    schema = pa.schema([("user_id", pa.string()), ("event", pa.string()), ("timestamp", pa.timestamp("us")), ("platform", pa.string())])
    with pq.ParquetWriter(temporary, schema, compression="zstd") as writer:
        for first in range(0, users, users_per_chunk):
            writer.write_table(_chunk(rng, cumulative, first, min(users_per_chunk, users - first)))
    temporary.replace(path)
    return path


def _chunk(rng: np.random.Generator, cumulative: np.ndarray, first: int, count: int) -> pa.Table:
    lengths = np.minimum(rng.geometric(1 / 8, count), 200)
    total = int(lengths.sum())
    owner = np.repeat(np.arange(count), lengths)
    position = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    states = np.zeros(total, dtype=np.int64)
    states[position == 0] = rng.integers(0, len(NAMES), int((position == 0).sum()))
    for step in range(1, int(lengths.max())):
        at = np.flatnonzero(position == step)
        previous = states[at - 1]
        states[at] = (rng.random(len(at))[:, None] > cumulative[previous]).sum(axis=1).clip(max=len(NAMES) - 1)
    new_session = rng.random(total) < 0.15
    gaps = np.where(new_session, rng.exponential(2 * 86400, total), rng.exponential(60, total))
    gaps[position == 0] = 0
    offsets = np.cumsum(gaps)
    offsets -= np.repeat(offsets[np.cumsum(lengths) - lengths], lengths)
    starts = rng.uniform(0, SPAN_SECONDS, count)
    micros = START_US + ((starts[owner] + offsets) * 1e6).astype(np.int64)
    user_ids = pc.binary_join_element_wise("u", pa.array(owner + first).cast(pa.string()), "")
    platform = np.where(rng.random(count) < 0.55, "android", "ios")[owner]
    return pa.table(
        {
            "user_id": user_ids,
            "event": pa.array(np.array(NAMES, dtype=object)[states]),
            "timestamp": pa.array(micros, pa.timestamp("us")),
            "platform": pa.array(platform),
        }
    )


def hand_sql(analysis: str, path: Path) -> str:
    """One hand-written DuckDB query doing the same work as ``analysis``."""
    # ties in time keep the file's order (file_row_number), as journeymap's sequences do
    source = f"(SELECT user_id, event, timestamp AS ts, file_row_number AS r FROM read_parquet('{path}', file_row_number = true))"
    if analysis == "funnel":  # a step's place is (time, row): the next step is the first place after the previous one
        steps = [f"s0 AS (SELECT user_id, min({{'t': ts, 'r': r}}) AS p0 FROM e WHERE event = '{FUNNEL[0]}' GROUP BY 1)"]
        for k, name in enumerate(FUNNEL[1:], start=1):
            keep = ", ".join(f"p.p{i}" for i in range(k))
            steps.append(
                f"s{k} AS (SELECT p.user_id, {keep}, min({{'t': e.ts, 'r': e.r}}) AS p{k} FROM s{k - 1} p JOIN e ON e.user_id = p.user_id "
                f"AND e.event = '{name}' AND {{'t': e.ts, 'r': e.r}} > p.p{k - 1} AND e.ts <= p.p0.t + INTERVAL 7 DAY GROUP BY ALL)"
            )
        counts = ", ".join(f"(SELECT count(*) FROM s{k})" for k in range(len(FUNNEL)))
        within = ", ".join(f"count(*) FILTER (WHERE sec <= {edge})" for edge in (60, 600, 3600, 86400, 604800))
        medians = ", ".join(
            f"(SELECT (quantile_cont(sec, [0.5, 0.9]), {within}) FROM (SELECT date_diff('microsecond', p{k - 1}.t, p{k}.t) / 1e6 AS sec FROM s{k}))"
            for k in range(1, len(FUNNEL))
        )
        return f"WITH e AS {source}, {', '.join(steps)} SELECT {counts}, {medians}"
    if analysis == "retention":
        return (
            f"WITH e AS {source}, s AS (SELECT user_id, min(ts) AS start FROM e GROUP BY 1), "
            "d AS (SELECT e.user_id, floor(date_diff('microsecond', s.start, e.ts) / 86400e6) AS day FROM e JOIN s USING (user_id)) "
            "SELECT (SELECT count(*) FROM s), count(DISTINCT user_id) FILTER (WHERE day = 7) FROM d"
        )
    if analysis == "retention-weekly":  # day 7 and the weekly cohorts' triangle, as `journeymap retention --json` prints
        return (
            f"WITH e AS {source}, s AS (SELECT user_id, min(ts) AS start FROM e GROUP BY 1), "
            "d AS (SELECT e.user_id, s.start, floor(date_diff('microsecond', s.start, e.ts) / 86400e6)::BIGINT AS day FROM e JOIN s USING (user_id)), "
            "uw AS (SELECT user_id, start, day // 7 AS week, bool_or(day = 7) AS d7 FROM d WHERE day >= 0 GROUP BY ALL), "
            "u AS (SELECT user_id, bool_or(d7) AS d7 FROM uw GROUP BY 1) "
            "SELECT 'total', NULL, NULL, (SELECT count(*) FROM s), (SELECT count(*) FILTER (WHERE d7) FROM u) "
            "UNION ALL SELECT 'week', date_trunc('week', start), week, count(*), NULL FROM uw GROUP BY ALL "
            "UNION ALL SELECT 'size', date_trunc('week', start), NULL, count(*), NULL FROM s GROUP BY ALL "
            "UNION ALL SELECT 'last', max(ts), NULL, NULL, NULL FROM e"
        )
    if analysis == "transitions":
        return (
            f"WITH e AS {source} SELECT event, nxt, count(*), quantile_cont(sec, [0.5, 0.9]) FROM ("
            "SELECT user_id, event, lead(event) OVER w AS nxt, date_diff('microsecond', ts, lead(ts) OVER w) / 1e6 AS sec "
            "FROM e WINDOW w AS (PARTITION BY user_id ORDER BY ts, r)) WHERE nxt IS NOT NULL GROUP BY 1, 2"
        )
    if analysis == "paths":
        leads = ", ".join(f"lead(event, {k}) OVER w AS e{k}" for k in range(1, 4))
        return (
            f"WITH e AS {source}, n AS (SELECT user_id, event, row_number() OVER w AS seq, {leads} FROM e "
            "WINDOW w AS (PARTITION BY user_id ORDER BY ts, r)), "
            "a AS (SELECT * FROM n WHERE event = 'view_item' QUALIFY seq = min(seq) OVER (PARTITION BY user_id)) "
            "SELECT e1, e2, e3, count(*) FROM a GROUP BY ALL"
        )
    raise ValueError(analysis)


def ours(analysis: str, log: object) -> object:
    """Run our public function for ``analysis`` on an event log already read."""
    from journeymap.analytics import funnel, paths, retention, transitions

    if analysis == "funnel":
        return funnel(log, FUNNEL, window="7d")
    if analysis == "retention":
        return retention(log, [7], weekly=False)
    if analysis == "transitions":
        return transitions(log)
    if analysis == "paths":
        return paths(log, "view_item", depth=3)
    raise ValueError(analysis)


def measure(analysis: str, path: Path) -> dict:
    """In this (fresh) process: time ours, then the hand-written SQL; peak RSS of ours.

    ``read`` times reading the log with its bad-row check; the analyses are
    timed on the log already read (the check is not counted twice).
    """
    from journeymap.analytics import read_events

    started = time.perf_counter()
    log = read_events(path)
    if analysis != "read":
        started = time.perf_counter()
        ours(analysis, log)
    ours_seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sql_seconds = sql_error = None
    if analysis != "read":
        from journeymap.analytics import connect

        con = connect()  # the same engine settings (memory cap, spill folder) as ours
        con.raw_sql(f"SET max_temp_directory_size = '{SQL_SPILL_LIMIT}'")
        started = time.perf_counter()
        try:
            con.raw_sql(hand_sql(analysis, path)).fetchall()
            sql_seconds = time.perf_counter() - started
        except Exception as error:  # the hand-written query may not fit where ours does
            sql_error = str(error).splitlines()[0][:80]
    return {"analysis": analysis, "ours_s": ours_seconds, "sql_s": sql_seconds, "sql_error": sql_error, "peak_rss_mb": peak}


def main(argv: list[str] | None = None) -> None:
    """Generate the logs if needed and print one line per size and analysis."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append", help="log sizes (default: 1M and 10M)")
    parser.add_argument("--only", action="append", choices=["read", "funnel", "retention", "transitions", "paths"])
    parser.add_argument("--measure", nargs=2, metavar=("ANALYSIS", "PATH"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv if argv is not None else sys.argv[1:] if __name__ == "__main__" else [])
    if options.measure:
        print(json.dumps(measure(options.measure[0], Path(options.measure[1]))))
        return
    sizes = options.events or [1_000_000, 10_000_000]
    analyses = options.only or ["read", "funnel", "retention", "transitions", "paths"]
    print(f"{'events':>12} {'analysis':<12} {'ours s':>8} {'SQL s':>8} {'ratio':>6} {'peak RSS MB':>12}")
    for size in sizes:
        path = DATA / f"events-{size}.parquet"
        if not path.exists():
            started = time.perf_counter()
            generate(size, path)
            print(f"generated {path} ({pq.ParquetFile(path).metadata.num_rows:,} rows) in {time.perf_counter() - started:.1f} s", flush=True)
        for analysis in analyses:
            done = subprocess.run([sys.executable, __file__, "--measure", analysis, str(path)], capture_output=True, text=True)
            if done.returncode:
                reason = next((line for line in reversed(done.stderr.splitlines()) if "Error" in line), "failed")
                print(f"{size:>12,} {analysis:<12} failed: {reason.strip()[:100]}", flush=True)
                continue
            row = json.loads(done.stdout.strip().splitlines()[-1])
            ratio = f"{row['ours_s'] / row['sql_s']:.2f}" if row["sql_s"] else ""
            sql = f"{row['sql_s']:.2f}" if row["sql_s"] else ""
            if row["sql_error"]:
                print(f"{'':>12} {'':<12} hand-written SQL failed: {row['sql_error']}", flush=True)
            print(f"{size:>12,} {analysis:<12} {row['ours_s']:>8.2f} {sql:>8} {ratio:>6} {row['peak_rss_mb']:>12.0f}", flush=True)


if __name__ == "__main__":
    main()
