"""Root URLs: the front page, the admin (with the research pages) and the API (each app's
api/urls.py)."""

from django.contrib import admin
from django.urls import include, path

from newsroom import views

urlpatterns = [
    # Before the admin's own URLs, whose catch-all would answer these.
    path("admin/research/", include("research.admin_urls")),
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("api/", include("reconcile.urls")),
    path("api/", include("newsroom.api_urls")),
]
