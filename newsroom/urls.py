"""Root URLs: the front page, the admin and the API (each app's api/urls.py)."""

from django.contrib import admin
from django.urls import include, path

from newsroom import views

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("api/", include("newsroom.api_urls")),
]
