"""The newsroom research database project. The Celery app is loaded with Django."""

from newsroom.celery import app as celery_app

__all__ = ["celery_app"]
