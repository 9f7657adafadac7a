#!/bin/sh
# Bootstrap (idempotent) and then run the bot. Any argument replaces the default command.
set -eu
if [ "$#" -gt 0 ]; then
  exec java -jar /app/compliance-bot.jar "$@"
fi
java -jar /app/compliance-bot.jar bootstrap --config /config/config.yaml
exec java -jar /app/compliance-bot.jar run --config /config/config.yaml
