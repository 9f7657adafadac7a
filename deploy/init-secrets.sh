#!/bin/sh
# One-shot: fills the Synapse secrets volume on the first start. Existing files are kept, so
# restarts never rotate a secret by accident. Runs in the compose service "secrets-init".
set -eu
cd /secrets
umask 077
random() { head -c 48 /dev/urandom | base64 | tr -d '\n=+/' | cut -c1-64; }
[ -s macaroon_secret_key ] || random > macaroon_secret_key
[ -s form_secret ] || random > form_secret
# The shared secret comes from .env: the bot's bootstrap registers accounts with it.
printf '%s' "$SYNAPSE_REGISTRATION_SHARED_SECRET" > registration_shared_secret
if [ ! -s signing.key ]; then
  key_id=$(head -c 6 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9' | cut -c1-4)
  seed=$(head -c 32 /dev/urandom | base64 | tr -d '\n=')
  printf 'ed25519 a_%s %s\n' "$key_id" "$seed" > signing.key
fi
# libpq's password file for Synapse's database connection.
printf 'postgres:5432:synapse:synapse:%s\n' "$POSTGRES_PASSWORD" > pgpass
# Synapse runs as uid/gid 991 in its image.
chown 991:991 macaroon_secret_key form_secret registration_shared_secret signing.key pgpass
chmod 600 macaroon_secret_key form_secret registration_shared_secret signing.key pgpass
echo "secrets ready"
