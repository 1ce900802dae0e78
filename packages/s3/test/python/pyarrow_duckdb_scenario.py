"""pyarrow's S3FileSystem and DuckDB httpfs against the S3 endpoint; prints a JSON report.

Input (stdin JSON): host (host:port), base_path ("" or "/s3"), bucket, access_key, secret_key.
"""
import json
import os
import sys

import duckdb
import duckdb_extension_httpfs
import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs

cfg = json.load(sys.stdin)
b = cfg["bucket"]
out = {}

# pyarrow (AWS SDK for C++ underneath).
s3 = fs.S3FileSystem(
    access_key=cfg["access_key"],
    secret_key=cfg["secret_key"],
    endpoint_override=f"http://{cfg['host']}{cfg['base_path']}",
    region="auto",
    force_virtual_addressing=False,
    allow_bucket_creation=False,
    check_directory_existence_before_creation=False,
)
n = 200_000
table = pa.table({"id": pa.array(range(n), pa.int64()), "name": pa.array([f"name-{i % 977}" for i in range(n)])})
pq.write_table(table, f"{b}/arrow/part-0.parquet", filesystem=s3, row_group_size=50_000)
pq.write_table(table.slice(0, 10), f"{b}/arrow/part-1.parquet", filesystem=s3)
back = pq.read_table(f"{b}/arrow/part-0.parquet", filesystem=s3)
out["arrow_roundtrip"] = back.equals(table)
infos = s3.get_file_info(fs.FileSelector(f"{b}/arrow", recursive=True))
out["arrow_listing"] = sorted((i.path, i.size) for i in infos)
with s3.open_input_file(f"{b}/arrow/part-0.parquet") as f:
    out["arrow_size"] = f.size()
    out["arrow_magic"] = [f.read_at(4, 0).decode(), f.read_at(4, f.size() - 4).decode()]
big = bytes(range(256)) * (45 * 1024)  # ~11.25 MiB, more than one upload part
with s3.open_output_stream(f"{b}/arrow/big.bin") as f:
    for i in range(0, len(big), 1_000_000):
        f.write(big[i : i + 1_000_000])
with s3.open_input_stream(f"{b}/arrow/big.bin") as f:
    out["arrow_big_same"] = f.read() == big
s3.delete_file(f"{b}/arrow/big.bin")
out["arrow_after_delete"] = s3.get_file_info(f"{b}/arrow/big.bin").type == fs.FileType.NotFound

# DuckDB httpfs.
def duck(secret):
    con = duckdb.connect()
    # The extension comes from the duckdb-extension-httpfs wheel (no download at test time).
    ext_dir = os.path.join(os.path.dirname(duckdb_extension_httpfs.__file__), "extensions", f"v{duckdb.__version__}")
    con.execute(f"LOAD '{os.path.join(ext_dir, 'httpfs.duckdb_extension')}'")
    con.execute(
        f"CREATE SECRET s3local (TYPE s3, KEY_ID '{cfg['access_key']}', SECRET '{secret}', REGION 'auto', "
        f"ENDPOINT '{cfg['host']}{cfg['base_path']}', URL_STYLE 'path', USE_SSL false)"
    )
    return con

con = duck(cfg["secret_key"])
con.execute(
    f"COPY (SELECT range AS id, 'event-' || (range % 1000) AS name, range * 0.5 AS value FROM range(300000)) "
    f"TO 's3://{b}/duck/events.parquet' (FORMAT parquet)"
)
out["duck_written"] = con.execute(f"SELECT count(*), sum(id) FROM read_parquet('s3://{b}/duck/events.parquet')").fetchone()
out["duck_reads_arrow"] = con.execute(f"SELECT count(*), max(id) FROM read_parquet('s3://{b}/arrow/*.parquet')").fetchone()
out["duck_glob"] = sorted(r[0] for r in con.execute(f"SELECT file FROM glob('s3://{b}/*/*.parquet')").fetchall())
out["arrow_reads_duck"] = pq.read_table(f"{b}/duck/events.parquet", filesystem=s3).num_rows

try:
    duck("wrong-secret").execute(f"SELECT count(*) FROM read_parquet('s3://{b}/duck/events.parquet')").fetchone()
    out["duck_wrong_secret"] = None
except Exception as e:  # noqa: BLE001 - any failure is the report
    out["duck_wrong_secret"] = str(e)

json.dump(out, sys.stdout)
