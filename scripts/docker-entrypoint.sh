#!/bin/sh
# Applies migrations, then runs the command (gunicorn), or a task-queue worker for `worker`. The
# panel itself refuses to start without its OVH credentials, SECRET_KEY and PANEL_URL, and says
# which are missing.
set -e
flask db upgrade
# `docker run IMAGE worker`: the same image as a task-queue worker (it shares REDIS_URL).
if [ "${1:-}" = "worker" ]; then
  shift
  exec flask queue worker "$@"
fi
exec "$@"
