"""The research charts' geometry (research/charts.py)."""

from datetime import date
from itertools import combinations

from research.charts import operations_chart


def test_statements_of_one_day_under_one_operation_are_each_visible_and_clickable():
    day = date(2025, 3, 3)
    rows = {
        pk: {"placed": day, "text": "words", "source_id": 1, "review_status": "pending"}
        for pk in range(1, 6)
    }
    group = {
        "operation": {"id": 9, "name": "Operation Harbour"},
        "first_date": day,
        "last_date": date(2025, 3, 9),
        "statement_count": 5,
        "statements": list(rows),
    }
    chart = operations_chart([group], rows)
    # Farther apart than a dot's radius (5 px): no dot covers another's centre.
    for a, b in combinations(chart.marks, 2):
        assert ((a.x - b.x) ** 2 + (a.y - b.y) ** 2) ** 0.5 > 5
