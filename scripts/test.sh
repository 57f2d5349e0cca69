#!/usr/bin/env bash
# Runs every MotCua test, once on SQLite and once on a throwaway PostgreSQL server on 127.0.0.1.
# On a fresh Debian machine with only the .NET SDK it installs what the tests need first:
# - PostgreSQL; Chromium (browser tests); DejaVu fonts (PDF slips); poppler-utils (PDF checks);
# - ClamAV's clamd (uploads are scanned; the tests start their own clamd with a signature file they write, see TestClamd.cs);
# - nginx, openssl and curl (the PostgreSQL pass runs scripts/topology.sh: nginx with TLS before two app nodes,
#   tests/MotCua.Tests/Operations);
# - python3-aiosmtpd (the notice tests start a real SMTP server and the SMS gateway simulator of tools/sms-gateway);
# - Node.js with npm (Redocly CLI lints the OpenAPI document, tools/api-lint);
# - libnss3-tools (certutil: the NSS database pdfsig trusts the test CA from, which scripts/test-ca.sh makes);
# - python3 (the payment gateway simulator of tools/payment-gateway);
# - python3-cryptography (the national identity's OpenID provider simulator of tools/oidc-provider signs its tokens with RSA).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/sbin/clamd ] || missing+=(clamav-daemon)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v certutil >/dev/null 2>&1 || missing+=(libnss3-tools)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
/usr/bin/python3 -c 'import cryptography' >/dev/null 2>&1 || missing+=(python3-cryptography)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
pg_dir=$(mktemp -d /tmp/motcua-pg.XXXXXX)
pg_port=${MOTCUA_TEST_PG_PORT:-55432}
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
as_pg "$pg_bin/initdb -D $pg_dir/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
as_pg "$pg_bin/pg_ctl -D $pg_dir/data -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=300 -c fsync=off\" -l $pg_dir/log -w start >/dev/null"
stop_pg() { as_pg "$pg_bin/pg_ctl -D $pg_dir/data -m immediate stop >/dev/null" || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT

# Redocly CLI lints the OpenAPI document (Foundation/ApiContractTests), at the version package-lock.json pins.
npm ci --prefix tools/api-lint --no-audit --no-fund --loglevel=error >/dev/null
dotnet build MotCua.slnx -c Release -warnaserror -nologo -v quiet
log=$(mktemp)
status=0
for provider in sqlite postgres; do
    echo "== Tests on $provider =="
    MOTCUA_TEST_PROVIDER=$provider MOTCUA_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres" \
        dotnet test tests/MotCua.Tests -c Release --no-build --nologo 2>&1 | tee -a "$log" || status=1
done

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: $passed passed, $failed failed"
if [ "$passed" -eq 0 ]; then status=1; fi
exit $status
