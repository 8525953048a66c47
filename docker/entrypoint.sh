#!/bin/sh
# Container entrypoint for the console, the workers and the migration job. The Hatchet token is
# minted at run time by the hatchet-token job (docker-compose.yml) into a shared volume, so it
# cannot be a compose variable: when HATCHET_CLIENT_TOKEN is unset and HATCHET_CLIENT_TOKEN_FILE
# names a readable file, the token is read from it. Nothing is printed: the token is a credential.
set -eu
if [ -z "${HATCHET_CLIENT_TOKEN:-}" ] && [ -n "${HATCHET_CLIENT_TOKEN_FILE:-}" ]; then
  if [ ! -s "$HATCHET_CLIENT_TOKEN_FILE" ]; then
    echo "HATCHET_CLIENT_TOKEN_FILE=$HATCHET_CLIENT_TOKEN_FILE is missing or empty (did the hatchet-token job run?)" >&2
    exit 1
  fi
  HATCHET_CLIENT_TOKEN=$(tr -d '\r\n' < "$HATCHET_CLIENT_TOKEN_FILE")
  export HATCHET_CLIENT_TOKEN
fi
exec "$@"
