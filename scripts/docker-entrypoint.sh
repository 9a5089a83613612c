#!/bin/sh
# Applies migrations; with no OVH credentials, also seeds and starts the built-in sandbox.
set -e
flask db upgrade
if [ -z "${OVH_APPLICATION_KEY}${OVH_CLIENT_ID}" ] && [ ! -f ./ovh.conf ] && [ ! -f "$HOME/.ovh.conf" ] && [ ! -f /etc/ovh.conf ]; then
  flask demo prepare
  flask sandbox serve --host 127.0.0.1 --port "${SANDBOX_PORT:-8081}" &
fi
exec "$@"
