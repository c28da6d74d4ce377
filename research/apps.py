"""The research app: its admin pages' templates and static files, and the API views."""

from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = "Research"
