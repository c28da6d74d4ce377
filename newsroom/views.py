"""The front page (what the database holds, where to go next) and the favicon."""

from django.contrib.staticfiles.storage import staticfiles_storage
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView

from core.review import ReviewStatus
from entities.models import Operation, Organisation, Participation, Person, Role
from sources.models import Source, Statement

# What the front page counts, in the order a newsroom reads it.
COUNTED = [
    ("Statements", Statement),
    ("People", Person),
    ("Organisations", Organisation),
    ("Operations", Operation),
    ("Roles", Role),
    ("Participations in operations", Participation),
]


def home(request):
    """Counts by review status (numbers only, so the page is the same for everyone)."""
    rows = []
    for label, model in COUNTED:
        counts = model.objects.status_counts()
        rows.append((label, [counts[value] for value in ReviewStatus.values]))
    context = {
        "statuses": ReviewStatus.choices,
        "rows": rows,
        "sources": Source.objects.count(),
    }
    return render(request, "home.html", context)


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page says: send them to the static file."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return staticfiles_storage.url("newsroom/favicon.ico")


favicon = cache_control(max_age=86400)(FaviconView.as_view())
