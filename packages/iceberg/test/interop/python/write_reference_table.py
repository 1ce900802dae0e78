"""Writes a table with PyIceberg (the reference writer) so the engine's
readers can be checked against it: a SQLite catalog on a local warehouse,
two appends under day(ts) partitioning and a copy-on-write delete.

Usage: write_reference_table.py <warehouse dir>
Prints JSON: the metadata location and the rows of the current snapshot.
"""
import datetime
import json
import sys

import pyarrow as pa
from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.partitioning import PartitionField, PartitionSpec
from pyiceberg.schema import Schema
from pyiceberg.transforms import DayTransform
from pyiceberg.types import DateType, DoubleType, LongType, NestedField, StringType, TimestamptzType

warehouse = sys.argv[1]
catalog = SqlCatalog("ref", uri=f"sqlite:///{warehouse}/catalog.db", warehouse=f"file://{warehouse}")
catalog.create_namespace("db")
schema = Schema(
    NestedField(1, "id", LongType(), required=True),
    NestedField(2, "name", StringType(), required=False),
    NestedField(3, "ts", TimestamptzType(), required=False),
    NestedField(4, "day", DateType(), required=False),
    NestedField(5, "score", DoubleType(), required=False),
)
spec = PartitionSpec(PartitionField(source_id=3, field_id=1000, transform=DayTransform(), name="ts_day"))
table = catalog.create_table("db.events", schema=schema, partition_spec=spec)

utc = datetime.timezone.utc
arrow_schema = pa.schema(
    [
        pa.field("id", pa.int64(), nullable=False),
        pa.field("name", pa.string()),
        pa.field("ts", pa.timestamp("us", tz="UTC")),
        pa.field("day", pa.date32()),
        pa.field("score", pa.float64()),
    ]
)


def batch(start, n):
    rows = []
    for i in range(start, start + n):
        ts = datetime.datetime(2024, 1, 1 + i % 3, i % 24, tzinfo=utc) + datetime.timedelta(microseconds=i)
        rows.append({"id": i, "name": None if i % 4 == 0 else f"n{i}", "ts": ts, "day": ts.date(), "score": i / 2})
    return pa.Table.from_pylist(rows, schema=arrow_schema)


table.append(batch(0, 30))
table.append(batch(30, 30))
table.delete("id < 10")
table = catalog.load_table("db.events")
ids = sorted(r["id"] for r in table.scan().to_arrow().to_pylist())
print(json.dumps({"metadata": table.metadata_location, "ids": ids, "snapshots": len(table.metadata.snapshots)}))
