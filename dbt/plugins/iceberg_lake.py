"""dbt-duckdb plugin: our Iceberg REST catalog as the `lake` database.

Reading: `configure_connection` loads DuckDB's iceberg extension (from the
`duckdb-extension-*` PyPI packages when installed, since DuckDB cannot download
extensions offline), creates an ICEBERG secret with the catalog's client
credential and ATTACHes the catalog, so models read `lake."default".page_views`
and tests read the tables the marts wrote. Data files are reached with the S3
endpoint and keys the catalog vends with each table.

Writing: the `iceberg_table` / `iceberg_incremental` materializations
(macros/materializations/iceberg.sql) build a model into a local staging table
and call `store`, which commits it with PyIceberg:

- `replace`  (first build, `--full-refresh`): drop the table with purge, then
  create it at its location with the model's schema and partitioning and its
  rows, in one staged-create commit;
- `overwrite` (every run of a table model): one copy-on-write overwrite
  snapshot, schema widened by name first;
- `append` (incremental runs): one append snapshot of the new rows.

DuckDB's own Iceberg writes cannot do this: it cannot choose a table's
location, `CREATE OR REPLACE` is refused, a table cannot be dropped and created
in one transaction, and its DELETE/TRUNCATE write position-delete files, which
the query engine refuses to read. PyIceberg writes plain data files only.
"""

from __future__ import annotations

import glob
import importlib
import os
import re
from typing import Any, Literal

import duckdb
import pyarrow as pa
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import TargetConfig
from pyiceberg.catalog.rest import RestCatalog
from pyiceberg.exceptions import NoSuchTableError
from pyiceberg.transforms import (
    DayTransform,
    HourTransform,
    IdentityTransform,
    MonthTransform,
    Transform,
    YearTransform,
)

# avro first: the iceberg extension loads it on start and would try to download it.
_EXTENSIONS = ("avro", "httpfs", "iceberg")

_TRANSFORMS: dict[str, type[Transform[Any, Any]]] = {
    "identity": IdentityTransform,
    "year": YearTransform,
    "month": MonthTransform,
    "day": DayTransform,
    "hour": HourTransform,
}

_WRITE_MODES = ("replace", "overwrite", "append")


LakeErrorKind = Literal["extension-missing", "invalid-credential", "invalid-partition", "invalid-mode", "not-connected"]


