"""Prints, as JSON, the Iceberg schema PyIceberg derives from a Parquet file's own schema (field ids included),
and whether PyIceberg would read each column as the type our table schema declares (type promotion rules)."""
import json
import sys

import pyarrow.parquet as pq
from pyiceberg.io.pyarrow import pyarrow_to_schema
from pyiceberg.schema import promote
from pyiceberg.types import UUIDType

schema = pyarrow_to_schema(pq.read_schema(sys.argv[1]))
fields = [
    {"id": f.field_id, "name": f.name, "type": str(f.field_type), "required": f.required}
    for f in schema.fields
]
nested_ids = {}
for f in schema.fields:
    t = f.field_type
    if hasattr(t, "element_id"):
        nested_ids[f.name] = [t.element_id]
    elif hasattr(t, "key_id"):
        nested_ids[f.name] = [t.key_id, t.value_id]
uuid_ok = [str(promote(f.field_type, UUIDType())) for f in schema.fields if str(f.field_type) == "fixed[16]"]
print(json.dumps({"fields": fields, "nested_ids": nested_ids, "fixed16_as_uuid": uuid_ok}))
