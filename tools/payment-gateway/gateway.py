#!/usr/bin/env python3
"""A simulator of a VNPAY-style payment gateway (API 2.1.0), for MotCua's tests and demo.

It runs as its own process and speaks the published protocol:
  GET  /paymentv2/vpcpay.html?vnp_...&vnp_SecureHash=...   the signed redirect: checks the HMAC-SHA512 and shows a payment page
  POST /paymentv2/confirm                                  the page's buttons: pay or cancel; sends the IPN, then redirects to
                                                           vnp_ReturnUrl with signed vnp_* parameters
  POST /merchant_webapi/api/transaction                    the merchant API: querydr (status) and refund, signed with '|' joins
Test controls (not part of the gateway's protocol):
  POST /admin/merchants        {"tmnCode", "secret", "ipnUrl"}: a merchant's registration
  POST /admin/mode             {"tmnCode", "mode"}: normal | late (IPN held back) | twice (IPN sent twice at once) |
                               bad-signature (IPN with a wrong hash) | no-ipn | down (merchant API answers 503)
  POST /admin/transactions/<ref>/ipn   sends the held-back IPN now; answers the merchant's reply
  GET  /admin/transactions/<ref>       the transaction as the gateway holds it, with every IPN reply
Prints "LISTENING <port>" once ready (--port 0 picks a free port).
"""
import argparse
import hashlib
import hmac
import html
import json
import sys
import threading
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VIETNAM = timezone(timedelta(hours=7))
LOCK = threading.Lock()
MERCHANTS = {}      # tmnCode -> {"secret", "ipnUrl", "mode"}
TRANSACTIONS = {}   # (tmnCode, txnRef) -> dict
NEXT_NUMBER = [14000000]


def canonical(fields):
    return "&".join(f"{k}={urllib.parse.quote(v, safe='-._~')}" for k, v in sorted(fields.items())
                    if k.startswith("vnp_") and k not in ("vnp_SecureHash", "vnp_SecureHashType") and v != "")


def sign(secret, data):
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def now_text():
    return datetime.now(VIETNAM).strftime("%Y%m%d%H%M%S")


def result_fields(tmn, txn):
    fields = {
        "vnp_TmnCode": tmn,
        "vnp_Amount": txn["amount"],
        "vnp_BankCode": "NCB",
        "vnp_OrderInfo": txn["orderInfo"],
        "vnp_PayDate": txn.get("payDate") or now_text(),
        "vnp_ResponseCode": txn["responseCode"],
        "vnp_TransactionStatus": txn["transactionStatus"],
        "vnp_TxnRef": txn["txnRef"],
        "vnp_TransactionNo": txn.get("transactionNo") or "0",
    }
    return fields


def signed_query(secret, fields, corrupt=False):
    data = canonical(fields)
    digest = sign(secret, data)
    if corrupt:
        digest = ("0" if digest[0] != "0" else "1") + digest[1:]
    return data + "&vnp_SecureHash=" + digest


