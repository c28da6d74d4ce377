"""Routes of the reconciliation service, under /api/reconcile/ (included by newsroom/urls.py).

Suggest, preview and property paths have no trailing slash: clients join the manifest's
`service_url` and `service_path`, or fill in its `{{id}}` templates, and take them as they are.
"""

from csp.decorators import csp_replace
from django.urls import path
from django.views.decorators.clickjacking import xframe_options_exempt

from reconcile import views

# Clients show previews in an iframe of their own pages; the page holds no form or action.
framed = csp_replace({"frame-ancestors": ["*"]})

urlpatterns = [
    path("reconcile/", views.EndpointView.as_view(), name="reconcile"),
    *(
        path(
            f"reconcile/suggest/{kind}",
            views.SuggestView.as_view(kind=kind),
            name=f"reconcile-suggest-{kind}",
        )
        for kind in ("entity", "type", "property")
    ),
    path("reconcile/properties", views.PropertiesView.as_view(), name="reconcile-properties"),
    path(
        "reconcile/preview/<str:entity_id>",
        xframe_options_exempt(framed(views.PreviewView.as_view())),
        name="reconcile-preview",
    ),
    path(
        "reconcile/entities/<str:entity_id>",
        views.EntityView.as_view(),
        name="reconcile-entity",
    ),
]
