#!/usr/bin/env bash
# Runs the sandbox, the panel and a task-queue worker side by side until Ctrl-C, then stops them.
set -euo pipefail
BIN=${BIN:-.venv/bin}
PORT=${PORT:-8000}
SANDBOX_PORT=${SANDBOX_PORT:-8081}
SMTP_PORT=${SMTP_PORT:-8025}
export PANEL_DEMO=1
# The demo's email goes to its own catch-all server, read on the administrators' Mail caught page.
export MAIL_SERVER=127.0.0.1 MAIL_PORT="$SMTP_PORT" MAIL_USE_TLS=0 MAIL_CATCH_DIR="$PWD/instance/caught-mail"
# A chat destination may be tried on the demo's own machine (e.g. Apprise's mailto:// to the
# catch-all server): loopback is let through here only; the panel refuses it otherwise.
export NOTIFY_ALLOWED_HOSTS="${NOTIFY_ALLOWED_HOSTS:-127.0.0.1}"

# Each server in its own session: Ctrl-C reaches this script only, which stops them in order.
setsid "$BIN/flask" sandbox serve --host 127.0.0.1 --port "$SANDBOX_PORT" &
sandbox_pid=$!
setsid "$BIN/flask" mail catch --port "$SMTP_PORT" &
mail_pid=$!
setsid "$BIN/gunicorn" --bind "127.0.0.1:$PORT" --workers 2 --threads 4 --access-logfile - \
  --graceful-timeout 5 'app:create_app()' &
panel_pid=$!
# The task queue's worker (Huey on instance/queue.db): follows tasks, sends notifications.
setsid "$BIN/flask" queue worker --threads 2 &
worker_pid=$!

stop() {
  trap - INT TERM EXIT
  kill -INT "$worker_pid" 2>/dev/null || true
  kill "$panel_pid" "$sandbox_pid" 2>/dev/null || true
  kill "$mail_pid" 2>/dev/null || true
  wait "$worker_pid" "$panel_pid" "$sandbox_pid" "$mail_pid" 2>/dev/null || true
  echo
  echo "Stopped the panel, the queue worker, the mail catcher and the sandbox."
}
trap stop INT TERM EXIT

for _ in $(seq 1 50); do
  if "$BIN/python" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=1)" 2>/dev/null; then
    break
  fi
  sleep 0.2
done
cat <<TXT

  The panel is running on the built-in OVH sandbox:  http://127.0.0.1:$PORT/
  The sandbox (OVH API stand-in) answers on:         http://127.0.0.1:$SANDBOX_PORT/1.0
$("$BIN/flask" demo sign-ins)

  A task-queue worker runs beside them (jobs on instance/queue.db), and every email the
  panel sends is caught on 127.0.0.1:$SMTP_PORT: read it at http://127.0.0.1:$PORT/admin/mail

  Press Ctrl-C to stop them all.

TXT
wait -n "$panel_pid" "$sandbox_pid" "$worker_pid" "$mail_pid"
