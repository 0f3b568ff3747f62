#!/usr/bin/env bash
# Creates (or updates: the call is idempotent) the Keycloak realm of one Entra tenant with one call of the product's
# admin REST API, and prints the Client ID and discovery URL to paste into Entra.
#
#   KEYCLOAK_URL=https://mfa.example.org KEYCLOAK_ADMIN=admin KEYCLOAK_ADMIN_PASSWORD=... \
#     deploy/create-tenant-realm.sh contoso <tenant-id> <app-id> ["Contoso Health"] [GLOBAL|US_GOVERNMENT|CHINA]
#
# Needs curl; uses jq when present to print the answer nicely.
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,8p' "$0" >&2
  exit 2
fi
realm=$1 tenant_id=$2 app_id=$3 display_name=${4:-$1} cloud=${5:-GLOBAL}
: "${KEYCLOAK_URL:?set KEYCLOAK_URL, e.g. https://mfa.example.org}"
: "${KEYCLOAK_ADMIN:=admin}"
: "${KEYCLOAK_ADMIN_PASSWORD:?set KEYCLOAK_ADMIN_PASSWORD}"

json_string() {
  # JSON string literal of $1 (quotes and backslashes escaped).
  printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

token=$(curl -fsS "$KEYCLOAK_URL/realms/master/protocol/openid-connect/token" \
  --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
  --data-urlencode "username=$KEYCLOAK_ADMIN" --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" \
  | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
if [ -z "$token" ]; then
  echo "Could not sign in to $KEYCLOAK_URL as $KEYCLOAK_ADMIN" >&2
  exit 1
fi

profile="{\"realm\":$(json_string "$realm"),\"name\":$(json_string "$display_name (Entra)"),\
\"displayName\":$(json_string "$display_name"),\"tenantId\":$(json_string "$tenant_id"),\
\"cloud\":$(json_string "$cloud"),\"appId\":$(json_string "$app_id")}"

answer=$(curl -sS -w '\n%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  "$KEYCLOAK_URL/admin/realms/master/entra-sfo/tenant-realms" -d "$profile")
status=${answer##*$'\n'}
body=${answer%$'\n'*}
case "$status" in
  200|201)
    if command -v jq >/dev/null 2>&1; then
      echo "$body" | jq -r '"Realm:          \(.realm) (\(if .realmCreated then "created" else "updated" end))\nClient ID:      \(.clientId)\nDiscovery URL:  \(.discoveryUrl)"'
    else
      echo "$body"
    fi
    ;;
  *)
    echo "HTTP $status: $body" >&2
    exit 1
    ;;
esac
