-- Video engagement per video and UTC day. A viewing is one session watching
-- one video on one day; its watch time is the furthest position it reached,
-- capped at the video's duration. Bots are left out.
{{ config(layer='facts', partition_by=['month(event_date)']) }}

with video_events as (

    select * from {{ ref('stg_video_events') }}
    where not is_bot

),

viewings as (

    select
        video_id,
        content_id,
        event_date,
        session_id,
        visitor_id,
        count(*) filter (where action = 'play') as plays,
        count(*) filter (where action = 'complete') as completions,
        bool_or(action = 'complete') as completed,
        least(max(position_seconds), max(duration_seconds)) as watched_seconds,
        max(duration_seconds) as duration_seconds

    from video_events
    group by video_id, content_id, event_date, session_id, visitor_id

)

select
    video_id,
    content_id,
    event_date,
    cast(sum(plays) as bigint) as plays,
    cast(sum(completions) as bigint) as completions,
    cast(count(*) as bigint) as viewings,
    cast(count(*) filter (where completed) as bigint) as completed_viewings,
    cast(count(distinct visitor_id) as bigint) as viewers,
    cast(count(*) filter (where completed) as double) / count(*) as completion_rate,
    cast(avg(watched_seconds) as double) as avg_watch_seconds,
    cast(max(duration_seconds) as double) as duration_seconds

from viewings
group by video_id, content_id, event_date
