"""The admin site: the newsroom's own sections first, and how much waits for review.

INSTALLED_APPS names NewsroomAdminConfig in place of "django.contrib.admin", so `admin.site`
(and every `@admin.register`) is this site.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.html import format_html

# The newsroom's work first; Django's and the libraries' sections (auth, tokens, lock-outs)
# follow in their usual alphabetical order.
FIRST = ["curation", "sources", "entities"]


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Newsroom research database"
    site_title = "Newsroom admin"
    index_template = "curation/admin_index.html"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        # sort() is stable: the other sections keep their alphabetical order.
        apps.sort(
            key=lambda app: (
                FIRST.index(app["app_label"]) if app["app_label"] in FIRST else len(FIRST)
            )
        )
        return apps

    def index(self, request, extra_context=None):
        response = super().index(request, extra_context)
        show_pending(response.context_data["app_list"], request.user)
        return response


def show_pending(app_list, user) -> None:
    """Add "N pending" to the review queue and to every model whose records wait for review."""
    from curation.queue import kinds_for, pending_counts

    kinds = kinds_for(user)
    counts = pending_counts(kinds)
    by_model = {kind.model_class: counts[kind.key] for kind in kinds}
    for app in app_list:
        for model in app["models"]:
            if model["object_name"] == "ReviewQueue":
                pending = sum(counts.values())
            elif model["model"] in by_model:
                pending = by_model[model["model"]]
            else:
                continue
            model["name"] = format_html(
                '{} <span class="pending-count{}">{} pending</span>',
                model["name"],
                "" if pending else " none",
                f"{pending:,}",
            )


class NewsroomAdminConfig(AdminConfig):
    default_site = "curation.sites.NewsroomAdminSite"
