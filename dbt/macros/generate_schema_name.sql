{#-
  Schemas are names in the catalog (`processed`) and the local DuckDB file
  (`staging`), not per-developer prefixes: use a model's schema as written.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
  {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
