"""DuckDB (duckdb-extension-iceberg) against the local stack's REST catalog.

Usage: catalog_duckdb.py <catalog-uri> <client_id> <client_secret> <repo-root>
A table written by PyIceberg is attached and read; DuckDB inserts into it and
creates its own table (staged create + assert-create commit); PyIceberg reads
both back. Prints one JSON object of observations on the last line.
"""

import json
import os
import sys

import pyarrow as pa
from pyiceberg.catalog import load_catalog
from pyiceberg.schema import Schema
from pyiceberg.types import LongType, NestedField, StringType

uri, client_id, client_secret, root = sys.argv[1:5]
sys.path.insert(0, os.path.join(root, "tests", "python"))
from duckdb_offline import connect  # noqa: E402

catalog = load_catalog("analytics", type="rest", uri=uri, credential=f"{client_id}:{client_secret}")
catalog.create_namespace("duckns")
table = catalog.create_table(
    "duckns.items",
    schema=Schema(NestedField(1, "id", LongType(), required=False), NestedField(2, "name", StringType(), required=False)),
)
table.append(pa.table({"id": pa.array([1, 2], pa.int64()), "name": pa.array(["a", "b"], pa.string())}))

con = connect()
con.execute(
    f"CREATE SECRET catalog_secret (TYPE ICEBERG, CLIENT_ID '{client_id}', CLIENT_SECRET '{client_secret}', "
    f"OAUTH2_SERVER_URI '{uri}/v1/oauth/tokens')"
)
con.execute(f"ATTACH 'analytics' AS cat (TYPE ICEBERG, SECRET catalog_secret, ENDPOINT '{uri}')")
out = {"tables": sorted(f"{r[1]}.{r[2]}" for r in con.execute("SHOW ALL TABLES").fetchall() if r[0] == "cat")}
out["read"] = [list(r) for r in con.execute("SELECT id, name FROM cat.duckns.items ORDER BY id").fetchall()]

con.execute("INSERT INTO cat.duckns.items VALUES (3, 'c')")
out["read_after_insert"] = [list(r) for r in con.execute("SELECT id, name FROM cat.duckns.items ORDER BY id").fetchall()]
out["pyiceberg_ids_after_insert"] = sorted(catalog.load_table("duckns.items").scan().to_arrow().column("id").to_pylist())

con.execute("CREATE TABLE cat.duckns.made_by_duckdb (x INTEGER, label VARCHAR)")
con.execute("INSERT INTO cat.duckns.made_by_duckdb VALUES (7, 'seven'), (8, 'eight')")
made = catalog.load_table("duckns.made_by_duckdb").scan().to_arrow()
out["duckdb_table_rows"] = sorted(made.column("x").to_pylist())
print(json.dumps(out))
