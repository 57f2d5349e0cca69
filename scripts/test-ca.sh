#!/usr/bin/env bash
# Makes a test certificate authority and signing certificates for MotCua units, for the tests and the demo.
#   scripts/test-ca.sh DIR [UNIT_CODE...]
# DIR gets ca.key/ca.pem (the test CA, kept if present), default.p12 (MotCua:Signing:Default) and UNIT_CODE.p12 for
# each unit code given (MotCua:Signing:Units:{code}). Every PKCS#12 file holds the key, the certificate and the CA
# certificate, under the password $MOTCUA_SIGNING_PASSWORD (default "motcua-demo"). NOT for production: a real unit
# signs with a certificate from a licensed Vietnamese CA (Law 20/2023/QH15 on electronic transactions).
set -euo pipefail
dir=${1:?usage: scripts/test-ca.sh DIR [UNIT_CODE...]}
shift
password=${MOTCUA_SIGNING_PASSWORD:-motcua-demo}
mkdir -p "$dir"
cd "$dir"

if [ ! -f ca.pem ] || [ ! -f ca.key ]; then
    openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -keyout ca.key -out ca.pem \
        -subj "/C=VN/O=MotCua Test/CN=MotCua Test CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi

issue() { # $1 file stem, $2 common name
    local stem=$1 name=$2
    [ -f "$stem.p12" ] && return 0
    openssl req -newkey rsa:2048 -sha256 -nodes -keyout "$stem.key" -out "$stem.csr" \
        -subj "/C=VN/O=MotCua Test/CN=$name" 2>/dev/null
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,nonRepudiation" \
        "extendedKeyUsage=emailProtection,codeSigning" > "$stem.ext"
    openssl x509 -req -in "$stem.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 1825 -sha256 \
        -extfile "$stem.ext" -out "$stem.pem" 2>/dev/null
    openssl pkcs12 -export -inkey "$stem.key" -in "$stem.pem" -certfile ca.pem -name "$name" \
        -passout "pass:$password" -out "$stem.p12"
    rm -f "$stem.key" "$stem.csr" "$stem.ext"
}

issue default "MotCua demo unit"
for unit in "$@"; do
    issue "$unit" "Unit $unit"
done
echo "Test CA in $(pwd): ca.pem, default.p12${*:+ and $(printf '%s.p12 ' "$@")}"
