-- Site-wide metrics per UTC day, bots left out: traffic (pageviews, visitors,
-- sessions), video plays and completions, and the top value of each dimension
-- (ties go to the alphabetically first value).
{{ config(layer='aggregates') }}

with page_views as (

    select * from {{ ref('fact_page_views') }}
    where not is_bot

),

traffic as (

    select
        view_date as metric_date,
        cast(count(*) as bigint) as pageviews,
        cast(count(distinct visitor_id) as bigint) as visitors,
        cast(count(distinct session_id) as bigint) as sessions,
        cast(count(distinct user_id) as bigint) as signed_in_users

    from page_views
    group by view_date

),

video as (

    select
        event_date as metric_date,
        cast(sum(plays) as bigint) as video_plays,
        cast(sum(completions) as bigint) as video_completions

    from {{ ref('fact_video_engagement') }}
    group by event_date

),

dimension_values as (

    {% for dimension in ['page_url', 'referrer', 'country', 'device_type', 'browser'] %}
    select view_date as metric_date, '{{ dimension }}' as dimension, {{ dimension }} as value, count(*) as views
    from page_views
    where {{ dimension }} is not null
    group by view_date, {{ dimension }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

top_ranked as (

    select * from dimension_values
    qualify row_number() over (partition by metric_date, dimension order by views desc, value) = 1

),

top_values as (

    select
        metric_date,
        {% for dimension in ['page_url', 'referrer', 'country', 'device_type', 'browser'] %}
        max(value) filter (where dimension = '{{ dimension }}') as top_{{ dimension }}{% if not loop.last %},{% endif %}
        {% endfor %}

    from top_ranked
    group by metric_date

),

days as (

    select metric_date from traffic
    union
    select metric_date from video

)

select
    days.metric_date,
    coalesce(traffic.pageviews, 0) as pageviews,
    coalesce(traffic.visitors, 0) as visitors,
    coalesce(traffic.sessions, 0) as sessions,
    coalesce(traffic.signed_in_users, 0) as signed_in_users,
    coalesce(video.video_plays, 0) as video_plays,
    coalesce(video.video_completions, 0) as video_completions,
    top_values.top_page_url,
    top_values.top_referrer,
    top_values.top_country,
    top_values.top_device_type,
    top_values.top_browser

from days
left join traffic using (metric_date)
left join video using (metric_date)
left join top_values using (metric_date)
