# The one image for web, worker, beat and migrate (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango and HarfBuzz for WeasyPrint (PDF reports), gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
        fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Only the production lock, every file checked against its hash; the development and
# test tools (requirements-dev.lock) stay out. pip and setuptools of the base image are
# brought to their current releases.
COPY requirements.lock ./
RUN pip install --upgrade pip setuptools \
    && pip install --require-hashes -r requirements.lock

COPY . .
# Static files are collected with production settings (the manifest storage needs them);
# the values below exist only for this build step.
RUN DEBUG=false \
    SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-build-only \
    ALLOWED_HOSTS=build.invalid \
    DATABASE_URL=postgres://build@build.invalid/build \
    REDIS_URL=redis://build.invalid:6379/0 \
    EMAIL_HOST=build.invalid \
    SERVICE_OWNER=build.invalid \
    ACCESSIBILITY_CONTACT_EMAIL=build@build.invalid \
    python manage.py collectstatic --noinput \
    && useradd --create-home --uid 1000 mentorship \
    && mkdir -p /app/media && chown mentorship /app/media

USER mentorship
EXPOSE 8000
# The same server as docker-compose.yml's web service (docs/operator/deploy.md).
CMD ["gunicorn", "mentorship.wsgi:application", "--bind=0.0.0.0:8000", "--worker-class=gthread", "--workers=3", "--threads=4", "--timeout=60"]
