"""Admin lock-out rules for django-axes: per account and address, per account, per address.

Axes compares one failure count with one limit. Here each group of attempts in
AXES_LOCKOUT_PARAMETERS has its own limit, so that one account's guesses lock that account at
that address first (not a whole shared office), and a successful login clears only the
failures of the account that logged in.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from rest_framework.throttling import BaseThrottle


def client_address(request) -> str:
    """The client's address, as the API throttle reads it (see TRUSTED_PROXY_COUNT)."""
    return BaseThrottle().get_ident(request)


def failure_limit(parameter) -> int:
    """The limit of one group of AXES_LOCKOUT_PARAMETERS ("username", ["username", ...])."""
    if parameter == "username":
        return settings.AXES_USER_FAILURE_LIMIT
    if parameter == "ip_address":
        return settings.AXES_ADDRESS_FAILURE_LIMIT
    return settings.AXES_FAILURE_LIMIT


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The account-and-address count, or AXES_FAILURE_LIMIT once any group is at its limit.

        Axes locks out when this reaches AXES_FAILURE_LIMIT.
        """
        groups = zip(
            settings.AXES_LOCKOUT_PARAMETERS,
            self.get_user_attempts(request, credentials),
            strict=True,
        )
        counts = [
            (attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0, failure_limit(group))
            for group, attempts in groups
        ]
        failures = counts[0][0]
        if any(count >= limit for count, limit in counts):
            return max(failures, settings.AXES_FAILURE_LIMIT)
        return failures

    def reset_user_attempts(self, request, credentials=None) -> int:
        # Only the account that logged in: not everyone who shares its address.
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
