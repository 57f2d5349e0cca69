#!/usr/bin/env bash
# Makes a test certificate authority and signing certificates for MotCua units, for the tests and the demo.
#   scripts/test-ca.sh DIR [UNIT_CODE...]
# DIR gets ca.key/ca.pem (the test CA, kept if present), default.p12 (MotCua:Signing:Default) and UNIT_CODE.p12 for
# each unit code given (MotCua:Signing:Units:{code}). Every PKCS#12 file holds the key, the certificate and the CA
# certificate, under the password $MOTCUA_SIGNING_PASSWORD (default "motcua-demo"). The certificates are valid from
# 1/1/2020 to 31/12/2039, so that the demo's generated past and the tests' fixed dates can be signed too.
# NOT for production: a real unit signs with a certificate from a licensed Vietnamese CA.
set -euo pipefail
dir=${1:?usage: scripts/test-ca.sh DIR [UNIT_CODE...]}
shift
password=${MOTCUA_SIGNING_PASSWORD:-motcua-demo}
validity=(-startdate 20200101000000Z -enddate 20391231235959Z)
mkdir -p "$dir"
cd "$dir"

if [ ! -f ca.cnf ]; then
    cat > ca.cnf <<'CONF'
[ ca ]
default_ca = test_ca
[ test_ca ]
database = ./ca-index.txt
new_certs_dir = ./issued
serial = ./ca-serial
default_md = sha256
policy = any_name
unique_subject = no
[ any_name ]
countryName = optional
organizationName = optional
commonName = supplied
[ ca_ext ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ unit_ext ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = emailProtection,codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CONF
    mkdir -p issued
    : > ca-index.txt
    openssl rand -hex 16 > ca-serial
fi

if [ ! -f ca.pem ] || [ ! -f ca.key ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out ca.key 2>/dev/null
    openssl req -new -key ca.key -subj "/C=VN/O=MotCua Test/CN=MotCua Test CA" -out ca.csr
    openssl ca -batch -config ca.cnf -selfsign -keyfile ca.key -in ca.csr -out ca.pem -notext -extensions ca_ext "${validity[@]}" 2>/dev/null
    rm -f ca.csr
fi

issue() { # $1 file stem, $2 common name
    local stem=$1 name=$2
    [ -f "$stem.p12" ] && return 0
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$stem.key" 2>/dev/null
    openssl req -new -key "$stem.key" -subj "/C=VN/O=MotCua Test/CN=$name" -out "$stem.csr"
    openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in "$stem.csr" -out "$stem.pem" -notext -extensions unit_ext "${validity[@]}" 2>/dev/null
    openssl pkcs12 -export -inkey "$stem.key" -in "$stem.pem" -certfile ca.pem -name "$name" -passout "pass:$password" -out "$stem.p12"
    rm -f "$stem.key" "$stem.csr"
}

issue default "MotCua demo unit"
for unit in "$@"; do
    issue "$unit" "Unit $unit"
done
echo "Test CA in $(pwd): ca.pem, default.p12${*:+ and $(printf '%s.p12 ' "$@")}"
