"""API throttles whose counts hold when requests arrive at once, in any worker.

DRF's throttles read a client's request history from the cache and write it back: requests
that overlap (in several threads or workers) read the same history, and all but one of them
go uncounted, so parallel clients got two or three times their rate. Here the read and the
write run under a lock per client: a Redis lock, or a database transaction (an advisory lock
on PostgreSQL; SQLite's immediate transactions let one writer in at a time).
"""

import threading
import zlib
from contextlib import contextmanager

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, router, transaction
from rest_framework import throttling

_process_lock = threading.Lock()  # the local-memory cache (tests): one process


@contextmanager
def client_lock(key: str):
    """Hold the lock of one throttle key while its history is read and written."""
    backend = caches[DEFAULT_CACHE_ALIAS]  # where DRF's throttles keep their histories
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client(key, write=True)
        with client.lock(f"lock:{key}", timeout=5, blocking_timeout=5):
            yield
    elif isinstance(backend, BaseDatabaseCache):
        alias = router.db_for_write(backend.cache_model_class)
        with transaction.atomic(using=alias):
            connection = connections[alias]
            if connection.vendor == "postgresql":
                # Without waiting for the commit to reach the disk (1-3 ms a request here): a
                # crash may lose the last counts, which lets a client a few more requests.
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_advisory_xact_lock(%s), "
                        "set_config('synchronous_commit', 'off', true)",
                        [zlib.crc32(key.encode())],
                    )
            yield
    else:
        with _process_lock:
            yield


class LockedThrottleMixin:
    def allow_request(self, request, view):
        key = self.get_cache_key(request, view) if self.rate else None
        if key is None:
            return super().allow_request(request, view)
        with client_lock(key):
            return super().allow_request(request, view)


class AnonRateThrottle(LockedThrottleMixin, throttling.AnonRateThrottle):
    """Anonymous clients, per address (REMOTE_ADDR; see TRUSTED_PROXY_COUNT)."""


class UserRateThrottle(LockedThrottleMixin, throttling.UserRateThrottle):
    """Logged-in clients, per account.

    Anonymous clients are left to AnonRateThrottle: counted here too (DRF counts them per
    address at the user rate), each of their requests paid a second locked read and write of
    a history (a transaction and a commit, 2-3 ms on PostgreSQL) for a rate they reach later.
    """

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)
