#!/usr/bin/env bash
# Smoke test of docker-compose.yml: brings the stack up (building the three images from the root
# Dockerfile and the packaged jars), waits until every service is healthy, places one checkout
# through frontend on 127.0.0.1 and expects 201 PAID, then takes the stack down again (volumes too).
# Uses `docker compose` (v2) if present, else `docker-compose` (v1.29). Image variables come from
# the environment (on a machine without a registry: source scripts/air-gapped-images.env first).
#
# Usage: ./mvnw -q -DskipTests package && scripts/compose-smoke-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

HEALTHY_TIMEOUT_SECONDS=180
PORT="${FRONTEND_PORT:-8080}"
# Its own project name: never touches a stack someone started from this directory by hand.
export COMPOSE_PROJECT_NAME=storefront-smoke

if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi

down() { "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true; }
trap down EXIT

started=$SECONDS
"${compose[@]}" up -d --build
echo "compose up returned after $((SECONDS - started)) s"

services=(postgres payments orders frontend)
deadline=$((SECONDS + HEALTHY_TIMEOUT_SECONDS))
while :; do
  pending=()
  for service in "${services[@]}"; do
    id="$("${compose[@]}" ps -q "$service")"
    [ "$(docker inspect --format '{{.State.Health.Status}}' "$id" 2>/dev/null)" = healthy ] || pending+=("$service")
  done
  [ "${#pending[@]}" = 0 ] && break
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "not healthy after ${HEALTHY_TIMEOUT_SECONDS} s: ${pending[*]}" >&2
    "${compose[@]}" ps >&2
    "${compose[@]}" logs --tail=30 "${pending[@]}" >&2
    exit 1
  fi
  sleep 1
done
echo "all services healthy $((SECONDS - started)) s after compose up"

answer="$(curl -sS --max-time 15 -w '\n%{http_code}' -X POST "http://127.0.0.1:$PORT/api/checkout" \
  -H 'Content-Type: application/json' \
  -d '{"customerEmail":"smoke@example.com","items":[{"sku":"SKU-1","quantity":2}]}')"
status="$(tail -n 1 <<<"$answer")"
body="$(head -n -1 <<<"$answer")"
echo "checkout: $status $body"
if [ "$status" != 201 ] || ! grep -q '"status":"PAID"' <<<"$body"; then
  echo "expected 201 PAID" >&2
  exit 1
fi
