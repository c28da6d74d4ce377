"""Routes of the entities API; newsroom/api_urls.py merges them into the one /api/ router."""

from rest_framework.routers import SimpleRouter

from entities.api import views

router = SimpleRouter()
router.register("people", views.PersonViewSet, basename="person")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("operations", views.OperationViewSet, basename="operation")
router.register("roles", views.RoleViewSet, basename="role")
