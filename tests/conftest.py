"""Shared fixtures: API clients per role, the spaCy pipeline, a temporary seeds folder."""

import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from rest_framework.test import APIClient

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def nlp():
    """The real pinned spaCy pipeline, loaded once per test session."""
    from sources.ingest.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(autouse=True)
def _throttle_counters_in_memory(settings):
    """Throttle counters in this process's memory, so query counts show a view's own queries,
    and empty at the start of each test, so no test inherits another's requests.

    Outside tests they live in Redis or a database table, shared by every worker; that is
    tested with real processes in tests/reliability/test_api_throttling.py.
    """
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def viewer(django_user_model):
    """A user who may view every model (and so sees unverified records), but not change them."""
    user = django_user_model.objects.create_user("viewer", password="x-viewer-pass-9")
    user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    return user


@pytest.fixture
def editor(django_user_model):
    """A user with every model permission of the project's apps, who may also review."""
    user = django_user_model.objects.create_user("editor", password="x-editor-pass-9")
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["entities", "sources"])
        | Permission.objects.filter(codename="review_records")
    )
    return user


@pytest.fixture
def seeds_dir(tmp_path) -> Path:
    """A writable copy of the project's seed documents."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
