# zips-otelcol-contrib: the layout of the official otel/opentelemetry-collector-contrib image (FROM scratch, the CA
# bundle, the binary at /otelcol-contrib, a default config at /etc/otelcol-contrib/config.yaml, user 10001) around
# the collector that scripts/ci/real-stack-tools.sh builds from tools/real-stack/otelcol-builder.yaml.
#
# The build context is made by that script: otelcol-contrib (mode 0755), ca-certificates.crt (the host's bundle) and
# config.yaml (otelcol-config.yaml beside this file). Nothing is pulled: no registry is reachable here. Only what the
# legacy builder of Debian's docker.io understands is used (no COPY --chmod, no BuildKit syntax).
FROM scratch
ARG USER_UID=10001
ARG USER_GID=10001
USER ${USER_UID}:${USER_GID}
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY otelcol-contrib /otelcol-contrib
COPY config.yaml /etc/otelcol-contrib/config.yaml
ENTRYPOINT ["/otelcol-contrib"]
CMD ["--config", "/etc/otelcol-contrib/config.yaml"]
# OTLP gRPC, OTLP HTTP, health_check.
EXPOSE 4317 4318 13133
