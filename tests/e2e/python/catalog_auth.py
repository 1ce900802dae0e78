"""PyIceberg against the catalog with bad and under-privileged credentials.

Usage: catalog_auth.py <catalog-uri> <admin-credential> <reader-token> <writer-token>
Prints one JSON object naming the exception class each attempt raised.
"""

import json
import sys

import pyarrow as pa
from pyiceberg.catalog import load_catalog
from pyiceberg.schema import Schema
from pyiceberg.types import LongType, NestedField

uri, admin, reader_token, writer_token = sys.argv[1:5]
out = {}


def outcome(fn):
    try:
        fn()
        return "ok"
    except Exception as e:  # noqa: BLE001 - the class name is the observation
        return type(e).__name__


out["wrong_secret"] = outcome(lambda: load_catalog("bad", type="rest", uri=uri, credential="analytics:wrong-secret"))
out["bad_token"] = outcome(
    lambda: load_catalog("bad", type="rest", uri=uri, token="not-a-real-token").list_namespaces()
)

catalog = load_catalog("admin", type="rest", uri=uri, credential=admin)
catalog.create_namespace("guarded")
catalog.create_table("guarded.t", schema=Schema(NestedField(1, "n", LongType(), required=False)))
rows = pa.table({"n": pa.array([1], pa.int64())})

reader = load_catalog("reader", type="rest", uri=uri, token=reader_token)
out["reader_load"] = outcome(lambda: reader.load_table("guarded.t"))
out["reader_append"] = outcome(lambda: reader.load_table("guarded.t").append(rows))
writer = load_catalog("writer", type="rest", uri=uri, token=writer_token)
out["writer_append"] = outcome(lambda: writer.load_table("guarded.t").append(rows))
out["writer_drop"] = outcome(lambda: writer.drop_table("guarded.t"))
out["admin_drop"] = outcome(lambda: catalog.drop_table("guarded.t"))
print(json.dumps(out))
