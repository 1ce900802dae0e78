"""DuckDB with the iceberg, httpfs and avro extensions loaded from their PyPI
packages (duckdb-extension-*), since DuckDB cannot download extensions offline.

    from duckdb_offline import connect
    con = connect()            # iceberg_scan, httpfs (s3://) ready

Import it with `sys.path.insert(0, <repo>/tests/python)` or PYTHONPATH.
"""
import glob
import importlib
import os

import duckdb

# avro first: the iceberg extension loads it on start and would try to download it.
_ORDER = ("avro", "httpfs", "iceberg")


def extension_paths():
    """Paths of the extension binaries shipped by the duckdb-extension-* packages."""
    paths = []
    for name in _ORDER:
        module = importlib.import_module(f"duckdb_extension_{name}")
        found = glob.glob(os.path.join(os.path.dirname(module.__file__), "extensions", "*", f"{name}.duckdb_extension"))
        if not found:
            raise RuntimeError(f"duckdb-extension-{name} ships no {name}.duckdb_extension")
        paths.append(found[0])
    return paths


def load_extensions(con):
    """Loads avro, httpfs and iceberg into an existing connection."""
    for path in extension_paths():
        con.execute(f"LOAD '{path}'")
    return con


def connect(database=":memory:", **kwargs):
    """A DuckDB connection with avro, httpfs and iceberg loaded."""
    return load_extensions(duckdb.connect(database, **kwargs))
