#!/usr/bin/env bash
# Stand-in base images for machines that cannot pull from any container registry (these build
# machines and CI): a Docker engine from Debian's packages, then the three base images the
# services' Dockerfile, docker-compose.yml and the e2e tests need, built from Debian packages with
# debootstrap + `docker import` instead of pulled from Docker Hub.
#
#   storefront-local/jre:25               Debian trixie + openjdk-25-jre-headless + curl
#   storefront-local/postgres:17          Debian trixie + postgresql-17, entrypoint honouring
#                                         POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB
#   storefront-local/dynamodb-local:2.6.1 com.amazonaws:DynamoDBLocal:2.6.1 from Maven Central
#                                         on the JRE image, laid out like amazon/dynamodb-local
#
# Idempotent: an engine that answers is used as it is, and images that exist are reused
# (--rebuild builds them again). At the end it prints the variable settings for compose and the
# tests and writes them to scripts/air-gapped-images.env, which a shell can source.
#
# Usage: sudo scripts/air-gapped-images.sh [--rebuild]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ENV_FILE="$ROOT/scripts/air-gapped-images.env"
SUITE=trixie
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
DYNAMODB_LOCAL_VERSION=2.6.1

JAVA_IMAGE=storefront-local/jre:25
POSTGRES_IMAGE=storefront-local/postgres:17
DYNAMODB_LOCAL_IMAGE=storefront-local/dynamodb-local:$DYNAMODB_LOCAL_VERSION

DOCKERD_LOG=/var/log/storefront-dockerd.log
DOCKER_WAIT_SECONDS=60

REBUILD=false
for arg in "$@"; do
  case "$arg" in
    --rebuild) REBUILD=true ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'air-gapped-images: %s\n' "$*" >&2; exit 1; }

