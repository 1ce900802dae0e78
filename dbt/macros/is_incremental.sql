{#-
  dbt's is_incremental() only knows the built-in `incremental` materialization;
  ours (iceberg_incremental) appends to an existing Iceberg table the same way.
-#}
{% macro is_incremental() %}
  {%- if not execute -%}
    {{ return(false) }}
  {%- endif -%}
  {%- set relation = adapter.get_relation(this.database, this.schema, this.table) -%}
  {{ return(relation is not none
            and relation.type == 'table'
            and model.config.materialized in ('incremental', 'iceberg_incremental')
            and not should_full_refresh()) }}
{% endmacro %}
