"""Reads the tables the dbt project wrote, with PyIceberg through the catalog.

Usage: dbt_processed.py <catalog-uri> <credential>

Prints one JSON object: for each table of namespace `processed`, its location,
table UUID, snapshot operations, whether any delete file is live, the partition
fields and its rows (dates and timestamps as ISO strings, sorted), so the test
can compare them with what it computed from the events it sent. Reading with
PyIceberg keeps the check independent of DuckDB and dbt.
"""

import datetime
import json
import sys

from pyiceberg.catalog.rest import RestCatalog

TABLES = ("fact_page_views", "fact_video_engagement", "dim_users", "dim_content", "agg_daily_metrics")


def plain(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return value


def main() -> None:
    uri, credential = sys.argv[1:3]
    # A busy machine answers slowly; pyarrow's S3 client gives up after 3 s by default.
    catalog = RestCatalog(
        "analytics",
        uri=uri,
        credential=credential,
        warehouse="analytics",
        **{"s3.connect-timeout": "30", "s3.request-timeout": "60"},
    )
    out = {"tables": sorted(name for _, name in catalog.list_tables("processed"))}
    for name in TABLES:
        table = catalog.load_table(("processed", name))
        rows = [{k: plain(v) for k, v in row.items()} for row in table.scan().to_arrow().to_pylist()]
        rows.sort(key=lambda r: json.dumps(r, sort_keys=True))
        current = table.current_snapshot()
        out[name] = {
            "location": table.location(),
            "uuid": str(table.metadata.table_uuid),
            "operations": [s.summary.operation.value for s in table.metadata.snapshots if s.summary],
            "delete_files": int(current.summary.get("total-delete-files", "0")) if current and current.summary else 0,
            "partition_fields": [f"{f.transform}:{table.schema().find_column_name(f.source_id)}" for f in table.spec().fields],
            "rows": rows,
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
