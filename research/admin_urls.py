"""The research pages under /admin/research/, behind the admin's login."""

from django.contrib import admin
from django.urls import path

from research import admin_views

app_name = "research_admin"

urlpatterns = [
    path(
        "operation/<int:pk>/timeline/",
        admin.site.admin_view(admin_views.operation_timeline),
        name="operation-timeline",
    ),
    path(
        "person/<int:pk>/record/",
        admin.site.admin_view(admin_views.person_record),
        name="person-record",
    ),
    path(
        "organisation/<int:pk>/record/",
        admin.site.admin_view(admin_views.organisation_record),
        name="organisation-record",
    ),
    path("network/", admin.site.admin_view(admin_views.network), name="network"),
]