WORK=""
cleanup() {
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    # A chroot mount left behind would make rm walk into the host's /proc.
    for m in "$WORK"/*/proc; do mountpoint -q "$m" 2>/dev/null && umount "$m"; done
    rm -rf --one-file-system "$WORK"
  fi
}
trap cleanup EXIT

apt_install() {
  [ "$(id -u)" = 0 ] || die "needs root to install $* (run it with sudo)"
  command -v apt-get >/dev/null || die "no apt-get: install $* by hand, then run again"
  log "installing $* from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

engine_answers() { docker info >/dev/null 2>&1; }

ensure_engine() {
  if command -v docker >/dev/null && engine_answers; then
    log "Docker engine: answering ($(docker version --format '{{.Server.Version}}'))"
    return
  fi
  command -v dockerd >/dev/null || apt_install docker.io
  engine_answers && return
  [ "$(id -u)" = 0 ] || die "no Docker engine answers, and starting one needs root"
  # vfs works on any filesystem, including inside a container (overlayfs does not on every one).
  # No iptables rules and no masquerading: published ports go through docker-proxy on the address
  # asked for (127.0.0.1 in compose and the tests), and containers get no route off the machine.
  log "starting dockerd (log: $DOCKERD_LOG)"
  setsid nohup dockerd --storage-driver=vfs --iptables=false --ip-masq=false \
    >>"$DOCKERD_LOG" 2>&1 </dev/null &
  local deadline=$((SECONDS + DOCKER_WAIT_SECONDS))
  until engine_answers; do
    [ "$SECONDS" -lt "$deadline" ] || die "dockerd did not answer within ${DOCKER_WAIT_SECONDS}s: see $DOCKERD_LOG"
    sleep 1
  done
  log "Docker engine: started ($(docker version --format '{{.Server.Version}}'))"
}

ensure_tools() {
  local missing=()
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
  [ "${#missing[@]}" = 0 ] || apt_install "${missing[@]}"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

wanted() {
  if [ "$REBUILD" = false ] && image_exists "$1"; then
    log "$1: exists, reused"
    return 1
  fi
  return 0
}

# debootstrap a minimal trixie with the given packages into $WORK/$1 (no recommends).
bootstrap() {
  local dir="$WORK/$1" packages="$2"
  log "$1: debootstrap $SUITE with $packages"
  debootstrap --variant=minbase --include="$packages" "$SUITE" "$dir" "$MIRROR" >"$WORK/$1.log" 2>&1 \
    || { tail -20 "$WORK/$1.log" >&2; die "debootstrap of $1 failed"; }
}

# What an image does not need at run time: package lists, caches, docs, man pages.
slim() {
  local dir="$1"
  chroot "$dir" apt-get clean
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/debconf/*-old \
    "$dir"/var/log/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/info/* \
    "$dir"/usr/share/locale/* "$dir"/tmp/* "$dir"/etc/resolv.conf
  : >"$dir/etc/machine-id" 2>/dev/null || true
}

# One layer: the whole tree. vfs copies a layer in full, so fewer layers means less disk.
import_tree() {
  local dir="$1" name="$2"; shift 2
  local change=()
  for c in "$@"; do change+=(--change "$c"); done
  tar --numeric-owner -C "$dir" -c . | docker import "${change[@]}" - "$name" >/dev/null
  log "$name: imported ($(docker image inspect --format '{{.Size}}' "$name" | numfmt --to=iec))"
}

PATH_ENV='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

build_jre() {
  wanted "$JAVA_IMAGE" || return 0
  bootstrap jre openjdk-25-jre-headless,curl,ca-certificates
  local dir="$WORK/jre" java_home
  java_home="$(dirname "$(dirname "$(chroot "$dir" readlink -f /usr/bin/java)")")"
  # The JDK's default CDS archive, which every JVM on the image maps (Debian's package ships it;
  # made here if not).
  # (By its real path: without /proc in the chroot, java cannot find its libraries via $ORIGIN.)
  [ -f "$dir$java_home/lib/server/classes.jsa" ] || chroot "$dir" "$java_home/bin/java" -Xshare:dump >/dev/null
  slim "$dir"
  import_tree "$dir" "$JAVA_IMAGE" "$PATH_ENV" "ENV JAVA_HOME=$java_home" 'ENV LANG=C.UTF-8' \
    'CMD ["java", "-version"]'
}

build_postgres() {
  wanted "$POSTGRES_IMAGE" || return 0
  bootstrap postgres ca-certificates
  local dir="$WORK/postgres"
  # Same uid/gid as the official image, so `user: postgres` and volume ownership carry over.
  chroot "$dir" groupadd --system --gid 999 postgres
  chroot "$dir" useradd --system --uid 999 --gid postgres --home-dir /var/lib/postgresql \
    --shell /bin/bash postgres
  # No cluster from the package (the entrypoint makes one in PGDATA), and no service start
  # inside the chroot.
  mkdir -p "$dir/etc/postgresql-common/createcluster.d"
  echo 'create_main_cluster = false' >"$dir/etc/postgresql-common/createcluster.d/storefront.conf"
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"; chmod +x "$dir/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$dir/etc/resolv.conf"
  mount -t proc proc "$dir/proc"
  log "postgres: installing postgresql-17"
  chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postgresql-17 >"$WORK/postgres-apt.log" 2>&1 || { tail -20 "$WORK/postgres-apt.log" >&2; die "postgresql-17 install failed"; }
  umount "$dir/proc"
  rm -f "$dir/usr/sbin/policy-rc.d"
  # LLVM serves only PostgreSQL's JIT (150 MB of the image); without its provider library the
  # server runs with JIT unavailable, as documented for jit_provider.
  rm -rf "$dir"/usr/lib/*/libLLVM*.so* "$dir"/usr/lib/postgresql/17/lib/llvmjit* \
    "$dir"/usr/lib/postgresql/17/lib/bitcode
  install -m 0755 "$ROOT/scripts/air-gapped/postgres-entrypoint.sh" "$dir/usr/local/bin/docker-entrypoint.sh"
  install -d -o 999 -g 999 -m 0700 "$dir/var/lib/postgresql/data"
  # /var/run is a symlink to /run (absolute: it must not be followed on the host).
  install -d -o 999 -g 999 -m 3777 "$dir/run/postgresql"
  slim "$dir"
  import_tree "$dir" "$POSTGRES_IMAGE" \
    'ENV PATH=/usr/lib/postgresql/17/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV PGDATA=/var/lib/postgresql/data' 'ENV LANG=C.UTF-8' \
    'VOLUME /var/lib/postgresql/data' 'EXPOSE 5432' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["postgres"]'
  # `docker import --change` does not take STOPSIGNAL. SIGINT is PostgreSQL's fast shutdown (as
  # in the official image); SIGTERM's smart shutdown would wait for every client to disconnect.
  printf 'FROM %s\nSTOPSIGNAL SIGINT\n' "$POSTGRES_IMAGE" | docker build -q -t "$POSTGRES_IMAGE" - >/dev/null
}

