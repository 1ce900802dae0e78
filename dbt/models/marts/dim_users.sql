-- Signed-in users (events with a user_id), from page views and video events.
-- Counts leave bots out; first/last seen include every event.
{{ config(layer='dimensions') }}

with activity as (

    select user_id, viewed_at as seen_at, session_id, 'page_view' as kind, is_bot, country, device_type
    from {{ ref('stg_page_views') }}
    where user_id is not null

    union all

    select user_id, occurred_at as seen_at, session_id, 'video_event' as kind, is_bot, country, device_type
    from {{ ref('stg_video_events') }}
    where user_id is not null

)

select
    user_id,
    min(seen_at) as first_seen_at,
    max(seen_at) as last_seen_at,
    cast(count(*) filter (where kind = 'page_view' and not is_bot) as bigint) as page_views,
    cast(count(*) filter (where kind = 'video_event' and not is_bot) as bigint) as video_events,
    cast(count(distinct session_id) as bigint) as sessions,
    arg_max(country, seen_at) as last_country,
    arg_max(device_type, seen_at) as last_device_type

from activity
group by user_id