class LakeError(Exception):
    """The lake cannot be attached or a model cannot be written to it; `kind` says why."""

    def __init__(self, kind: LakeErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def load_extensions(conn: duckdb.DuckDBPyConnection) -> None:
    """Loads avro, httpfs and iceberg: from the duckdb-extension-* packages when
    installed (offline), else through DuckDB's own INSTALL (online)."""
    for name in _EXTENSIONS:
        try:
            module = importlib.import_module(f"duckdb_extension_{name}")
        except ImportError:
            conn.install_extension(name)
            conn.load_extension(name)
            continue
        pattern = os.path.join(os.path.dirname(module.__file__), "extensions", "*", f"{name}.duckdb_extension")
        found = glob.glob(pattern)
        if not found:
            raise LakeError("extension-missing", f"duckdb-extension-{name} ships no {name}.duckdb_extension")
        conn.execute(f"LOAD '{found[0]}'")


def sql_string(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def parse_partition_field(text: str) -> tuple[str, str]:
    """`day(viewed_at)` -> ("day", "viewed_at"); a bare column is identity."""
    m = re.fullmatch(r"\s*(\w+)\s*\(\s*(\w+)\s*\)\s*", text)
    if m:
        return m.group(1).lower(), m.group(2)
    if re.fullmatch(r"\s*\w+\s*", text):
        return "identity", text.strip()
    raise LakeError("invalid-partition", f"Invalid partition_by entry {text!r}: expected column or transform(column)")


class Plugin(BasePlugin):
    """Attaches the catalog for reads; commits models with PyIceberg for writes."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self.uri = str(plugin_config.get("catalog_url") or "http://localhost:8787").rstrip("/")
        self.credential = str(plugin_config.get("credential") or "analytics:analytics-secret")
        self.warehouse = str(plugin_config.get("warehouse") or "analytics")
        self.alias = self.name
        client_id, _, client_secret = self.credential.partition(":")
        if not client_secret:
            raise LakeError("invalid-credential", "Invalid catalog credential: expected <client_id>:<client_secret>")
        self.client_id, self.client_secret = client_id, client_secret
        # Optional S3 overrides for catalogs that vend no storage configuration.
        self.s3 = {k: str(v) for k, v in (plugin_config.get("s3") or {}).items() if v}
        self.conn: duckdb.DuckDBPyConnection | None = None
        self._catalog: RestCatalog | None = None

    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        load_extensions(conn)
        conn.execute(
            f"CREATE OR REPLACE SECRET {self.alias}_catalog (TYPE ICEBERG, "
            f"CLIENT_ID {sql_string(self.client_id)}, CLIENT_SECRET {sql_string(self.client_secret)}, "
            f"OAUTH2_SERVER_URI {sql_string(self.uri + '/v1/oauth/tokens')})"
        )
        if self.s3.get("endpoint"):
            endpoint = re.sub(r"^https?://", "", self.s3["endpoint"])
            conn.execute(
                f"CREATE OR REPLACE SECRET {self.alias}_s3 (TYPE S3, ENDPOINT {sql_string(endpoint)}, "
                f"KEY_ID {sql_string(self.s3.get('access_key_id', ''))}, "
                f"SECRET {sql_string(self.s3.get('secret_access_key', ''))}, "
                f"REGION {sql_string(self.s3.get('region', 'auto'))}, URL_STYLE 'path', "
                f"USE_SSL {'true' if self.s3['endpoint'].startswith('https://') else 'false'})"
            )
        conn.execute(
            f"ATTACH IF NOT EXISTS {sql_string(self.warehouse)} AS {self.alias} "
            f"(TYPE ICEBERG, SECRET {self.alias}_catalog, ENDPOINT {sql_string(self.uri)})"
        )
        self.conn = conn

    def catalog(self) -> RestCatalog:
        """The PyIceberg client of the same catalog (created on first write)."""
        if self._catalog is None:
            props = {
                "uri": self.uri,
                "credential": self.credential,
                "warehouse": self.warehouse,
                # pyarrow's S3 client gives up after 3 s without a byte by default; a busy endpoint can be slower.
                "s3.connect-timeout": "30",
                "s3.request-timeout": "60",
            }
            if self.s3.get("endpoint"):
                props.update(
                    {
                        "s3.endpoint": self.s3["endpoint"],
                        "s3.access-key-id": self.s3.get("access_key_id", ""),
                        "s3.secret-access-key": self.s3.get("secret_access_key", ""),
                        "s3.region": self.s3.get("region", "auto"),
                        "s3.path-style-access": "true",
                    }
                )
            self._catalog = RestCatalog(self.alias, **props)
        return self._catalog

    def store(self, target_config: TargetConfig) -> None:
        """Commits the staging table named in the write request to the model's Iceberg table."""
        request: dict[str, Any] = dict(target_config.config)
        mode = request.get("mode")
        if mode not in _WRITE_MODES:
            raise LakeError("invalid-mode", f"Invalid write mode {mode!r}: expected one of {', '.join(_WRITE_MODES)}")
        if self.conn is None:
            raise LakeError("not-connected", "The lake plugin has no DuckDB connection yet")
        relation = target_config.relation
        identifier = (relation.schema, relation.identifier)
        rows = self.conn.cursor().execute(f"select * from {request['stage']}").fetch_arrow_table()
        catalog = self.catalog()
        catalog.create_namespace_if_not_exists(relation.schema, {"location": request["namespace_location"]})
        if mode == "replace":
            self._replace(catalog, identifier, rows, request)
            return
        table = catalog.load_table(identifier)
        with table.transaction() as tx:
            with tx.update_schema() as update:
                update.union_by_name(rows.schema)
            if mode == "overwrite":
                tx.overwrite(rows)
            elif rows.num_rows > 0:
                tx.append(rows)

    def _replace(self, catalog: RestCatalog, identifier: tuple[str, str], rows: pa.Table, request: dict[str, Any]) -> None:
        try:
            catalog.purge_table(identifier)
        except NoSuchTableError:
            pass
        staged = catalog.create_table_transaction(
            identifier,
            schema=rows.schema,
            location=request["location"],
            properties={k: str(v) for k, v in (request.get("properties") or {}).items()},
        )
        if request.get("partition_by"):
            with staged.update_spec() as spec:
                for text in request["partition_by"]:
                    transform, column = parse_partition_field(text)
                    if transform not in _TRANSFORMS:
                        raise LakeError(
                            "invalid-partition",
                            f"Invalid partition transform {transform!r} in {text!r}: use one of {', '.join(_TRANSFORMS)}",
                        )
                    name = column if transform == "identity" else f"{column}_{transform}"
                    spec.add_field(column, _TRANSFORMS[transform](), name)
        if rows.num_rows > 0:
            staged.append(rows)
        staged.commit_transaction()
