#!/usr/bin/env bash
# Builds the real programs that the zips stack orchestrates, from their published Go modules, because no release
# download site or container registry is reachable here (the Go module proxy is):
#   otelcol-contrib  zips' OpenTelemetry Collector distribution: collector core v0.160.0 (stable modules v1.66.0)
#                    and contrib v0.160.0 components, made by the OpenTelemetry Collector Builder v0.160.0 from
#                    tools/real-stack/otelcol-builder.yaml
#   jaeger           Jaeger v2.12.0 (module github.com/jaegertracing/jaeger v1.75.0), tools/real-stack/jaeger
#   docker-compose   the Docker Compose v2 CLI v5.6.0 as a Docker CLI plugin, tools/real-stack/compose
#   tilt             Tilt v0.37.6, tools/real-stack/tilt
# and, when a Docker engine answers, the images zips-otelcol-contrib:0.160.0 and zips-jaeger:2.12.0 (FROM scratch:
# `docker build` pulls nothing).
#
# Prints only `export ...` lines on stdout; progress goes to stderr. So a shell or a CI step prepares itself with
#   eval "$(bash scripts/ci/real-stack-tools.sh)"
# which puts the binaries on PATH and sets ZIPS_OTELCOL_BIN, ZIPS_JAEGER_BIN, ZIPS_COMPOSE_BIN, ZIPS_TILT_BIN and,
# when the images exist, ZIPS_COLLECTOR_IMAGE and ZIPS_JAEGER_IMAGE.
#
# Idempotent and cached: a program is rebuilt only when its recipe changes (its committed inputs in tools/real-stack/,
# the build flags below, the Go version), so a re-run with everything built takes about a second. Go's own caches
# (GOMODCACHE, GOCACHE) are used as they are; cold, the four builds take about 15 minutes on 2 cores and fill about
# 3 GB of module cache and 4 GB of build cache. Everything else lands in the git-ignored build folder.
#
# Environment:
#   ZIPS_REAL_STACK_DIR      build folder                                (default .tools/real-stack in the repo)
#   ZIPS_REAL_STACK_ONLY     what to make, of: otelcol jaeger compose tilt (default all four)
#   ZIPS_REAL_STACK_IMAGES   auto | 1 | 0: make the images                (default auto: when `docker info` answers)
#   ZIPS_REAL_STACK_TIMEOUT  seconds allowed for one build step           (default 1200)
#   ZIPS_REAL_STACK_FORCE    1: rebuild even what is up to date           (default 0)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
src="$repo/tools/real-stack"

# stdout carries the export lines only: keep it on fd 3 and send everything else to stderr.
exec 3>&1 1>&2

say() { printf 'real-stack-tools: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

dir=${ZIPS_REAL_STACK_DIR:-$repo/.tools/real-stack}
only=${ZIPS_REAL_STACK_ONLY:-otelcol jaeger compose tilt}
images_mode=${ZIPS_REAL_STACK_IMAGES:-auto}
step_timeout=${ZIPS_REAL_STACK_TIMEOUT:-1200}
force=${ZIPS_REAL_STACK_FORCE:-0}
# Bump when a change to this script should rebuild what it made before.
recipe_version=1

for name in $only; do
  case $name in
    otelcol | jaeger | compose | tilt) ;;
    *) die "unknown program '$name' in ZIPS_REAL_STACK_ONLY (expected: otelcol jaeger compose tilt)" ;;
  esac
