{#- Fails for each combination of `columns` that appears on more than one row (a model's grain). -#}
{% test unique_combination_of_columns(model, columns) %}

select {{ columns | join(', ') }}, count(*) as rows_with_key
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
