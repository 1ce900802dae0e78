"""DuckDB with the iceberg, httpfs and avro extensions loaded from their PyPI
packages (duckdb-extension-*), since DuckDB cannot download extensions offline.

    from duckdb_offline import connect
    con = connect()            # iceberg_scan, httpfs (s3://) ready

`extension_directory()` lays the binaries out the way DuckDB's own extension
directory does (`<dir>/<version>/<platform>/<name>.duckdb_extension`), so
`SET extension_directory = '<dir>'` makes a plain `LOAD iceberg` work too
(dbt-duckdb's profile uses that).

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


def extension_directory():
    """A DuckDB extension directory (symlinks into the packages), created on first use."""
    con = duckdb.connect()
    version = con.execute("select library_version from pragma_version()").fetchone()[0]
    platform = con.execute("pragma platform").fetchone()[0]
    con.close()
    root = os.path.join(os.path.dirname(os.path.dirname(duckdb.__file__)), "duckdb-extensions")
    target = os.path.join(root, version, platform)
    os.makedirs(target, exist_ok=True)
    for path in extension_paths():
        link = os.path.join(target, os.path.basename(path))
        if not os.path.exists(link):
            os.symlink(path, link)
    return root


def load_extensions(con):
    """Loads avro, httpfs and iceberg into an existing connection."""
    for path in extension_paths():
        con.execute(f"LOAD '{path}'")
    return con


def connect(database=":memory:", **kwargs):
    """A DuckDB connection with avro, httpfs and iceberg loaded."""
    return load_extensions(duckdb.connect(database, **kwargs))


if __name__ == "__main__":
    print(extension_directory())
