#!/usr/bin/env bash
# The test suite: install the dev requirements, then pytest (extra arguments pass through).
# SQLite by default; DATABASE_URL=postgres://... runs the same suite on PostgreSQL.
source "$(dirname "$0")/_venv.sh" requirements-dev.txt
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-test-only-secret-key-not-for-production}
export DJANGO_SECURE_SSL_REDIRECT=0
exec .venv/bin/python -m pytest "$@"
