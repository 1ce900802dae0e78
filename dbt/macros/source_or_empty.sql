{#-
  source(), or an empty relation with the source's declared columns when the
  table does not exist yet: the collector creates each raw table on its first
  flush, and a stack that has seen page views but no video events should still
  build (with empty video outputs) rather than fail to bind a view.
-#}
{% macro source_or_empty(source_name, table_name) %}
  {%- set relation = source(source_name, table_name) -%}
  {%- if execute and adapter.get_relation(relation.database, relation.schema, relation.identifier) is none -%}
    {%- set node = graph.sources['source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name] -%}
    (select
      {%- for column in node.columns.values() %}
      cast(null as {{ column.data_type }}) as {{ adapter.quote(column.name) }}{{ ',' if not loop.last }}
      {%- endfor %}
    where false)
  {%- else -%}
    {{ relation }}
  {%- endif -%}
{% endmacro %}
