"""Independent answers for the query engine's end-to-end test.

Usage: query_expected.py <catalog-uri> <credential> <start-iso> <end-iso> [<snapshot-timestamp-ms>]

Reads the event tables with PyIceberg through the REST catalog (its own
planner and Parquet reader, not the query engine's) and computes with DuckDB:
- eventCounts: per event_type in [start, end), rows and distinct
  coalesce(user_id, session_id), bots (is_bot) left out, as the API counts;
- purchases: custom_events rows of type purchase, now and (with a timestamp)
  as of the snapshot current at that instant.
Prints one JSON object.
"""

import json
import sys
from datetime import datetime

import duckdb
from pyiceberg.catalog.rest import RestCatalog
from pyiceberg.exceptions import NoSuchTableError


def main() -> None:
    uri, credential, start, end, *rest = sys.argv[1:]
    catalog = RestCatalog("analytics", uri=uri, credential=credential, warehouse="analytics")
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    counts = {}
    for name in ("page_views", "video_events"):
        try:
            arrow = catalog.load_table(("default", name)).scan().to_arrow()
        except NoSuchTableError:
            continue
        con.register("t", arrow)
        rows = con.execute(
            """SELECT event_type, count(*), count(DISTINCT coalesce(user_id, session_id)) FROM t
               WHERE "timestamp" >= ?::TIMESTAMPTZ AND "timestamp" < ?::TIMESTAMPTZ AND NOT coalesce(is_bot, false)
               GROUP BY event_type""",
            [start, end],
        ).fetchall()
        con.unregister("t")
        for event_type, n, users in rows:
            counts[event_type] = {"count": n, "uniqueUsers": users}
    out = {"eventCounts": counts}
    try:
        custom = catalog.load_table(("default", "custom_events"))
        now = custom.scan(row_filter="event_type == 'purchase'").to_arrow()
        out["purchasesNow"] = now.num_rows
        if rest:
            at_ms = int(rest[0])
            snapshot = custom.snapshot_as_of_timestamp(at_ms)
            before = (
                custom.scan(snapshot_id=snapshot.snapshot_id, row_filter="event_type == 'purchase'").to_arrow()
                if snapshot
                else None
            )
            out["purchasesAt"] = before.num_rows if before is not None else 0
            out["purchaseIdsAt"] = sorted(before.column("event_id").to_pylist()) if before is not None else []
    except NoSuchTableError:
        out["purchasesNow"] = 0
    print(json.dumps(out, default=lambda v: v.isoformat() if isinstance(v, datetime) else str(v)))


if __name__ == "__main__":
    main()
