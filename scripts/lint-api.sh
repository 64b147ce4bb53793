#!/usr/bin/env bash
# Lints the OpenAPI document the routes generate (not the committed copy, which a test compares with
# the routes) against redocly.yaml. Redocly reads a file, not a pipe, hence the temporary one.
set -euo pipefail
cd "$(dirname "$0")/.."
doc=$(mktemp --suffix=.json)
trap 'rm -f "$doc"' EXIT
npm run --silent veza -- openapi >"$doc"
# No update check or telemetry: the check runs offline.
REDOCLY_SUPPRESS_UPDATE_NOTICE=true REDOCLY_TELEMETRY=off npx --no-install redocly lint "$doc" --config redocly.yaml
