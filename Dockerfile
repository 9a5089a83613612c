# Production image: gunicorn serving 'app:create_app()' as a non-root user, on the real OVH API.
# The same image runs a task-queue worker with `docker run IMAGE worker` (same settings and
# REDIS_URL as the web containers; its health is on the web's /healthz, so run it with
# --no-healthcheck).
# It needs OVH credentials, SECRET_KEY and PANEL_URL, and stops with their names when one is missing.
FROM python:3.11-slim AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY pyproject.toml requirements.lock ./
# Exact versions with their hashes: the image gets what CI tested, byte for byte.
RUN /opt/venv/bin/pip install --require-hashes -r requirements.lock
COPY translations ./translations
RUN /opt/venv/bin/pybabel compile -d translations

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 panel
WORKDIR /srv/panel
COPY --from=build /opt/venv /opt/venv
COPY --from=build /src/translations ./translations
COPY app ./app
COPY gunicorn.conf.py ./gunicorn.conf.py
COPY templates ./templates
COPY static ./static
COPY migrations ./migrations
COPY scripts/docker-entrypoint.sh ./scripts/docker-entrypoint.sh
RUN mkdir -p instance && chown panel:panel instance
USER panel
ENV PATH=/opt/venv/bin:$PATH FLASK_APP=app:create_app PYTHONUNBUFFERED=1 PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
ENTRYPOINT ["./scripts/docker-entrypoint.sh"]
CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2} --threads 4 --access-logfile - 'app:create_app()'"]