def send_ipn(tmn, txn, corrupt=False):
    merchant = MERCHANTS[tmn]
    url = merchant["ipnUrl"] + "?" + signed_query(merchant["secret"], result_fields(tmn, txn), corrupt)
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            reply = json.loads(response.read().decode())
    except Exception as error:  # the merchant's server is down or answered badly: the gateway would retry later
        reply = {"error": str(error)}
    with LOCK:
        txn["ipnReplies"].append(reply)
    return reply


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def reply(self, status, body, content_type="application/json; charset=utf-8", headers=None):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return data.decode()
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode() if length else ""

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/paymentv2/vpcpay.html":
            return self.payment_page(dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True)))
        if url.path.startswith("/admin/transactions/"):
            ref = url.path.split("/")[3]
            found = [t for (m, r), t in TRANSACTIONS.items() if r == ref]
            return self.reply(200 if found else 404, json.dumps(found[0] if found else {}))
        if url.path == "/health":
            return self.reply(200, "{}")
        self.reply(404, "{}")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/paymentv2/confirm":
            return self.confirm(dict(urllib.parse.parse_qsl(self.body())))
        if url.path == "/merchant_webapi/api/transaction":
            return self.merchant_api(json.loads(self.body() or "{}"))
        if url.path == "/admin/merchants":
            request = json.loads(self.body())
            with LOCK:
                MERCHANTS[request["tmnCode"]] = {"secret": request["secret"], "ipnUrl": request["ipnUrl"], "mode": "normal"}
            return self.reply(200, "{}")
        if url.path == "/admin/mode":
            request = json.loads(self.body())
            with LOCK:
                MERCHANTS[request["tmnCode"]]["mode"] = request["mode"]
            return self.reply(200, "{}")
        if url.path.startswith("/admin/transactions/") and url.path.endswith("/ipn"):
            ref = url.path.split("/")[3]
            found = [(m, t) for (m, r), t in TRANSACTIONS.items() if r == ref]
            if not found:
                return self.reply(404, "{}")
            return self.reply(200, json.dumps(send_ipn(*found[0])))
        self.reply(404, "{}")

    def payment_page(self, fields):
        merchant = MERCHANTS.get(fields.get("vnp_TmnCode", ""))
        if merchant is None or not hmac.compare_digest(sign(merchant["secret"], canonical(fields)), fields.get("vnp_SecureHash", "").lower()):
            return self.reply(400, "<!doctype html><meta charset=utf-8><title>Lỗi</title><p id=error>Sai chữ ký hoặc mã đơn vị (code 97).</p>",
                              "text/html; charset=utf-8")
        key = (fields["vnp_TmnCode"], fields["vnp_TxnRef"])
        with LOCK:
            txn = TRANSACTIONS.setdefault(key, {
                "txnRef": fields["vnp_TxnRef"], "amount": fields["vnp_Amount"], "orderInfo": fields.get("vnp_OrderInfo", ""),
                "returnUrl": fields["vnp_ReturnUrl"], "responseCode": "", "transactionStatus": "", "ipnReplies": [], "refunds": []})
        amount = f"{int(txn['amount']) // 100:,}".replace(",", ".")
        ref = html.escape(txn["txnRef"])
        page = f"""<!doctype html><html lang=vi><meta charset=utf-8><meta name=viewport content="width=device-width">
<title>Cổng thanh toán (mô phỏng)</title>
<body style="font-family:sans-serif;max-width:30rem;margin:2rem auto">
<h1>Thanh toán trực tuyến</h1>
<p>Nội dung: <span id=info>{html.escape(txn['orderInfo'])}</span></p>
<p>Số tiền: <strong id=amount>{amount} đ</strong></p>
<form method=post action=/paymentv2/confirm>
<input type=hidden name=tmn value="{html.escape(key[0])}"><input type=hidden name=ref value="{ref}">
<button name=outcome value=pay>Thanh toán</button> <button name=outcome value=cancel>Hủy giao dịch</button>
</form></body></html>"""
        self.reply(200, page, "text/html; charset=utf-8")

    def confirm(self, form):
        key = (form.get("tmn", ""), form.get("ref", ""))
        txn = TRANSACTIONS.get(key)
        if txn is None:
            return self.reply(404, "{}")
        merchant = MERCHANTS[key[0]]
        with LOCK:
            if form.get("outcome") == "pay":
                NEXT_NUMBER[0] += 1
                txn.update(responseCode="00", transactionStatus="00", transactionNo=str(NEXT_NUMBER[0]), payDate=now_text())
            else:
                txn.update(responseCode="24", transactionStatus="02", payDate=now_text())
        mode = merchant["mode"]
        if mode == "twice":
            threads = [threading.Thread(target=send_ipn, args=(key[0], txn)) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        elif mode == "bad-signature":
            send_ipn(key[0], txn, corrupt=True)
        elif mode == "normal":
            send_ipn(key[0], txn)
        # late and no-ipn: the notice is held back; the citizen comes back first.
        location = txn["returnUrl"] + ("&" if "?" in txn["returnUrl"] else "?") + signed_query(merchant["secret"], result_fields(key[0], txn))
        self.reply(302, "", "text/plain", {"Location": location})

    def merchant_api(self, request):
        tmn = request.get("vnp_TmnCode", "")
        merchant = MERCHANTS.get(tmn)
        if merchant is None:
            return self.reply(200, json.dumps({"vnp_ResponseCode": "02"}))
        if merchant["mode"] == "down":
            return self.reply(503, "{}")
        command = request.get("vnp_Command")
        if command == "querydr":
            expected = sign(merchant["secret"], "|".join(request.get(k, "") for k in (
                "vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef", "vnp_TransactionDate", "vnp_CreateDate",
                "vnp_IpAddr", "vnp_OrderInfo")))
        elif command == "refund":
            expected = sign(merchant["secret"], "|".join((request.get(k) or "") for k in (
                "vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TransactionType", "vnp_TxnRef", "vnp_Amount",
                "vnp_TransactionNo", "vnp_TransactionDate", "vnp_CreateBy", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo")))
        else:
            return self.reply(200, json.dumps({"vnp_ResponseCode": "99"}))
        if not hmac.compare_digest(expected, request.get("vnp_SecureHash", "").lower()):
            return self.answer(merchant, command, tmn, request.get("vnp_TxnRef", ""), "97", "", "", "")
        txn = TRANSACTIONS.get((tmn, request.get("vnp_TxnRef", "")))
        if txn is None:
            return self.answer(merchant, command, tmn, request.get("vnp_TxnRef", ""), "91", "", "", "")
        if command == "querydr":
            return self.answer(merchant, command, tmn, txn["txnRef"], "00", txn["amount"], txn.get("transactionNo", ""), txn["transactionStatus"] or "01")
        refunded = sum(int(r["amount"]) for r in txn["refunds"])
        if txn["transactionStatus"] != "00" or int(request["vnp_Amount"]) + refunded > int(txn["amount"]):
            return self.answer(merchant, command, tmn, txn["txnRef"], "94", request["vnp_Amount"], "", "")
        with LOCK:
            NEXT_NUMBER[0] += 1
            txn["refunds"].append({"amount": request["vnp_Amount"], "transactionNo": str(NEXT_NUMBER[0])})
        return self.answer(merchant, command, tmn, txn["txnRef"], "00", request["vnp_Amount"], str(NEXT_NUMBER[0]), "05")

    def answer(self, merchant, command, tmn, ref, code, amount, number, status):
        response_id = hashlib.md5(f"{ref}{now_text()}".encode()).hexdigest()
        fields = [response_id, command, code, tmn, ref, amount, number, status]
        body = {"vnp_ResponseId": response_id, "vnp_Command": command, "vnp_ResponseCode": code, "vnp_TmnCode": tmn, "vnp_TxnRef": ref,
                "vnp_Amount": amount, "vnp_TransactionNo": number, "vnp_TransactionStatus": status,
                "vnp_SecureHash": sign(merchant["secret"], "|".join(fields))}
        self.reply(200, json.dumps(body))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5620)
    parser.add_argument("--merchant", action="append", default=[], help="TMNCODE:SECRET:IPN_URL, registered at start (the demo)")
    arguments = parser.parse_args()
    for merchant in arguments.merchant:
        tmn, secret, ipn = merchant.split(":", 2)
        MERCHANTS[tmn] = {"secret": secret, "ipnUrl": ipn, "mode": "normal"}
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), Handler)
    server.daemon_threads = True
    print(f"LISTENING {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
