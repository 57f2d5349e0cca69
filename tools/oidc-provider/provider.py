#!/usr/bin/env python3
"""A simulator of the national identity's OpenID provider (VNeID behind the national public service portal's single sign-on),
for MotCua's tests and demo. It runs as its own process and speaks OpenID Connect Core 1.0, authorization code flow, with PKCE
(RFC 7636, S256 only):
  GET  /.well-known/openid-configuration   discovery
  GET  /jwks                               the RSA key that signs id_tokens (RS256)
  GET  /authorize                          checks the client and its redirect_uri, then shows a form where the tester picks an
                                           identity (CCCD number, full name, date of birth, address, phone)
  POST /authorize                          the form's buttons: sign in (code back to redirect_uri with state) or cancel
                                           (error=access_denied)
  POST /token                              code + code_verifier (+ client secret, basic or post) -> access_token and id_token;
                                           refuses a wrong verifier, a reused or expired code, another redirect_uri or client
  GET  /userinfo                           the identity's claims for the bearer access token
Test controls (not part of the protocol):
  POST /admin/clients   {"clientId", "clientSecret", "redirectUris": [...]}: a relying party's registration
  POST /admin/mode      {"clientId", "mode"}: normal | bad-signature (id_token signed with another key) | slow-token (the token
                        endpoint answers after 15 s) | token-error (the token endpoint answers 500)
Prints "LISTENING <port>" once ready (--port 0 picks a free port). --client ID:SECRET:REDIRECT_URI registers a client at start.
"""
import argparse
import base64
import hashlib
import html
import json
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

