#!/usr/bin/env python3
"""A simulator of an HTTP SMS gateway (brandname SMS), for MotCua's tests and demos. It runs as its own process.

Protocol (what MotCua's SmsGatewaySink speaks):
  POST /v1/sms  Authorization: Basic user:password, Idempotency-Key: <key>,
                body {"to": "0912345678", "templateId": "MC_RECEIVED", "text": "..."}
    202 {"id": n}                  accepted, handed to the network
    200 {"id": n, "duplicate": true} the key was seen before: not sent again
    400 bad body or unknown number, 401 wrong credentials, 503 told to fail
Control (for tests, no credentials):
  POST /control/fail   {"to": number, "count": n}  the next n sends to the number answer 503 and record nothing
  POST /control/drop   {"to": number, "count": n}  the next n sends to the number are recorded (they reach the phone) and
                       the connection is then closed mid-answer, like a sender cut off after the hand-over
  GET  /control/messages             every message that reached a phone, in order, with how often its key came
Usage: sms_gateway.py --port 0 --user U --password P   (prints "listening on PORT" once ready)
"""
import argparse
import base64
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
messages = []        # what reached the phones
by_key = {}          # idempotency key -> the message
state = {"fail": {}, "drop": {}}   # number -> how many sends to it still fail / lose their answer


def make_handler(user, password):
    expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, body):
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def body(self):
            length = int(self.headers.get("Content-Length") or 0)
            try:
                return json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                return None

        def do_GET(self):
            if self.path == "/control/messages":
                with lock:
                    self.answer(200, messages)
            else:
                self.answer(404, {"error": "not found"})

        def do_POST(self):
            if self.path in ("/control/fail", "/control/drop"):
                body = self.body() or {}
                with lock:
                    state[self.path.rsplit("/", 1)[1]][str(body.get("to", ""))] = int(body.get("count", 1))
                return self.answer(200, state)
            if self.path != "/v1/sms":
                return self.answer(404, {"error": "not found"})
            if self.headers.get("Authorization") != expected:
                return self.answer(401, {"error": "bad credentials"})
            body = self.body()
            key = self.headers.get("Idempotency-Key")
            if not isinstance(body, dict) or not key or not body.get("templateId") or not body.get("text"):
                return self.answer(400, {"error": "to, templateId, text and Idempotency-Key are required"})
            if not re.fullmatch(r"(\+84|0)\d{9,10}", str(body.get("to", ""))):
                return self.answer(400, {"error": "not a Vietnamese mobile number"})
            with lock:
                to = body["to"]
                if state["fail"].get(to, 0) > 0:
                    state["fail"][to] -= 1
                    return self.answer(503, {"error": "gateway unavailable"})
                known = by_key.get(key)
                if known is not None:
                    known["seen"] += 1
                    return self.answer(200, {"id": known["id"], "duplicate": True})
                message = {"id": len(messages) + 1, "key": key, "to": body["to"], "templateId": body["templateId"],
                           "text": body["text"], "seen": 1}
                messages.append(message)
                by_key[key] = message
                drop = state["drop"].get(to, 0) > 0
                if drop:
                    state["drop"][to] -= 1
            if drop:
                # Half a status line, then the connection closes: the sender cannot tell whether the SMS went.
                self.wfile.write(b"HTTP/1.1 2")
                self.wfile.flush()
                self.close_connection = True
                return
            self.answer(202, {"id": message["id"]})

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.user, args.password))
    print(f"listening on {server.server_address[1]}", flush=True)
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
