"""Reads one table of namespace `imports` with PyIceberg through the catalog.

Usage: imports_read.py <catalog-uri> <credential> <table>

Prints one JSON object: `fields` (the current schema as PyIceberg sees it:
name, type, required), `rows` (every row, read by PyIceberg's own planner and
Parquet reader, columns matched by field id) and `summaries` (each
snapshot's summary, oldest first, where the pipeline keeps its cursor).
"""

import json
import sys

from pyiceberg.catalog.rest import RestCatalog


def main() -> None:
    uri, credential, name = sys.argv[1:]
    catalog = RestCatalog("analytics", uri=uri, credential=credential, warehouse="analytics")
    table = catalog.load_table(("imports", name))
    fields = [
        {"name": f.name, "type": str(f.field_type), "required": f.required} for f in table.schema().fields
    ]
    rows = table.scan().to_arrow().to_pylist()
    summaries = [dict(s.summary.additional_properties) for s in table.metadata.snapshots]
    print(json.dumps({"fields": fields, "rows": rows, "summaries": summaries}, default=str))


if __name__ == "__main__":
    main()
