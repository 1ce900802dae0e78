"""PyIceberg's REST client against the local stack, given only the catalog URI and a credential.

Usage: catalog_pyiceberg.py <catalog-uri> <client_id:client_secret>
Runs the issue's scenario and prints one JSON object of observations on the last line;
the Vitest side (tests/e2e/catalog-pyiceberg.test.ts) asserts on it.
"""

import datetime
import json
import sys

import pyarrow as pa
from pyiceberg.catalog import load_catalog
from pyiceberg.exceptions import NoSuchTableError
from pyiceberg.expressions import EqualTo
from pyiceberg.partitioning import PartitionField, PartitionSpec
from pyiceberg.schema import Schema
from pyiceberg.transforms import DayTransform
from pyiceberg.types import LongType, NestedField, StringType, TimestamptzType

uri, credential = sys.argv[1], sys.argv[2]
catalog = load_catalog("analytics", type="rest", uri=uri, credential=credential)
out = {"config_keys": sorted(k for k in catalog.properties if k.startswith("s3.") or k == "client.region")}

catalog.create_namespace("web")
schema = Schema(
    NestedField(1, "id", LongType(), required=False),
    NestedField(2, "page", StringType(), required=False),
    NestedField(3, "ts", TimestamptzType(), required=False),
)
spec = PartitionSpec(PartitionField(source_id=3, field_id=1000, transform=DayTransform(), name="ts_day"))
table = catalog.create_table("web.events", schema=schema, partition_spec=spec)
out["location"] = table.location()
out["metadata_location"] = table.metadata_location

UTC = datetime.timezone.utc


def batch(ids, pages, days):
    return pa.table(
        {
            "id": pa.array(ids, pa.int64()),
            "page": pa.array(pages, pa.string()),
            "ts": pa.array([datetime.datetime(2026, 1, d, 12, tzinfo=UTC) for d in days], pa.timestamp("us", tz="UTC")),
        }
    )


table.append(batch([1, 2, 3], ["/a", "/b", "/a"], [1, 1, 2]))
first_snapshot = table.current_snapshot().snapshot_id
out["first_snapshot_id"] = str(first_snapshot)
table.append(batch([4, 5], ["/c", "/a"], [3, 3]))
out["rows_after_two_appends"] = table.scan().to_arrow().num_rows

table.overwrite(batch([10, 11], ["/x", "/a"], [5, 5]))
out["ids_after_overwrite"] = sorted(table.scan().to_arrow().column("id").to_pylist())

with table.update_schema() as update:
    update.add_column("country", StringType())
with_country = pa.table(
    {
        "id": pa.array([12], pa.int64()),
        "page": pa.array(["/a"], pa.string()),
        "ts": pa.array([datetime.datetime(2026, 1, 6, tzinfo=UTC)], pa.timestamp("us", tz="UTC")),
        "country": pa.array(["NL"], pa.string()),
    }
)
table.append(with_country)
out["schema_columns"] = [f.name for f in table.schema().fields]

with table.update_spec() as update:
    update.add_identity("page")
table.append(
    pa.table(
        {
            "id": pa.array([13], pa.int64()),
            "page": pa.array(["/b"], pa.string()),
            "ts": pa.array([datetime.datetime(2026, 1, 7, tzinfo=UTC)], pa.timestamp("us", tz="UTC")),
            "country": pa.array(["DE"], pa.string()),
        }
    )
)
out["spec_fields"] = [f.name for f in table.spec().fields]
out["spec_ids"] = sorted(table.specs().keys())

filtered = table.scan(row_filter=EqualTo("page", "/a")).to_arrow()
out["filtered_ids"] = sorted(filtered.column("id").to_pylist())
out["filtered_countries"] = sorted(str(c) for c in filtered.column("country").to_pylist())

first = table.scan(snapshot_id=first_snapshot).to_arrow()
out["first_snapshot_ids"] = sorted(first.column("id").to_pylist())
out["snapshot_count"] = len(table.metadata.snapshots)

# A fresh client sees the same history (the catalog, not the client's cache).
reloaded = load_catalog("again", type="rest", uri=uri, credential=credential).load_table("web.events")
out["reloaded_rows"] = reloaded.scan().to_arrow().num_rows
out["reloaded_snapshot_ids_exact"] = [str(s.snapshot_id) for s in reloaded.metadata.snapshots] == [
    str(s.snapshot_id) for s in table.metadata.snapshots
]

catalog.rename_table("web.events", "web.pageviews")
out["renamed_exists"] = catalog.table_exists("web.pageviews")
out["old_name_exists"] = catalog.table_exists("web.events")
out["renamed_rows"] = catalog.load_table("web.pageviews").scan().to_arrow().num_rows

catalog.drop_table("web.pageviews")
try:
    catalog.load_table("web.pageviews")
    out["dropped"] = False
except NoSuchTableError:
    out["dropped"] = True
catalog.drop_namespace("web")
out["namespaces_after"] = [list(n) for n in catalog.list_namespaces()]
print(json.dumps(out))
