"""The admin login is throttled: django-axes locks out after AXES_FAILURE_LIMIT failures."""

import pytest
from django.conf import settings

from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def attempt(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "reporter", "password": password})


def test_repeated_failed_admin_logins_lock_the_account_out(client):
    StaffUserFactory(username="reporter", password="right-pass-123")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "wrong-pass")
        assert response.status_code == 200  # the form again, with an error
    assert attempt(client, "wrong-pass").status_code == 429  # the last failure allowed

    response = attempt(client, "right-pass-123")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_few_failures_do_not_lock_out(client):
    StaffUserFactory(username="reporter", password="right-pass-123")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong-pass")

    response = attempt(client, "right-pass-123")

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
