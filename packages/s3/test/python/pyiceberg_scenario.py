"""PyIceberg (SQL catalog in a temp SQLite file, PyArrowFileIO over our S3 endpoint)
writes and reads an Iceberg table whose files all live behind the endpoint; DuckDB's
iceberg extension reads the same table over s3://. Prints a JSON report.

Input (stdin JSON): endpoint (http://host:port/base), host_and_base (host:port/base),
bucket, access_key, secret_key, tmpdir.
"""
import json
import os
import sys

import duckdb
import pyarrow as pa
from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.expressions import GreaterThanOrEqual

cfg = json.load(sys.stdin)
out = {}
catalog = SqlCatalog(
    "local",
    uri=f"sqlite:///{os.path.join(cfg['tmpdir'], 'catalog.db')}",
    warehouse=f"s3://{cfg['bucket']}/warehouse",
    **{
        "s3.endpoint": cfg["endpoint"],
        "s3.access-key-id": cfg["access_key"],
        "s3.secret-access-key": cfg["secret_key"],
        "s3.region": "auto",
    },
)
catalog.create_namespace("web")
schema = pa.schema([("event_id", pa.string()), ("ts_ms", pa.int64()), ("path", pa.string())])
table = catalog.create_table("web.page_views", schema=schema)
batch = lambda start, n: pa.table(  # noqa: E731
    {
        "event_id": [f"e{i}" for i in range(start, start + n)],
        "ts_ms": list(range(start, start + n)),
        "path": [f"/p/{i % 7}" for i in range(start, start + n)],
    },
    schema=schema,
)
table.append(batch(0, 1000))
table.append(batch(1000, 500))
table = catalog.load_table("web.page_views")
out["snapshots"] = len(table.metadata.snapshots)
out["rows"] = table.scan().to_arrow().num_rows
out["filtered"] = table.scan(row_filter=GreaterThanOrEqual("ts_ms", 1200)).to_arrow().num_rows
out["metadata_location"] = table.metadata_location
out["data_files"] = sorted(t.file.file_path for t in table.scan().plan_files())

con = duckdb.connect()
for ext in ("httpfs", "avro", "iceberg"):
    mod = __import__(f"duckdb_extension_{ext}")
    path = os.path.join(os.path.dirname(mod.__file__), "extensions", f"v{duckdb.__version__}", f"{ext}.duckdb_extension")
    con.execute(f"LOAD '{path}'")
con.execute(
    f"CREATE SECRET s3local (TYPE s3, KEY_ID '{cfg['access_key']}', SECRET '{cfg['secret_key']}', REGION 'auto', "
    f"ENDPOINT '{cfg['host_and_base']}', URL_STYLE 'path', USE_SSL false)"
)
out["duck_rows"] = con.execute(f"SELECT count(*), max(ts_ms) FROM iceberg_scan('{table.metadata_location}')").fetchone()
json.dump(out, sys.stdout)
