#!/usr/bin/env bash
# Checks a running deploy/compose.yaml end to end through its published ports: a pool with two members and a
# waiting match between them; one member leaves; the match must be cleaned up through Pub/Sub, the trigger and the
# function. Exits 0 when it is, 1 (saying what it saw) when it is not within a minute.
set -euo pipefail

base=${MATCHFLOW_COMPOSE_HOST:-127.0.0.1}
user_match=http://$base:8080
pools=http://$base:8081
matches=http://$base:8082
trigger=http://$base:8083

await_health() {
  local name=$1 url=$2
  for _ in $(seq 1 120); do
    curl -sf "$url/healthz" >/dev/null && return
    sleep 1
  done
  echo "compose-check: $name did not answer on $url/healthz within two minutes" >&2
  exit 1
}

field() { # the value of a top-level string field of the JSON on stdin
  sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"
}

await_health user-match "$user_match"
await_health pools "$pools"
await_health matches "$matches"
await_health trigger "$trigger"

leaver=$(cat /proc/sys/kernel/random/uuid)
partner=$(cat /proc/sys/kernel/random/uuid)
pool=$(curl -sf -X POST "$pools/pools" -H 'Content-Type: application/json' -d '{"name":"compose-check"}' | field id)
for user in "$leaver" "$partner"; do
  curl -sf -X POST "$user_match/users/$user/pool" -H 'Content-Type: application/json' \
    -d "{\"pool_id\":\"$pool\"}" >/dev/null
done
match=$(curl -sf -X POST "$matches/matches" -H 'Content-Type: application/json' \
  -d "{\"pool_id\":\"$pool\",\"user_a_id\":\"$leaver\",\"user_b_id\":\"$partner\"}" | field id)
left=$(curl -sf -X DELETE "$user_match/users/$leaver/pool")
echo "compose-check: $leaver left pool $pool: $left"

for _ in $(seq 1 60); do
  status=$(curl -s -o /dev/null -w '%{http_code}' "$matches/matches/$match")
  if [ "$status" = 404 ]; then
    echo "compose-check: match $match was cleaned up; the trigger's deliveries: $(curl -sf "$trigger/deliveries")"
    exit 0
  fi
  sleep 1
done
echo "compose-check: match $match is still there a minute after the leave (status $status);" \
  "the trigger's deliveries: $(curl -s "$trigger/deliveries")" >&2
exit 1
