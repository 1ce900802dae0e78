-- Video player events, one row per event_id (first received wins, as in stg_page_views).
with source as (

    select * from {{ source_or_empty('events', 'video_events') }}

),

renamed as (

    select
        event_id,
        "timestamp" as occurred_at,
        cast(timezone('UTC', "timestamp") as date) as event_date,
        coalesce(received_at, "timestamp") as received_at,
        session_id,
        user_id,
        coalesce(user_id, 'session:' || session_id) as visitor_id,
        project_id,
        environment,
        'video:' || video_id as content_id,
        video_id,
        action,
        position as position_seconds,
        duration as duration_seconds,
        playback_rate,
        quality,
        buffered as buffered_seconds,
        country,
        browser,
        os,
        device_type,
        coalesce(is_bot, false) as is_bot

    from source

)

select * from renamed
qualify row_number() over (partition by event_id order by received_at, occurred_at) = 1
