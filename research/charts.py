"""Geometry of the admin's server-rendered SVG charts: time scales, lanes and marks.

The templates draw what these compute; every text reaches the page through the template's
escaping. No script is needed to read the charts (hover titles and links are plain SVG).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.urls import reverse

WIDTH = 1160  # the SVG's user units; it scales to the page's width
LABELS = 210  # room for the lane names
UNDATED = 70  # a band at the right for undated marks
LANE = 26
AXIS = 30
MAX_LANES = 18


def source_reader_url(source_id: int, anchor: str = "") -> str:
    """The admin's source reader, scrolled to `anchor` (`statement-12`, `mention-3`)."""
    url = reverse("admin:sources_source_change", args=[source_id])
    return f"{url}#{anchor}" if anchor else url


@dataclass
class TimeScale:
    """Dates from `first` to `last` onto x from `left` to `right`."""

    first: date
    last: date
    left: float
    right: float

    def x(self, when: date) -> float:
        span = max((self.last - self.first).days, 1)
        return round(self.left + (when - self.first).days / span * (self.right - self.left), 1)

    def ticks(self, most: int = 9) -> list[tuple[float, str]]:
        """Days (every n days) over a short span; else month or year starts."""
        days = (self.last - self.first).days
        if days <= 62:
            step = next(s for s in (1, 2, 7, 14, 28) if days / s <= most)
            return [
                (self.x(self.first + timedelta(d)), f"{self.first + timedelta(d):%-d %b}")
                for d in range(0, days + 1, step)
            ]
        months = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month
        step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if months / s <= most), 120)
        year, month = self.first.year, self.first.month
        # Start at the first month after `first` aligned on the step.
        index = year * 12 + month - 1
        index += -index % step
        ticks = []
        while True:
            tick = date(index // 12, index % 12 + 1, 1)
            if tick > self.last:
                break
            if tick >= self.first:
                label = str(tick.year) if step >= 12 else tick.strftime("%b %Y")
                ticks.append((self.x(tick), label))
            index += step
        return ticks


def scale_for(dates: list[date], left: float, right: float) -> TimeScale | None:
    """A scale over `dates`, at least a week wide so that a single day has an axis too."""
    dated = [d for d in dates if d is not None]
    if not dated:
        return None
    first, last = min(dated), max(dated)
    if (last - first).days < 7:
        first, last = first - timedelta(3), last + timedelta(3)
    return TimeScale(first, last, left, right)


@dataclass
class Mark:
    x: float
    y: float
    shape: str  # "dot", "square", "diamond"
    css: str
    url: str
    title: str
    id: str

    @property
    def left(self) -> float:
        return round(self.x - 4, 1)

    @property
    def top(self) -> float:
        return round(self.y - 4, 1)


@dataclass
class Lane:
    label: str
    y: float
    url: str = ""
    count: int = 0
    span: tuple[float, float] | None = None  # a line from first to last mark


@dataclass
class Chart:
    width: int
    height: int
    lanes: list[Lane] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    rules: list[tuple[float, str]] = field(default_factory=list)  # vertical lines: x, label
    undated_x: float | None = None
    plot_left: int = LABELS
    plot_right: int = WIDTH - UNDATED - 10

    @property
    def label_x(self) -> int:
        return self.plot_left - 8

    @property
    def axis_y(self) -> int:
        return AXIS - 8


def admin_change_url(kind: str, pk: int) -> str:
    app = "sources" if kind in ("statement", "source") else "entities"
    return reverse(f"admin:{app}_{kind}_change", args=[pk])


SPREAD = 11  # pixels between the centres of two marks, so that each can be hovered and clicked


def free_spot(taken: dict, x: float, y: float) -> tuple[float, float]:
    """Where a mark goes in its lane: its own place, else just above or below it, else a few
    steps to the right (then it may overlap); marks of close days would hide one another.
    `taken` holds the lane's marks by grid cell, so a crowded lane stays fast."""

    def near(spot):
        cell = round(spot[0] / SPREAD)
        return (p for c in (cell - 1, cell, cell + 1) for p in taken.get(c, ()))

    spot = (x, y)
    for step in range(8):
        free = next(
            (
                (x + step * SPREAD, y + dy)
                for dy in (0, -SPREAD, SPREAD)
                if all(
                    (x + step * SPREAD - a) ** 2 + (y + dy - b) ** 2 >= SPREAD**2
                    for a, b in near((x + step * SPREAD, y + dy))
                )
            ),
            None,
        )
        if free is not None:
            spot = free
            break
    taken.setdefault(round(spot[0] / SPREAD), []).append(spot)
    return spot


def timeline_chart(timeline, *, lanes: str = "speaker", organisations: dict | None = None) -> Chart:
    """One lane per speaker (or per organisation: the speaking one, or the first one a
    speaking person holds a role in), then sources, then the operation's own events."""
    items = timeline.items
    chart = Chart(WIDTH, 0)
    scale = scale_for([i["date"] for i in items], chart.plot_left + 8, chart.plot_right - 8)
    chart.undated_x = WIDTH - UNDATED / 2

    def lane_of(item) -> tuple[str, str]:
        speaker = item["speaker"]
        if lanes == "organisation":
            if speaker["type"] == "organisation":
                return f"organisation:{speaker['id']}", speaker["name"]
            found = (organisations or {}).get(speaker["id"])
            return (f"organisation:{found[0]}", found[1]) if found else ("none", "No organisation")
        return f"{speaker['type']}:{speaker['id']}", speaker["name"]

    statements = [i for i in items if i["kind"] == "statement"]
    counts = Counter(lane_of(i) for i in statements)
    shown = [lane for lane, _ in counts.most_common(MAX_LANES)]
    rows = {lane: index for index, lane in enumerate(shown)}
    other = len(shown) if len(counts) > len(shown) else None
    names = [name for _, name in shown]
    if other is not None:
        names.append(f"{len(counts) - len(shown)} others")
    names += ["Sources", "Operation"]
    for index, name in enumerate(names):
        key = shown[index][0] if index < len(shown) else ""
        url = ""
        if ":" in key and key.split(":")[0] in ("person", "organisation"):
            kind, pk = key.split(":")
            url = reverse(f"research_admin:{kind}-record", args=[pk])
        chart.lanes.append(Lane(name, AXIS + index * LANE + LANE / 2, url))
    sources_row, operation_row = len(names) - 2, len(names) - 1
    chart.height = AXIS + len(names) * LANE + 10
    placed: dict[int, dict] = {}
    for item in items:
        if item["kind"] == "statement":
            row = rows.get(lane_of(item), other)
        elif item["kind"] == "source":
            row = sources_row
        else:
            row = operation_row
        x = scale.x(item["date"]) if item["date"] and scale else chart.undated_x
        y = AXIS + row * LANE + LANE / 2
        x, y = free_spot(placed.setdefault(row, {}), x, y)
        chart.lanes[row].count += 1
        chart.marks.append(timeline_mark(item, x, y))
        if item["kind"] in ("start", "end") and item["date"]:
            chart.rules.append((x, item["kind"]))
    if scale:
        chart.ticks = scale.ticks()
    return chart


def timeline_mark(item, x, y) -> Mark:
    kind, when = item["kind"], item["date"]
    dated = when.isoformat() if when else "undated"
    if item["date_precision"] == "source_date":
        dated += " (source date)"
    if kind == "statement":
        url = source_reader_url(item["source"]["id"], f"statement-{item['id']}")
        title = f"{dated} · {item['speaker']['name']}: “{item['text']}” — {item['source']['title']}"
        css = f"statement status-{item['review_status']} precision-{item['date_precision']}"
        return Mark(x, y, "dot", css, url, title, f"mark-statement-{item['id']}")
    if kind == "source":
        url = source_reader_url(item["id"], f"mention-{item['mention']}" if item["mention"] else "")
        return Mark(
            x,
            y,
            "square",
            "source",
            url,
            f"{dated} · source: {item['text']}",
            f"mark-source-{item['id']}",
        )
    if kind == "participation":
        url = source_reader_url(item["source"]["id"])
        return Mark(
            x,
            y,
            "diamond",
            "participation",
            url,
            f"{dated} · {item['text']}",
            f"mark-participation-{item['id']}",
        )
    url = admin_change_url("operation", item["id"])
    return Mark(
        x,
        y,
        "diamond",
        f"operation {kind}",
        url,
        f"{dated} · {item['text']}",
        f"mark-{kind}-{item['id']}",
    )


def monthly_chart(per_month: list[dict], *, height: int = 150) -> dict:
    """Bars of statements per month, a gap for months without any."""
    months = [row["month"] for row in per_month if row["month"]]
    undated = sum(row["count"] for row in per_month if row["month"] is None)
    if not months:
        return {"bars": [], "undated": undated, "width": WIDTH // 2, "height": height}
    first, last = min(months), max(months)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    width = 560
    left, bottom = 40, height - 22
    step = (width - left - 10) / count
    top = max(row["count"] for row in per_month if row["month"])
    bars = []
    for row in per_month:
        if not row["month"]:
            continue
        index = (row["month"].year - first.year) * 12 + row["month"].month - first.month
        h = max(1.0, row["count"] / top * (bottom - 10))
        # A few months draw as bars of a sensible width, not one bar across the chart.
        bar = min(max(step - 1, 1), 36)
        bars.append(
            {
                "x": round(left + index * step, 1),
                "y": round(bottom - h, 1),
                "w": round(bar, 1),
                "h": round(h, 1),
                "title": f"{row['month']:%b %Y}: {row['count']} statement(s)",
            }
        )
    labels = [(left, f"{first:%b %Y}")]
    if last != first:
        labels.append((width - 10, f"{last:%b %Y}"))
    return {
        "bars": bars,
        "undated": undated,
        "width": width,
        "height": height,
        "bottom": bottom,
        "top": top,
        "labels": labels,
        "left": left,
    }


def operations_chart(groups: list[dict], rows: dict, *, most: int = 14) -> Chart:
    """One row per operation: a line from its first to its last statement, and a dot for
    each listed statement, linked to its passage in the source reader."""
    groups = groups[:most]
    chart = Chart(560, AXIS + max(len(groups), 1) * LANE + 10, plot_left=200, plot_right=500)
    dates = [g[k] for g in groups for k in ("first_date", "last_date")]
    scale = scale_for(dates, chart.plot_left + 6, chart.plot_right - 6)
    chart.undated_x = chart.plot_right + 30
    for index, group in enumerate(groups):
        y = AXIS + index * LANE + LANE / 2
        operation = group["operation"]
        label = operation["name"] if operation else "About no operation"
        url = admin_change_url("operation", operation["id"]) if operation else ""
        lane = Lane(label, y, url, group["statement_count"])
        lane.span = (
            (scale.x(group["first_date"]), scale.x(group["last_date"]))
            if scale and group["first_date"]
            else None
        )
        chart.lanes.append(lane)
        taken: dict = {}  # statements of one day would be drawn on one another
        for pk in group["statements"]:
            row = rows[pk]
            when = row["placed"]
            x = scale.x(when) if scale and when else chart.undated_x
            x, y = free_spot(taken, x, AXIS + index * LANE + LANE / 2)
            title = f"{when or 'undated'}: “{row['text']}”"
            url = source_reader_url(row["source_id"], f"statement-{pk}")
            css = f"statement status-{row['review_status']}"
            chart.marks.append(Mark(x, y, "dot", css, url, title, f"mark-statement-{pk}"))
    if scale:
        chart.ticks = scale.ticks(most=5)
    return chart
