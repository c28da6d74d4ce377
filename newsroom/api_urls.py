"""The API under /api/: one router for every app's viewsets, the exports, the schema and docs."""

from django.urls import path
from drf_spectacular.views import (
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from core.api.schema_view import SchemaView
from entities.api.ftm import FtMExportView
from entities.api.urls import router as entities_router
from research.api.urls import urlpatterns as research_urls
from sources.api.urls import router as sources_router

router = DefaultRouter()
router.registry.extend(entities_router.registry)
router.registry.extend(sources_router.registry)

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    # Served from static files with no inline script (the split view's start-up script is a
    # file of its own), so they work under the site's Content-Security-Policy.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(template_name="api_docs/swagger_ui.html"),
        name="docs",
    ),
    path("redoc/", SpectacularRedocView.as_view(template_name="api_docs/redoc.html"), name="redoc"),
    path("exports/ftm/", FtMExportView.as_view(), name="export-ftm"),
    *research_urls,
    *router.urls,
]
