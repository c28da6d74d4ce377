"""The Celery app for queued ingestion (`load_seeds --queue`); workers share the database.

Start workers on any machine that reaches the broker and the PostgreSQL database:
    celery -A newsroom worker --concurrency 1 --loglevel INFO
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
