# sendboard for production: gunicorn behind the council's HTTPS proxy, data in /data.
# Build: docker build -t sendboard .   Run: see compose.yaml and the README's "Deploying".
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts ./scripts
COPY sendboard/core/scss ./sendboard/core/scss
RUN npm run --silent build

FROM python:3.11-slim-bookworm
# Pango and fonts for WeasyPrint's PDFs; pg_dump for `sendboard backup` against PostgreSQL.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 sendboard
WORKDIR /app
COPY pyproject.toml README.md ./
COPY sendboard ./sendboard
COPY --from=assets /src/sendboard/core/static/sendboard/build ./sendboard/core/static/sendboard/build
RUN pip install --no-cache-dir .
ENV SENDBOARD_DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=8000 \
    PYTHONUNBUFFERED=1
RUN mkdir /data && chown sendboard /data
USER sendboard
VOLUME /data
EXPOSE 8000
HEALTHCHECK CMD sendboard health
CMD ["sh", "-c", "sendboard migrate --no-input && sendboard createcachetable && sendboard serve"]