LOCK = threading.Lock()
CLIENTS = {}   # clientId -> {"secret", "redirectUris", "mode"}
CODES = {}     # code -> {"clientId", "redirectUri", "challenge", "nonce", "identity", "expires", "used"}
TOKENS = {}    # access token -> identity
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
KID = secrets.token_hex(8)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ISSUER = [""]
CODE_LIFETIME = 60


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_int(value):
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def jwt(claims, key):
    header = b64url(json.dumps({"alg": "RS256", "typ": "JWT", "kid": KID}).encode())
    payload = b64url(json.dumps(claims, ensure_ascii=False).encode())
    signature = key.sign(f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{header}.{payload}.{b64url(signature)}"


def subject(id_number):
    # A pairwise-looking, stable subject: the same person always gets the same sub, and it does not show the CCCD number.
    return hashlib.sha256(("vneid-sim:" + id_number).encode()).hexdigest()[:32]


PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Định danh điện tử VNeID (mô phỏng)</title>
<style>body{{font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}}label{{display:block;margin-top:.8rem}}
input{{width:100%;padding:.4rem;box-sizing:border-box}}button{{margin-top:1rem;margin-right:.5rem;padding:.5rem 1rem}}</style></head>
<body><h1>Đăng nhập bằng tài khoản định danh điện tử</h1>
<p>Máy chủ mô phỏng VNeID cho thử nghiệm. Ứng dụng <b>{client}</b> yêu cầu thông tin định danh của bạn.</p>
<form method="post" action="/authorize">{hidden}
<label for="id_number">Số định danh cá nhân (CCCD, 12 chữ số)</label><input id="id_number" name="id_number" pattern="[0-9]{{12}}" required value="001090001234">
<label for="name">Họ và tên</label><input id="name" name="name" required value="Nguyễn Văn An">
<label for="birthdate">Ngày sinh</label><input id="birthdate" name="birthdate" type="date" required value="1990-05-17">
<label for="address">Nơi thường trú</label><input id="address" name="address" value="Thôn Hà Thanh, xã Gio Linh, tỉnh Quảng Trị">
<label for="phone">Số điện thoại</label><input id="phone" name="phone" value="">
<button type="submit" name="action" value="approve">Xác nhận đăng nhập</button>
<button type="submit" name="action" value="cancel" formnovalidate>Hủy</button>
</form></body></html>"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="application/json; charset=utf-8", headers=None):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def json(self, status, value, headers=None):
        self.answer(status, json.dumps(value, ensure_ascii=False), headers=headers)

    def redirect(self, url):
        self.answer(302, "", "text/plain", {"Location": url})

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode() if length else ""

    def form(self):
        return {k: v[0] for k, v in urllib.parse.parse_qs(self.body(), keep_blank_values=True).items()}

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = {k: v[0] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        if url.path == "/.well-known/openid-configuration":
            issuer = ISSUER[0]
            self.json(200, {
                "issuer": issuer,
                "authorization_endpoint": issuer + "/authorize",
                "token_endpoint": issuer + "/token",
                "userinfo_endpoint": issuer + "/userinfo",
                "jwks_uri": issuer + "/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
                "scopes_supported": ["openid", "profile", "citizen"],
                "claims_supported": ["sub", "name", "birthdate", "citizen_id", "address", "phone_number"],
            })
        elif url.path == "/jwks":
            numbers = KEY.public_key().public_numbers()
            self.json(200, {"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": KID, "n": b64url_int(numbers.n), "e": b64url_int(numbers.e)}]})
        elif url.path == "/authorize":
            self.authorize(query)
        elif url.path == "/userinfo":
            token = (self.headers.get("Authorization") or "").removeprefix("Bearer ").strip()
            with LOCK:
                identity = TOKENS.get(token)
            if identity is None:
                self.json(401, {"error": "invalid_token"}, {"WWW-Authenticate": 'Bearer error="invalid_token"'})
            else:
                self.json(200, claims_of(identity))
        else:
            self.json(404, {"error": "not_found"})

    def authorize(self, query):
        client = CLIENTS.get(query.get("client_id", ""))
        # RFC 6749 4.1.2.1: with an unknown client or redirect_uri the provider must not redirect; it tells the user.
        if client is None or query.get("redirect_uri") not in client["redirectUris"]:
            self.answer(400, "<!doctype html><p>Ứng dụng hoặc địa chỉ chuyển hướng (redirect_uri) không được đăng ký.</p>", "text/html; charset=utf-8")
            return
        problem = None
        if query.get("response_type") != "code":
            problem = "unsupported_response_type"
        elif "openid" not in query.get("scope", "").split():
            problem = "invalid_scope"
        elif query.get("code_challenge_method") != "S256" or len(query.get("code_challenge", "")) != 43:
            problem = "invalid_request"
        if problem:
            self.redirect(with_query(query["redirect_uri"], {"error": problem, "state": query.get("state", "")}))
            return
        keep = ["client_id", "redirect_uri", "state", "nonce", "code_challenge"]
        hidden = "".join(f'<input type="hidden" name="{k}" value="{html.escape(query.get(k, ""))}">' for k in keep)
        self.answer(200, PAGE.format(client=html.escape(query["client_id"]), hidden=hidden), "text/html; charset=utf-8")

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == "/authorize":
            self.approve(self.form())
        elif path == "/token":
            self.token(self.form())
        elif path == "/admin/clients":
            value = json.loads(self.body())
            with LOCK:
                CLIENTS[value["clientId"]] = {"secret": value.get("clientSecret") or "", "redirectUris": value["redirectUris"], "mode": "normal"}
            self.json(200, {"ok": True})
        elif path == "/admin/mode":
            value = json.loads(self.body())
            with LOCK:
                CLIENTS[value["clientId"]]["mode"] = value["mode"]
            self.json(200, {"ok": True})
        else:
            self.json(404, {"error": "not_found"})

    def approve(self, form):
        client = CLIENTS.get(form.get("client_id", ""))
        if client is None or form.get("redirect_uri") not in client["redirectUris"]:
            self.answer(400, "<!doctype html><p>Yêu cầu không hợp lệ.</p>", "text/html; charset=utf-8")
            return
        if form.get("action") != "approve":
            self.redirect(with_query(form["redirect_uri"], {"error": "access_denied", "error_description": "Người dùng đã hủy", "state": form.get("state", "")}))
            return
        identity = {k: form.get(k, "").strip() for k in ("id_number", "name", "birthdate", "address", "phone")}
        code = secrets.token_urlsafe(32)
        with LOCK:
            CODES[code] = {"clientId": form["client_id"], "redirectUri": form["redirect_uri"], "challenge": form.get("code_challenge", ""),
                           "nonce": form.get("nonce", ""), "identity": identity, "expires": time.time() + CODE_LIFETIME, "used": False}
        # RFC 9207: the issuer comes back with the code, so that a client talking to several providers knows which one answered.
        self.redirect(with_query(form["redirect_uri"], {"code": code, "state": form.get("state", ""), "iss": ISSUER[0]}))

    def token(self, form):
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        basic = self.headers.get("Authorization") or ""
        if basic.startswith("Basic "):
            pair = base64.b64decode(basic[6:]).decode()
            client_id, _, secret = pair.partition(":")
            client_id, secret = urllib.parse.unquote_plus(client_id), urllib.parse.unquote_plus(secret)
        client = CLIENTS.get(client_id)
        if client is None or (client["secret"] and not secrets.compare_digest(client["secret"], secret)):
            self.json(401, {"error": "invalid_client"})
            return
        if client["mode"] == "token-error":
            self.json(500, {"error": "server_error"})
            return
        if client["mode"] == "slow-token":
            time.sleep(15)
        if form.get("grant_type") != "authorization_code":
            self.json(400, {"error": "unsupported_grant_type"})
            return
        with LOCK:
            grant = CODES.get(form.get("code", ""))
            reused = grant is not None and grant["used"]
            if grant is not None:
                grant["used"] = True
        verifier = form.get("code_verifier", "")
        if grant is None or reused or grant["expires"] < time.time():
            self.json(400, {"error": "invalid_grant", "error_description": "code unknown, expired or already used"})
        elif grant["clientId"] != client_id:
            self.json(400, {"error": "invalid_grant", "error_description": "code issued to another client"})
        elif grant["redirectUri"] != form.get("redirect_uri"):
            self.json(400, {"error": "invalid_grant", "error_description": "redirect_uri differs from the authorization request"})
        elif not 43 <= len(verifier) <= 128 or b64url(hashlib.sha256(verifier.encode()).digest()) != grant["challenge"]:
            self.json(400, {"error": "invalid_grant", "error_description": "PKCE verification failed"})
        else:
            self.issue(client_id, client["mode"], grant)

    def issue(self, client_id, mode, grant):
        identity = grant["identity"]
        now = int(time.time())
        claims = {"iss": ISSUER[0], "sub": subject(identity["id_number"]), "aud": client_id, "iat": now, "exp": now + 300,
                  "auth_time": now, "nonce": grant["nonce"], "amr": ["vneid"], "acr": "2"}
        claims.update(claims_of(identity))
        access = secrets.token_urlsafe(32)
        with LOCK:
            TOKENS[access] = identity
        self.json(200, {"access_token": access, "token_type": "Bearer", "expires_in": 300,
                        "id_token": jwt(claims, OTHER_KEY if mode == "bad-signature" else KEY)})


def claims_of(identity):
    claims = {"sub": subject(identity["id_number"]), "citizen_id": identity["id_number"], "name": identity["name"], "birthdate": identity["birthdate"]}
    if identity.get("address"):
        claims["address"] = {"formatted": identity["address"]}
    if identity.get("phone"):
        claims["phone_number"] = identity["phone"]
    return claims


def with_query(url, values):
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=5623)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--client", action="append", default=[], help="ID:SECRET:REDIRECT_URI (SECRET may be empty)")
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    ISSUER[0] = f"http://{args.host}:{port}"
    for spec in args.client:
        client_id, secret, redirect = spec.split(":", 2)
        CLIENTS[client_id] = {"secret": secret, "redirectUris": [redirect], "mode": "normal"}
    print(f"LISTENING {port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
