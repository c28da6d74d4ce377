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


# --- Who a lock-out applies to (issue 14, point 3) ------------------------------------


@pytest.fixture
def fast_hashes(settings):
    # Dozens of logins: a fast hasher keeps each under a millisecond.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def login(client, username, password, address="203.0.113.10"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def logged_in(response) -> bool:
    return response.status_code == 302


def test_another_accounts_logins_do_not_clear_failures_from_the_same_address(client, fast_hashes):
    StaffUserFactory(username="admin", password="admin-pass-123")
    StaffUserFactory(username="researcher", password="researcher-pass-123")
    statuses = []
    for _ in range(24):
        statuses.append(login(client, "admin", "guess").status_code)
        assert logged_in(login(client.__class__(), "researcher", "researcher-pass-123"))

    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(statuses[settings.AXES_FAILURE_LIMIT - 1 :]) == {429}
    assert login(client, "admin", "admin-pass-123").status_code == 429


def test_a_locked_account_at_one_address_keeps_nobody_else_out(client, fast_hashes):
    StaffUserFactory(username="reporter", password="right-pass-123")
    StaffUserFactory(username="colleague", password="colleague-pass-123")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "reporter", "wrong-pass")

    assert login(client, "reporter", "right-pass-123").status_code == 429
    # The same office address, another account; the same account from elsewhere.
    assert logged_in(login(client.__class__(), "colleague", "colleague-pass-123"))
    assert logged_in(login(client.__class__(), "reporter", "right-pass-123", "198.51.100.4"))


def test_an_account_is_locked_everywhere_after_the_higher_per_user_count(
    client, fast_hashes, settings
):
    settings.AXES_USER_FAILURE_LIMIT = 8
    StaffUserFactory(username="reporter", password="right-pass-123")
    # Below the per-address limit at each of several addresses.
    for n in range(settings.AXES_USER_FAILURE_LIMIT):
        login(client.__class__(), "reporter", "wrong-pass", f"192.0.2.{n // 2}")

    assert login(client, "reporter", "right-pass-123", "198.51.100.99").status_code == 429


def test_a_success_resets_only_its_own_accounts_failures(client, fast_hashes):
    StaffUserFactory(username="reporter", password="right-pass-123")
    StaffUserFactory(username="editor", password="editor-pass-123")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "reporter", "wrong-pass")
        login(client, "editor", "wrong-pass")

    assert logged_in(login(client.__class__(), "editor", "editor-pass-123"))

    # The editor starts again from nothing; the reporter's failures still count.
    assert login(client, "reporter", "wrong-pass").status_code == 429
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "editor", "wrong-pass").status_code == 200


def test_failures_during_a_lock_out_do_not_extend_it(client, fast_hashes):
    from datetime import timedelta

    from axes.models import AccessAttempt

    StaffUserFactory(username="reporter", password="right-pass-123")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "reporter", "wrong-pass")
    cool_off = timedelta(hours=settings.AXES_COOLOFF_TIME)

    def age(by):
        for attempt in AccessAttempt.objects.all():
            attempt.attempt_time -= by
            attempt.save()

    age(cool_off - timedelta(minutes=5))
    assert login(client, "reporter", "wrong-pass").status_code == 429  # still locked
    age(timedelta(minutes=6))

    # The cool-off ran from the lock-out, not from the last try.
    assert logged_in(login(client, "reporter", "right-pass-123"))


def test_many_accounts_from_one_address_are_locked_out_at_the_address_limit(
    client, fast_hashes, settings
):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 12
    StaffUserFactory(username="reporter", password="right-pass-123")
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        login(client, f"user{n}", "wrong-pass")

    assert login(client, "reporter", "right-pass-123").status_code == 429
    assert logged_in(login(client.__class__(), "reporter", "right-pass-123", "198.51.100.5"))


def test_behind_a_trusted_proxy_the_lock_out_keys_on_the_forwarded_address(
    client, fast_hashes, monkeypatch
):
    from rest_framework.settings import api_settings

    monkeypatch.setattr(api_settings, "NUM_PROXIES", 1)
    StaffUserFactory(username="reporter", password="right-pass-123")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": "reporter", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.50",
        )

    def from_address(forwarded):
        return client.__class__().post(
            "/admin/login/",
            {"username": "reporter", "password": "right-pass-123"},
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    assert from_address("10.0.0.2, 203.0.113.50").status_code == 429
    assert logged_in(from_address("203.0.113.51"))
