"""Reads the event tables through the Iceberg REST catalog with PyIceberg.

Usage: collector_read.py <catalog-uri> <credential> <table> [<table> ...]

Prints one JSON object: for each table that exists, its row count, the number
of distinct event_ids and the event_ids themselves (sorted), plus snapshot
count; tables that do not exist yet map to null. Data files are read over the
S3 endpoint and credentials the catalog vends with each table.
"""

import json
import sys

from pyiceberg.catalog.rest import RestCatalog
from pyiceberg.exceptions import NoSuchTableError


def main() -> None:
    uri, credential, *tables = sys.argv[1:]
    catalog = RestCatalog("analytics", uri=uri, credential=credential, warehouse="analytics")
    out = {}
    for name in tables:
        try:
            table = catalog.load_table(("default", name))
        except NoSuchTableError:
            out[name] = None
            continue
        arrow = table.scan().to_arrow()
        ids = arrow.column("event_id").to_pylist() if arrow.num_rows else []
        out[name] = {
            "rows": arrow.num_rows,
            "distinct_event_ids": len(set(ids)),
            "event_ids": sorted(ids) if len(ids) <= 5000 else [],
            "snapshots": len(table.metadata.snapshots),
            "columns": [f.name for f in table.schema().fields],
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
