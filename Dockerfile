# The hub as a container image: the same install, release steps and process definition as
# docs/deploying.md and CI's production stage (.ci/production), in two stages.
#
#   docker build -t improvement-hub .
#   docker compose up          (compose.yaml: the hub with PostgreSQL, Redis, OpenSearch, S3)
#
# Each container runs one process of the Procfile: `honcho start web`, `honcho start worker`
# or `honcho start scheduler`. Release steps (migrate) run once per deploy:
#   docker compose run --rm web python manage.py migrate --noinput

# --- build: a virtualenv with the hub's runtime dependencies, no compilers left behind ---
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN python -m venv /venv
COPY pyproject.toml README.md ./
COPY requirements/ requirements/
COPY hub/ hub/
COPY pages/ pages/
COPY submissions/ submissions/
COPY directory/ directory/
COPY search/ search/
# The production install: no test or demo extras (CI checks the same install).
RUN /venv/bin/pip install -c requirements/constraints.txt -e .
COPY . .
# Compiled translations and hashed, compressed static files are part of the image. The
# release settings need a key and hosts to load; these build-time values are never used to
# serve anything.
RUN /venv/bin/python manage.py compile_translations --force \
    && DJANGO_SETTINGS_MODULE=hub.settings.production SECRET_KEY=build-only-not-a-secret \
       ALLOWED_HOSTS=localhost HUB_BASE_URL=https://localhost HUB_VAR_DIR=/app/var \
       /venv/bin/python manage.py collectstatic --noinput

# --- run: a small image, a user without privileges ---
FROM python:3.11-slim-bookworm AS run
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=hub.settings.production HUB_VAR_DIR=/app/var PORT=8000
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin hub
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=hub:hub /app /app
USER hub
EXPOSE 8000
# Orchestrators check GET /health/ (JSON, 503 when a required part is down; see
# docs/deploying.md), with X-Forwarded-Proto: https as the TLS proxy sends it.
CMD ["honcho", "start", "web"]
