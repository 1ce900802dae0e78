-- One row per page view. Incremental: each run appends the events received
-- since the newest one already here (less late_arrival_hours, for flushes that
-- commit late), skipping event_ids already present.
{{ config(
    materialized='iceberg_incremental',
    layer='facts',
    partition_by=['day(viewed_at)'],
) }}

with page_views as (

    select * from {{ ref('stg_page_views') }}

)

{% if is_incremental() %}
, watermark as (

    select coalesce(max(received_at), timestamptz '1970-01-01 00:00:00+00')
           - to_hours({{ var('late_arrival_hours') }}) as since
    from {{ this }}

)
{% endif %}

select
    event_id,
    viewed_at,
    view_date,
    received_at,
    session_id,
    user_id,
    visitor_id,
    content_id,
    page_url,
    page_title,
    referrer,
    utm_source,
    utm_medium,
    utm_campaign,
    time_on_page_seconds,
    country,
    browser,
    os,
    device_type,
    is_bot,
    project_id,
    environment

from page_views

{% if is_incremental() %}
where received_at > (select since from watermark)
  and event_id not in (
      select event_id from {{ this }} where received_at > (select since from watermark)
  )
{% endif %}
