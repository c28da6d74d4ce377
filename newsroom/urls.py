"""Root URLs: the admin (with the research pages) and the API (each app's api/urls.py)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # Before the admin's own URLs, whose catch-all would answer these.
    path("admin/research/", include("research.admin_urls")),
    path("admin/", admin.site.urls),
    path("api/", include("newsroom.api_urls")),
]