done
wanted() { case " $only " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# --- Go ----------------------------------------------------------------------------------------------------------
go_bin=$(command -v go || true)
if [ -z "$go_bin" ] && [ -x /usr/local/go/bin/go ]; then
  go_bin=/usr/local/go/bin/go
  export PATH="/usr/local/go/bin:$PATH"
fi
[ -n "$go_bin" ] || die "go is not installed (nor on PATH, nor at /usr/local/go/bin/go); these tools are built from \
their Go modules, so install Go 1.26.8 (the newest that tools/real-stack/*/go.mod ask for) and run this again"
# Never fetch another Go toolchain behind our back: a go.mod asking for a newer Go fails with Go's own clear message.
# No go.work either: each tools module stands alone.
export GOTOOLCHAIN=local GOWORK=off
mapfile -t goenv < <("$go_bin" env GOVERSION GOOS GOARCH GOCACHE GOMODCACHE || true)
[ "${#goenv[@]}" -eq 5 ] || die "\`$go_bin env\` failed; is the Go installation complete?"
go_version=${goenv[0]}
# Warm default caches are used as they are; where Go has none (no HOME, say), the build folder holds them.
if [ -z "${goenv[3]}" ] || [ "${goenv[3]}" = off ]; then export GOCACHE="$dir/cache/go-build"; fi
if [ -z "${goenv[4]}" ]; then export GOMODCACHE="$dir/cache/mod"; fi

mkdir -p "$dir/bin" "$dir/build" "$dir/logs" "$dir/stamps" "$dir/docker-cli-plugins"
# Two runs at once (two shells, say) would build into the same folder: the second waits for the first.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$dir/.lock"
  flock 9
fi

# --- helpers -----------------------------------------------------------------------------------------------------
# The version a tools module requires of a module, read from its go.mod (no go command, so it is instant).
required_version() { awk -v m="$2" '($1 == m || ($1 == "require" && $2 == m)) { v = ($1 == m) ? $2 : $3 } END { print v }' "$src/$1/go.mod"; }

# key FILE... FLAGS: a hash of everything a build depends on (the files, the flags, this recipe, the Go version).
key() {
  local flags=${*: -1} f
  {
    printf 'recipe %s\n%s %s/%s\nflags %s\n' "$recipe_version" "$go_version" "${goenv[1]}" "${goenv[2]}" "$flags"
    # Contents and base names only: the same inputs give the same key in any clone or module cache.
    for f in "${@:1:$#-1}"; do printf '%s %s\n' "$(sha256sum <"$f" | cut -c1-64)" "${f##*/}"; done
  } | sha256sum | cut -c1-32
}

# fresh NAME BINARY KEY: the binary exists and was made by this recipe.
fresh() {
  [ "$force" != 1 ] && [ -x "$2" ] && [ -f "$dir/stamps/$1" ] && [ "$(cat "$dir/stamps/$1")" = "$3" ]
}

# run LOGNAME COMMAND...: runs a build step with a time limit, its output in a log; the log's end on failure.
run() {
  local log="$dir/logs/$1.log" started=$SECONDS
  shift
  if ! timeout --kill-after=10 "$step_timeout" "$@" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "failed after $((SECONDS - started))s: $* (whole log: $log)"
  fi
}

# The release time of a module (from the module proxy's info), for version banners.
module_date() { (cd "$src/$1" && "$go_bin" list -m -f '{{with .Time}}{{.Format "2006-01-02T15:04:05Z"}}{{end}}' "$2"); }

exports=()
export_var() { exports+=("$(printf 'export %s=%q' "$1" "$2")"); }

# --- otelcol-contrib: the OpenTelemetry Collector Builder on the committed manifest ----------------------------
build_otelcol() {
  local bin="$dir/bin/otelcol-contrib" k flags
  flags="ocb $(required_version builder go.opentelemetry.io/collector/cmd/builder) --skip-strict-versioning=false"
  k=$(key "$src/otelcol-builder.yaml" "$src/builder/go.mod" "$src/builder/go.sum" "$flags")
  if fresh otelcol "$bin" "$k"; then
    say "otelcol-contrib is up to date"
  else
    say "building otelcol-contrib with the OpenTelemetry Collector Builder (cold: about 3 minutes)"
    local started=$SECONDS
    (cd "$src/builder" && run ocb "$go_bin" build -trimpath -ldflags='-s -w' -o "$dir/build/ocb" \
      go.opentelemetry.io/collector/cmd/builder)
    # The manifest's output_path (./build/otelcol-contrib) is relative to the build folder. The builder generates
    # main.go and components.go there, runs go mod tidy, checks that every module is at the manifest's release and
    # compiles with CGO_ENABLED=0 -trimpath -ldflags "-s -w" (the manifest's cgo_enabled is false).
    rm -rf "$dir/build/otelcol-contrib"
    (cd "$dir" && run otelcol "$dir/build/ocb" --config "$src/otelcol-builder.yaml" --skip-strict-versioning=false)
    mv -f "$dir/build/otelcol-contrib/otelcol-contrib" "$bin"
    printf '%s\n' "$k" >"$dir/stamps/otelcol"
    say "built $("$bin" --version) in $((SECONDS - started))s"
  fi
  export_var ZIPS_OTELCOL_BIN "$bin"
}

# --- jaeger: go build of the tools module's tool -----------------------------------------------------------------
jaeger_module_version() { required_version jaeger github.com/jaegertracing/jaeger; }
# Jaeger tags each v2 release on the same commit as a v1 module version: v2.N.0 is v1.(63+N).0 (v2.12.0 = v1.75.0).
jaeger_version() {
  local v
  v=$(jaeger_module_version)
  v=${v#v1.}
  printf '2.%s.0\n' "$((${v%%.*} - 63))"
}

build_jaeger() {
  local bin="$dir/bin/jaeger" k v
  v=$(jaeger_version)
  local ldflags="-s -w -X github.com/jaegertracing/jaeger/internal/version.latestVersion=v$v"
  k=$(key "$src/jaeger/go.mod" "$src/jaeger/go.sum" "CGO_ENABLED=0 -trimpath $ldflags")
  if fresh jaeger "$bin" "$k"; then
    say "jaeger is up to date"
  else
    say "building jaeger v$v (cold: about 6 minutes)"
    local started=$SECONDS
    ldflags+=" -X github.com/jaegertracing/jaeger/internal/version.date=$(module_date jaeger github.com/jaegertracing/jaeger)"
    (cd "$src/jaeger" && run jaeger env CGO_ENABLED=0 "$go_bin" build -trimpath -ldflags="$ldflags" -o "$bin.tmp" \
      github.com/jaegertracing/jaeger/cmd/jaeger)
    mv -f "$bin.tmp" "$bin"
    printf '%s\n' "$k" >"$dir/stamps/jaeger"
    say "built jaeger $("$bin" --version 2>/dev/null | sed -n 's/^jaeger version //p') in $((SECONDS - started))s"
  fi
  export_var ZIPS_JAEGER_BIN "$bin"
}

# --- docker-compose: the Compose v2 CLI, as a Docker CLI plugin ------------------------------------------------------
build_compose() {
  local bin="$dir/docker-cli-plugins/docker-compose" k v
  v=$(required_version compose github.com/docker/compose/v5)
  # As compose's Makefile: CGO_ENABLED=0, -trimpath, the e2e tag, the version in internal.Version.
  local ldflags="-s -w -X github.com/docker/compose/v5/internal.Version=$v"
  k=$(key "$src/compose/go.mod" "$src/compose/go.sum" "CGO_ENABLED=0 -trimpath -tags e2e $ldflags")
  if fresh compose "$bin" "$k"; then
    say "docker-compose is up to date"
  else
    say "building docker compose $v (cold: about 2 minutes)"
    local started=$SECONDS
    (cd "$src/compose" && run compose env CGO_ENABLED=0 "$go_bin" build -trimpath -tags e2e -ldflags="$ldflags" \
      -o "$bin.tmp" github.com/docker/compose/v5/cmd)
    mv -f "$bin.tmp" "$bin"
    printf '%s\n' "$k" >"$dir/stamps/compose"
    say "built $("$bin" version) in $((SECONDS - started))s"
  fi
  install_compose_plugin "$bin"
  export_var ZIPS_COMPOSE_BIN "$bin"
}

# The Docker CLI finds plugins in ~/.docker/cli-plugins and in system folders such as
# /usr/local/lib/docker/cli-plugins; there is no environment variable for an extra folder. A symlink there keeps
# the binary in the build folder. A real file (someone's own Compose plugin) is left alone.
install_compose_plugin() {
  local target=$1 plugins link
  if [ "$(id -u)" -eq 0 ]; then plugins=/usr/local/lib/docker/cli-plugins; else plugins="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"; fi
  link="$plugins/docker-compose"
  if [ -e "$link" ] && [ ! -L "$link" ]; then
    say "warning: $link is another Compose plugin; left as it is (\$ZIPS_COMPOSE_BIN is ours)"
    return 0
  fi
  if [ "$(readlink "$link" 2>/dev/null || true)" != "$target" ]; then
    mkdir -p "$plugins"
    ln -sfn "$target" "$link"
    say "installed the Compose plugin: $link -> $target"
  fi
  # ~/.docker/cli-plugins comes first in the CLI's search: say so when another plugin there shadows ours.
  if command -v docker >/dev/null 2>&1; then
    local seen
    seen=$(docker compose version --short 2>/dev/null || true)
    [ "$seen" = "$("$target" version --short)" ] ||
      say "warning: \`docker compose\` answers '${seen:-nothing}', not ours; another plugin comes first in the CLI's search"
  fi
}

# --- tilt: go build with cgo, from a copy of its module that holds a stand-in web page ----------------------------
# Tilt needs cgo (go-tree-sitter), as upstream builds it (CGO_ENABLED=1, -tags osusergo); the external linker makes
# it static. Its web UI's JavaScript is bundled only by Tilt's release pipeline, and a Go build without it refuses to
# start (`running in prod mode, but JS/CSS files are not available`), so the module is copied into the build folder
# and tools/real-stack/tilt/web-placeholder/index.html put where the bundle would be; the copy stands in for the
# module through a replace in the build folder's go.mod. Tilt's API and `tilt ci` work; the browser UI is that page.
build_tilt() {
  local bin="$dir/bin/tilt" k v
  v=$(required_version tilt github.com/tilt-dev/tilt)
  local flags="CGO_ENABLED=1 -trimpath -tags osusergo,netgo -ldflags -s -w -X main.version=${v#v} -linkmode external -extldflags -static"
  k=$(key "$src/tilt/go.mod" "$src/tilt/go.sum" "$src/tilt/web-placeholder/index.html" "$flags")
  if fresh tilt "$bin" "$k"; then
    say "tilt is up to date"
  else
    command -v "${CC:-cc}" >/dev/null 2>&1 || die "tilt needs a C compiler (cgo); install gcc (apt-get install gcc)"
    say "building tilt $v (cold: about 6 minutes)"
    local started=$SECONDS work="$dir/build/tilt" mod_dir date
    mod_dir=$(cd "$src/tilt" && "$go_bin" mod download -json "github.com/tilt-dev/tilt@$v" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
    [ -d "$mod_dir" ] || die "go mod download github.com/tilt-dev/tilt@$v gave no module folder"
    date=$(module_date tilt github.com/tilt-dev/tilt)
    rm -rf "$work"
    mkdir -p "$work"
    cp "$src/tilt/go.mod" "$src/tilt/go.sum" "$work/"
    cp -R "$mod_dir" "$work/tilt-src"
    chmod -R u+w "$work/tilt-src"
    cp "$src/tilt/web-placeholder/index.html" "$work/tilt-src/pkg/assets/build/index.html"
    (cd "$work" && "$go_bin" mod edit -replace github.com/tilt-dev/tilt=./tilt-src &&
      run tilt env CGO_ENABLED=1 "$go_bin" build -trimpath -tags osusergo,netgo \
        -ldflags="-s -w -X main.version=${v#v} -X main.date=${date%%T*} -linkmode external -extldflags -static" \
        -o "$bin.tmp" github.com/tilt-dev/tilt/cmd/tilt)
    mv -f "$bin.tmp" "$bin"
    printf '%s\n' "$k" >"$dir/stamps/tilt"
    say "built tilt $("$bin" version) in $((SECONDS - started))s"
  fi
  export_var ZIPS_TILT_BIN "$bin"
}

# --- images ------------------------------------------------------------------------------------------------------
# A static busybox for the Jaeger image's wget and shell: the host's when Debian's busybox-static provides it,
# otherwise that package downloaded (not installed) into the build folder.
static_busybox() {
  if [ "$(dpkg-query -W -f='${Status}' busybox-static 2>/dev/null)" = "install ok installed" ] && [ -x /bin/busybox ]; then
    printf '/bin/busybox\n'
    return 0
  fi
  local bb="$dir/build/busybox-static"
  if [ ! -x "$bb/bin/busybox" ]; then
    say "fetching Debian's busybox-static for the Jaeger image"
    rm -rf "$bb"
    mkdir -p "$bb"
    (cd "$bb" && run busybox apt-get download busybox-static) ||
      die "cannot download busybox-static (run apt-get update first, or apt-get install busybox-static)"
    dpkg-deb -x "$bb"/busybox-static_*.deb "$bb"
  fi
  printf '%s\n' "$bb/bin/busybox"
}

# build_image NAME TAG DOCKERFILE STAMP SOURCE=FILE...: builds TAG from DOCKERFILE and the SOURCEs (copied into the
# context as FILE) unless the image's org.zips.recipe label says it was made from the same inputs. STAMP is the
# binary's build stamp, which stands for the binary in that recipe (hashing 100 MB on every run would be slow).
# Sets image_built=1 when it built.
build_image() {
  local name=$1 tag=$2 dockerfile=$3 stamp=$4 k have old ctx f
  shift 4
  local inputs=("$dockerfile" "$stamp")
  for f in "$@"; do
    case ${f##*=} in otelcol-contrib | jaeger) ;; *) inputs+=("${f%%=*}") ;; esac
  done
  k=$(key "${inputs[@]}" "docker build $tag")
  image_built=0
  have=$(docker image inspect --format '{{index .Config.Labels "org.zips.recipe"}}' "$tag" 2>/dev/null || true)
  if [ "$force" != 1 ] && [ "$have" = "$k" ]; then
    say "image $tag is up to date"
    return 0
  fi
  say "building image $tag"
  ctx="$dir/build/image-$name"
  rm -rf "$ctx"
  mkdir -p "$ctx"
  for f in "$@"; do cp "${f%%=*}" "$ctx/${f##*=}"; done
  cp "$dockerfile" "$ctx/Dockerfile"
  chmod 0644 "$ctx"/*
  for f in otelcol-contrib jaeger busybox; do if [ -f "$ctx/$f" ]; then chmod 0755 "$ctx/$f"; fi; done
  old=$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
  # DOCKER_BUILDKIT=0: the legacy builder, which every engine has; BuildKit would need the buildx plugin.
  # --network none: the RUN steps need no network, and it works even when the engine runs without a bridge.
  run "image-$name" env DOCKER_BUILDKIT=0 docker build --network none --label "org.zips.recipe=$k" -t "$tag" "$ctx"
  rm -rf "$ctx"
  # The image must run: its entrypoint answers --version without network or config.
  docker run --rm --network none "$tag" --version >&2 || die "image $tag does not run"
  if [ -n "$old" ] && [ "$old" != "$(docker image inspect --format '{{.Id}}' "$tag")" ]; then
    docker image rm "$old" >/dev/null 2>&1 || true
  fi
  image_built=1
}

make_images() {
  case $images_mode in
    0 | no | false) return 0 ;;
  esac
  if ! command -v docker >/dev/null 2>&1 || ! timeout 20 docker info >/dev/null 2>&1; then
    [ "$images_mode" = auto ] || die "ZIPS_REAL_STACK_IMAGES=$images_mode but no Docker engine answers \`docker info\`"
    say "no Docker engine answers; skipping the images (scripts/ci/docker-engine.sh starts one)"
    return 0
  fi
  local certs=/etc/ssl/certs/ca-certificates.crt
  [ -f "$certs" ] || die "$certs is missing (apt-get install ca-certificates)"
  if wanted otelcol; then
    local collector_image
    collector_image="zips-otelcol-contrib:$(awk '$1 == "version:" { print $2; exit }' "$src/otelcol-builder.yaml")"
    build_image otelcol "$collector_image" "$src/images/otelcol-contrib.Dockerfile" "$dir/stamps/otelcol" \
      "$dir/bin/otelcol-contrib=otelcol-contrib" "$certs=ca-certificates.crt" "$src/images/otelcol-config.yaml=config.yaml"
    export_var ZIPS_COLLECTOR_IMAGE "$collector_image"
  fi
  if wanted jaeger; then
    local jaeger_image busybox strategies
    jaeger_image="zips-jaeger:$(jaeger_version)"
    busybox=$(static_busybox)
    strategies="$GOMODCACHE_DIR/github.com/jaegertracing/jaeger@$(jaeger_module_version)/cmd/jaeger/sampling-strategies.json"
    [ -f "$strategies" ] || strategies=$(cd "$src/jaeger" &&
      "$go_bin" mod download -json github.com/jaegertracing/jaeger | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')/cmd/jaeger/sampling-strategies.json
    build_image jaeger "$jaeger_image" "$src/images/jaeger.Dockerfile" "$dir/stamps/jaeger" \
      "$dir/bin/jaeger=jaeger" "$busybox=busybox" "$certs=ca-certificates.crt" "$strategies=sampling-strategies.json"
    # zips' compose healthcheck runs busybox wget in this image.
    if [ "$image_built" = 1 ]; then
      docker run --rm --network none --entrypoint /bin/sh "$jaeger_image" -c 'command -v wget' >/dev/null ||
        die "image $jaeger_image has no wget"
    fi
    export_var ZIPS_JAEGER_IMAGE "$jaeger_image"
  fi
}

# --- main --------------------------------------------------------------------------------------------------------
GOMODCACHE_DIR=${GOMODCACHE:-${goenv[4]}}
started=$SECONDS
wanted otelcol && build_otelcol
wanted jaeger && build_jaeger
wanted compose && build_compose
wanted tilt && build_tilt
make_images
say "ready in $((SECONDS - started))s: $dir"

if [[ ":$PATH:" != *":$dir/bin:"* ]]; then
  # shellcheck disable=SC2016 # $PATH is for the shell that evals this line
  exports=("$(printf 'export PATH=%q:"$PATH"' "$dir/bin")" "${exports[@]}")
fi
export_var ZIPS_REAL_STACK_DIR "$dir"
printf '%s\n' "${exports[@]}" >&3