build_dynamodb_local() {
  wanted "$DYNAMODB_LOCAL_IMAGE" || return 0
  local ctx="$WORK/dynamodb-local"
  mkdir -p "$ctx/DynamoDBLocal_lib"
  log "dynamodb-local: com.amazonaws:DynamoDBLocal:$DYNAMODB_LOCAL_VERSION and its dependencies"
  sed "s/@VERSION@/$DYNAMODB_LOCAL_VERSION/" "$ROOT/scripts/air-gapped/dynamodb-local-pom.xml" >"$ctx/pom.xml"
  "$ROOT/mvnw" -B -q -ntp -f "$ctx/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$ctx/DynamoDBLocal_lib" \
    || die "could not get DynamoDBLocal $DYNAMODB_LOCAL_VERSION from Maven"
  rm -f "$ctx/pom.xml"
  # The Maven Central jar's manifest names the jars as the zip distribution does; a launcher
  # jar with the Maven names keeps `java -jar DynamoDBLocal.jar`, as in amazon/dynamodb-local.
  {
    echo "Main-Class: com.amazonaws.services.dynamodbv2.local.main.ServerRunner"
    printf 'Class-Path:'
    (cd "$ctx" && ls DynamoDBLocal_lib/*.jar) | sed 's/^/ /' | tr -d '\n' | fold -w 68 | sed '1!s/^/ /'
    echo
  } >"$ctx/MANIFEST.MF"
  (cd "$ctx" && jar --create --file DynamoDBLocal.jar --manifest MANIFEST.MF && rm MANIFEST.MF)
  cp "$ROOT/scripts/air-gapped/dynamodb-local.Dockerfile" "$ctx/Dockerfile"
  log "dynamodb-local: docker build"
  docker build -q --build-arg JAVA_IMAGE="$JAVA_IMAGE" -t "$DYNAMODB_LOCAL_IMAGE" "$ctx" >/dev/null
  log "$DYNAMODB_LOCAL_IMAGE: built ($(docker image inspect --format '{{.Size}}' "$DYNAMODB_LOCAL_IMAGE" | numfmt --to=iec))"
}

main() {
  local started=$SECONDS
  ensure_engine
  ensure_tools
  if [ "$REBUILD" = true ] || ! image_exists "$JAVA_IMAGE" || ! image_exists "$POSTGRES_IMAGE" \
      || ! image_exists "$DYNAMODB_LOCAL_IMAGE"; then
    [ "$(id -u)" = 0 ] || die "building the images needs root (debootstrap, chroot)"
    command -v jar >/dev/null || die "needs the JDK's jar tool (a JDK 17 or later on PATH)"
    WORK="$(mktemp -d /var/tmp/storefront-images.XXXXXX)"
  fi
  build_jre
  build_postgres
  build_dynamodb_local
  cat >"$ENV_FILE" <<VARS
# Written by scripts/air-gapped-images.sh: the stand-in base images on this machine.
export JAVA_IMAGE=$JAVA_IMAGE
export POSTGRES_IMAGE=$POSTGRES_IMAGE
export DYNAMODB_LOCAL_IMAGE=$DYNAMODB_LOCAL_IMAGE
# Testcontainers on this engine: Ryuk's image cannot be pulled, and with a /.dockerenv present
# Testcontainers would otherwise reach published ports through the bridge gateway.
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
VARS
  log "done in $((SECONDS - started)) s; settings written to ${ENV_FILE#"$ROOT"/}"
  echo "JAVA_IMAGE=$JAVA_IMAGE POSTGRES_IMAGE=$POSTGRES_IMAGE DYNAMODB_LOCAL_IMAGE=$DYNAMODB_LOCAL_IMAGE"
  echo "TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1"
}

main
