#!/bin/sh
# Applies migrations, then runs the command (gunicorn). The panel itself refuses to start without
# its OVH credentials, SECRET_KEY and PANEL_URL, and says which are missing.
set -e
flask db upgrade
exec "$@"
