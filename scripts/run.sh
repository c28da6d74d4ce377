#!/usr/bin/env bash
# The main job on a fresh machine: install, migrate, load the seeds, serve admin and API.
# SQLite by default; set DATABASE_URL for PostgreSQL, PORT for another port than 8000.
# Local use: debug on, loopback only.
source "$(dirname "$0")/_venv.sh" requirements.txt
export DJANGO_DEBUG=${DJANGO_DEBUG:-1}
PORT=${PORT:-8000}
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py load_seeds
# Commands in this message (indented by four spaces) are run by tests/test_docs_commands.py.
cat <<EOF

Serving http://127.0.0.1:$PORT/ : the admin at /admin/, the API at /api/, its docs at /api/docs/.

Without a login you see only verified records, and a fresh database has none yet: every
extracted record waits for review. Create a login (it asks for a password) in another shell
in this folder, then log in at http://127.0.0.1:$PORT/admin/ (or with the "Log in" link of
the API pages):

    DJANGO_DEBUG=1 .venv/bin/python manage.py createsuperuser --username admin --email admin@example.org

Stop the server with Ctrl-C.
EOF
exec .venv/bin/python manage.py runserver "127.0.0.1:$PORT"
