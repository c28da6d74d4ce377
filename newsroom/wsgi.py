"""WSGI entry point (gunicorn newsroom.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
application = get_wsgi_application()

# Import every view now rather than on the first request, then keep the objects of start-up
# (some 130,000) out of the collector's full passes: scanning them took 50-80 ms, a pause that
# one request in about sixty paid.
get_resolver().url_patterns  # noqa: B018
gc.freeze()
