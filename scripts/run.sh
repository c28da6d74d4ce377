#!/usr/bin/env bash
# The main job on a fresh machine: install, migrate, load the seeds, serve admin and API.
# SQLite by default; set DATABASE_URL for PostgreSQL. Local use: debug on, loopback only.
source "$(dirname "$0")/_venv.sh" requirements.txt
export DJANGO_DEBUG=${DJANGO_DEBUG:-1}
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py load_seeds
echo "Admin: http://127.0.0.1:${PORT:-8000}/admin/  API: http://127.0.0.1:${PORT:-8000}/api/"
echo "Create a login with: .venv/bin/python manage.py createsuperuser"
exec .venv/bin/python manage.py runserver "127.0.0.1:${PORT:-8000}"
