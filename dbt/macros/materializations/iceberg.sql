{#-
  Iceberg materializations for the `lake` database (our REST catalog).

  The model is built into a local DuckDB staging table, then the iceberg_lake
  plugin (plugins/iceberg_lake.py) commits it with PyIceberg as one snapshot at
  <processed_location>/<layer>/<model>, e.g. s3://analytics-processed/facts/fact_page_views:

  - iceberg_table:       overwrite (copy-on-write) on every run;
  - iceberg_incremental: append the rows the model selects when is_incremental();
  - both, on the first build or with --full-refresh: drop (purge) and create anew.

  Model config: layer (facts | dimensions | aggregates, required), partition_by
  (list of `column` or `transform(column)`), iceberg_properties (table properties).
-#}

{% materialization iceberg_table, adapter='duckdb' %}
  {{ return(iceberg_write('overwrite')) }}
{% endmaterialization %}

{% materialization iceberg_incremental, adapter='duckdb' %}
  {{ return(iceberg_write('append')) }}
{% endmaterialization %}

{% macro iceberg_write(write_mode) %}
  {%- set target_relation = this.incorporate(type='table') -%}
  {%- set existing_relation = load_cached_relation(this) -%}
  {%- set mode = 'replace' if (existing_relation is none or should_full_refresh()) else write_mode -%}
  {%- set layer = config.require('layer') -%}
  {%- set root = var('processed_location').rstrip('/') -%}
  {%- set location = root ~ '/' ~ layer ~ '/' ~ this.identifier -%}
  {%- set stage_relation = api.Relation.create(
        database=target.database, schema='dbt_stage', identifier=this.identifier, type='table') -%}

  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}

  {% do run_query('create schema if not exists ' ~ stage_relation.without_identifier()) %}
  {% do run_query('drop table if exists ' ~ stage_relation) %}
  {% call statement('main') -%}
    create table {{ stage_relation }} as (
      {{ compiled_code }}
    )
  {%- endcall %}
  {#- The plugin reads the staging table on its own cursor: commit it first. -#}
  {% do adapter.commit() %}

  {% do adapter.store_relation(config.get('lake_plugin', 'lake'), target_relation, [], location, 'iceberg', {
      'mode': mode,
      'stage': stage_relation | string,
      'location': location,
      'namespace_location': root,
      'partition_by': config.get('partition_by', []),
      'properties': config.get('iceberg_properties', {}),
  }) %}

  {#- dbt commits this last transaction after the materialization returns. -#}
  {% do run_query('drop table if exists ' ~ stage_relation) %}
  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}

  {{ return({'relations': [target_relation]}) }}
{% endmacro %}
