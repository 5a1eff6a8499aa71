# zips: the ZIP-code API, with its OpenTelemetry bootstrap preloaded.
#
#   docker build -t zips:latest .
#   docker run --rm --init -p 127.0.0.1:5000:5000 -e OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318 zips:latest
#
# BASE_IMAGE must provide node 24 + npm and a `node` user (uid 1000), like the official slim image. Where no
# registry is reachable, scripts/ci/base-image.sh makes an equivalent zips-base:node24-bookworm locally.
# Works with both BuildKit and the legacy builder (Debian's docker.io has no buildx), hence no RUN --mount.
ARG BASE_IMAGE=node:24-bookworm-slim

# --- deps: every dependency, exactly as locked ---------------------------------------------------------------
FROM ${BASE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/collector-config/package.json packages/collector-config/
COPY packages/test-support/package.json packages/test-support/
COPY packages/collector/package.json packages/collector/
COPY packages/server/package.json packages/server/
COPY packages/cli/package.json packages/cli/
# --ignore-scripts: the root postinstall would build before the sources are copied, and the `node`
# devDependency would download a second Node; the image's own node runs everything below.
RUN npm ci --ignore-scripts --no-audit --no-fund --no-update-notifier

# --- prod-deps: the server's production dependencies only -------------------------------------------------------
# npm itself leaves out every devDependency (no zips package depends back on the CLI, so nothing drags its tree in).
# Installed again from the npm cache the deps stage filled: no second download, the same locked versions. The
# workspace links in node_modules/@zips point at package folders the runtime image does not have: gone too.
FROM deps AS prod-deps
RUN rm -rf node_modules packages/*/node_modules \
 && npm ci --omit=dev --workspace packages/server --ignore-scripts --prefer-offline \
      --no-audit --no-fund --no-update-notifier \
 && rm -rf node_modules/@zips \
 && mkdir -p packages/server/node_modules

# --- build: compile the server and generate data/zips.json ----------------------------------------------------
FROM deps AS build
COPY tsconfig.base.json ./
COPY packages/collector-config/tsconfig.json packages/collector-config/
COPY packages/test-support/tsconfig.json packages/test-support/
COPY packages/collector/tsconfig.json packages/collector/
COPY packages/server/package.json packages/server/tsconfig.json packages/server/
COPY packages/server/src/ packages/server/src/
# Only the server's sources: the image runs nothing else. The server's tsconfig references the collector and the
# test support for its tests only, which the build context leaves out, so `tsc -p` needs those tsconfig files but
# not their outputs.
# Explicit commands rather than `npm run build`, which would put node_modules/.bin (the skipped `node`
# devDependency) first on PATH.
RUN node_modules/.bin/tsc -p packages/server \
 && node packages/server/dist/src/dataset/build-dataset-cli.js

# --- app: the server as it runs --------------------------------------------------------------------------------
FROM ${BASE_IMAGE} AS app
ENV NODE_ENV=production \
    PORT=5000 \
    HOST=0.0.0.0
WORKDIR /app
# The repository layout is kept (/app/packages/server/dist, /app/templates, /app/data): the server finds its
# templates and dataset relative to its own files. Everything stays owned by root and read-only to `node`.
COPY --from=prod-deps /app/package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=prod-deps /app/packages/server/node_modules ./packages/server/node_modules
COPY --from=build /app/packages/server/package.json ./packages/server/
COPY --from=build /app/packages/server/dist/src ./packages/server/dist/src
COPY --from=build /app/data/zips.json ./data/zips.json
COPY templates/ ./templates/
USER node
EXPOSE 5000
STOPSIGNAL SIGTERM
# Slim images have no curl; node's own fetch asks the server, on whatever PORT it was given.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 5000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The Node counterpart of `opentelemetry-instrument`: the telemetry bootstrap is preloaded before the app.
# node handles SIGTERM itself, from its first statement on (drains requests, flushes spans; during startup it
# exits 0 without serving); compose adds `init: true` to reap zombies.
# The V8 flags are the server's `zips.nodeFlags` (packages/server/package.json; a server test keeps this line
# equal to them): they keep RSS under load about 200 MB instead of 300-400 MB with telemetry on.
ENTRYPOINT ["node", "--max-semi-space-size=8", "--heap-growing-percent=50", "--import", "./packages/server/dist/src/telemetry/register.js", "packages/server/dist/src/main.js"]

# --- live-update: what `tilt up` builds (the Tiltfile's docker_build target) ----------------------------------
# Tilt's live_update unpacks the synced files with tar inside the running container, as the image's user. In
# `app` the synced folders are root's, so that tar fails and Tilt falls back to a full image build on every
# edit. Here `node` owns them (and only them); the image users run stays read-only to `node`.
FROM app AS live-update
USER root
RUN mkdir -p packages/server/src \
 && chown -R node:node packages/server/src packages/server/dist templates
USER node

# --- runtime (the default target): the app, read-only to `node` -----------------------------------------------
FROM app AS runtime
