"""Routes of the research API; newsroom/api_urls.py adds them under /api/."""

from django.urls import path

from research.api import views

urlpatterns = [
    path(
        "operations/<str:pk>/timeline/",
        views.OperationTimelineView.as_view(),
        name="operation-timeline",
    ),
    path("people/<str:pk>/record/", views.PersonRecordView.as_view(), name="person-record"),
    path(
        "organisations/<str:pk>/record/",
        views.OrganisationRecordView.as_view(),
        name="organisation-record",
    ),
    path("network/", views.NetworkView.as_view(), name="network"),
]
