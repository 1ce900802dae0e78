-- Content people look at: pages (by URL) and videos (by video_id), keyed by
-- content_id (`page:<url>`, `video:<id>`). Views leave bots out.
{{ config(layer='dimensions') }}

with pages as (

    select
        content_id,
        'page' as content_type,
        page_url,
        cast(null as varchar) as video_id,
        arg_max(page_title, viewed_at) as title,
        cast(null as double) as duration_seconds,
        min(viewed_at) as first_seen_at,
        max(viewed_at) as last_seen_at,
        cast(count(*) filter (where not is_bot) as bigint) as views

    from {{ ref('stg_page_views') }}
    group by content_id, page_url

),

videos as (

    select
        content_id,
        'video' as content_type,
        cast(null as varchar) as page_url,
        video_id,
        cast(null as varchar) as title,
        max(duration_seconds) as duration_seconds,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at,
        cast(count(*) filter (where action = 'play' and not is_bot) as bigint) as views

    from {{ ref('stg_video_events') }}
    group by content_id, video_id

)

select * from pages
union all by name
select * from videos
