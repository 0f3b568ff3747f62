#!/usr/bin/env bash
# The one-command demo: builds the providers bundle, then starts Keycloak (dev mode, embedded H2) with it, a demo
# tenant realm and the Entra simulator. Needs only JDK 17 and Maven. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building Entra SFO for Keycloak and starting the demo..."
# One reactor build: the demo takes the providers bundle from this build, never from the local Maven repository, so
# the demo runs what the working tree holds and installs nothing.
exec mvn -B -q -pl it-tests -am -Pdemo -DskipTests package "$@"
