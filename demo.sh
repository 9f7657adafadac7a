#!/usr/bin/env bash
# Runs Synapse and the bot locally (SQLite, loopback only) and prints how to sign in. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building the bot (the first run downloads Maven and the dependencies)..."
# The demo runs no tests, so their sources are not compiled either (halves the build).
./mvnw -q -B -Dmaven.test.skip=true -pl demo -am package
. .mvn/find-jdk.sh
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar demo/target/compliance-bot-demo.jar "$@"
