# zips-jaeger: the layout of the official jaegertracing/jaeger v2 image (cmd/jaeger/Dockerfile at v1.75.0: the
# binary at /cmd/jaeger/jaeger-linux as the entrypoint, sampling-strategies.json beside it, JAEGER_LISTEN_HOST=0.0.0.0,
# a /tmp volume, user 10001) around the jaeger that scripts/ci/real-stack-tools.sh builds from tools/real-stack/jaeger.
# Upstream's base is Alpine; here it is scratch plus a static busybox (Debian's busybox-static), the CA bundle and a
# world-writable /tmp, so that zips' compose healthcheck (`wget -q -O /dev/null http://127.0.0.1:16686/`) and a shell
# work as in the official image.
#
# The build context is made by that script: jaeger, busybox (both mode 0755), ca-certificates.crt (the host's bundle)
# and sampling-strategies.json (from the jaeger module). Nothing is pulled; legacy-builder syntax only.
FROM scratch
ARG USER_UID=10001
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN ["/bin/busybox", "mkdir", "-p", "-m", "1777", "/tmp"]
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV JAEGER_LISTEN_HOST=0.0.0.0
COPY jaeger /cmd/jaeger/jaeger-linux
COPY sampling-strategies.json /cmd/jaeger/sampling-strategies.json
VOLUME ["/tmp"]
ENTRYPOINT ["/cmd/jaeger/jaeger-linux"]
USER ${USER_UID}
# Sampling HTTP/gRPC, OTLP gRPC/HTTP, Jaeger collector HTTP/gRPC, Zipkin, UI and query API, health check gRPC/HTTP.
EXPOSE 5778 5779 4317 4318 14268 14250 9411 16686 13132 13133
