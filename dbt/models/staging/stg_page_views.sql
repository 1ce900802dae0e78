-- Page views, one row per event_id. The collector drops a resent event only
-- within its dedupe window (24 h), so a later resend would land twice in the
-- raw table: keep the first one received.
with source as (

    select * from {{ source_or_empty('events', 'page_views') }}

),

renamed as (

    select
        event_id,
        "timestamp" as viewed_at,
        cast(timezone('UTC', "timestamp") as date) as view_date,
        coalesce(received_at, "timestamp") as received_at,
        session_id,
        user_id,
        -- A visitor is the signed-in user, else the session.
        coalesce(user_id, 'session:' || session_id) as visitor_id,
        project_id,
        environment,
        'page:' || page_url as content_id,
        page_url,
        page_title,
        referrer,
        utm_source,
        utm_medium,
        utm_campaign,
        time_on_page as time_on_page_seconds,
        country,
        browser,
        os,
        device_type,
        coalesce(is_bot, false) as is_bot

    from source

)

select * from renamed
qualify row_number() over (partition by event_id order by received_at, viewed_at) = 1
