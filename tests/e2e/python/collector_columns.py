"""Reads one event table's schema and some of its columns with PyIceberg.

Usage: collector_columns.py <catalog-uri> <credential> <table> <column> [<column> ...]

Prints one JSON object: `fields`, the table's current schema as PyIceberg
sees it (id, name, type, required), and `rows`, every row's `event_id` and
the named columns, read from the data files by PyIceberg's own planner and
Parquet reader (columns are matched by field id, so a wrong id reads null).
"""

import json
import sys

from pyiceberg.catalog.rest import RestCatalog


def main() -> None:
    uri, credential, name, *columns = sys.argv[1:]
    catalog = RestCatalog("analytics", uri=uri, credential=credential, warehouse="analytics")
    table = catalog.load_table(("default", name))
    fields = [
        {"id": f.field_id, "name": f.name, "type": str(f.field_type), "required": f.required}
        for f in table.schema().fields
    ]
    rows = table.scan(selected_fields=("event_id", *columns)).to_arrow().to_pylist()
    print(json.dumps({"fields": fields, "rows": sorted(rows, key=lambda r: r["event_id"])}))


if __name__ == "__main__":
    main()
