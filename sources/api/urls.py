"""Routes of the sources API; newsroom/api_urls.py merges them into the one /api/ router."""

from rest_framework.routers import SimpleRouter

from sources.api import views

router = SimpleRouter()
router.register("statements", views.StatementViewSet, basename="statement")
router.register("sources", views.SourceViewSet, basename="source")
router.register("mentions", views.MentionViewSet, basename="mention")
