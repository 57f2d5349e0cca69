#!/usr/bin/env python3
"""A simulator of the National Public Service Portal's dossier sync (Cổng Dịch vụ công quốc gia, service DongBoHoSoMC),
for MotCua's tests and demo. It runs as its own process and checks every payload as the portal's adapter would.

Protocol (what MotCua's NationalPortalClient speaks; see docs/national-portal-mapping.md):
  POST /auth  {"username", "password"}
      200 {"error_code": "0", "session": "..."}      401 {"error_code": "99"} wrong account
  POST /sync  Idempotency-Key: <key>, {"session", "madonvi", "service": "DongBoHoSoMC", "isUpdating": "True"|"False", "data": [dossier]}
      200 {"error_code": "00", "reference": "DVCQG-..."}          accepted (a repeated key: the first answer again, not stored twice)
      200 {"error_code": "01".."05", "message": "..."}             refused: 01 envelope, 02 a field, 03 already exists,
                                                                  04 unknown dossier, 05 out of order for the dossier
      401 {"error_code": "98"} session unknown or expired;  503 told to fail
Control (for tests, no credentials):
  POST /control/fail    {"mode": "503"|"timeout"|"reject", "count": n, "code": MaHoSo or absent, "seconds": s}
                        the next n sync requests (for that dossier, or any) fail that way; n = -1: until /control/reset
  POST /control/reset   no more failures
  POST /control/expire  every session ends
  GET  /control/accepted         every accepted dossier message, in the order accepted
  GET  /control/requests         every sync request that came in (accepted, refused or failed), with its outcome
Usage: portal.py --port 0 --user U --password P   (prints "listening on PORT" once ready)
"""
import argparse
import json
import re
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Circular 01/2018/TT-VPCP Art. 19: agency identifier (QCVN 102:2016, e.g. 000.00.12.H50), receipt date YYMMDD, sequence;
# Circular 04/2025/TT-VPCP's national form MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX (check) is accepted too.
CODE = re.compile(r"^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}|[A-Z0-9]{3}\.[A-Z0-9]{3}\.[A-Z0-9]{2}-\d{6}-[A-Z0-9]{2}\d{4,})$")
AGENCY = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
DATE = re.compile(r"^\d{14}$")
REQUIRED = ["MaHoSo", "MaTTHC", "TenTTHC", "KenhThucHien", "ChuHoSo", "LoaiDoiTuong", "TrangThaiHoSo", "DonViXuLy", "HinhThuc", "QuaTrinhXuLy"]

lock = threading.Lock()
sessions = set()
accepted = []       # the accepted messages, in order
requests = []       # every sync request with its outcome
by_key = {}         # idempotency key -> the answer given
dossiers = {}       # MaHoSo -> {"status", "at"} as last accepted
failures = []       # [{"mode", "count", "code", "seconds"}]


def problem(item):
    """What is wrong with one dossier of the payload, or None."""
    for field in REQUIRED:
        if item.get(field) in (None, ""):
            return f"thiếu trường {field}"
    if not CODE.match(item["MaHoSo"]):
        return f"MaHoSo {item['MaHoSo']} sai định dạng"
    if item["TrangThaiHoSo"] not in range(1, 11):
        return f"TrangThaiHoSo {item['TrangThaiHoSo']} không có trong danh mục"
    if item["KenhThucHien"] not in (1, 2, 3) or item["LoaiDoiTuong"] not in (1, 2, 3, 4) or item["HinhThuc"] not in (0, 1):
        return "KenhThucHien, LoaiDoiTuong hoặc HinhThuc không có trong danh mục"
    if item["TrangThaiHoSo"] >= 2 and item["TrangThaiHoSo"] != 3 and not item.get("NgayTiepNhan"):
        return "hồ sơ đã tiếp nhận phải có NgayTiepNhan"
    for field in ("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayTuChoi"):
        if item.get(field) and not DATE.match(item[field]):
            return f"{field} phải có dạng yyyyMMddHHmmss"
    steps = item["QuaTrinhXuLy"]
    if not isinstance(steps, list) or not steps or any(not DATE.match(s.get("ThoiDiemXuLy") or "") for s in steps):
        return "QuaTrinhXuLy phải có ThoiDiemXuLy dạng yyyyMMddHHmmss"
    if any(s.get("TrangThai") not in range(1, 11) for s in steps):
        return "TrangThai của QuaTrinhXuLy không có trong danh mục"
    return None


def take_failure(code):
    with lock:
        for failure in failures:
            if failure["count"] != 0 and failure["code"] in (None, code):
                if failure["count"] > 0:
                    failure["count"] -= 1
                return dict(failure)
    return None


def make_handler(user, password):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, body):
            data = json.dumps(body, ensure_ascii=False).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the caller gave up (its timeout)

        def body(self):
            length = int(self.headers.get("Content-Length") or 0)
            try:
                return json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                return None

        def do_GET(self):
            with lock:
                if self.path == "/control/accepted":
                    return self.answer(200, accepted)
                if self.path == "/control/requests":
                    return self.answer(200, requests)
            self.answer(404, {"error_code": "404"})

        def do_POST(self):
            body = self.body()
            if self.path == "/auth":
                if body and body.get("username") == user and body.get("password") == password:
                    session = secrets.token_hex(16)
                    with lock:
                        sessions.add(session)
                    return self.answer(200, {"error_code": "0", "session": session})
                return self.answer(401, {"error_code": "99", "message": "sai tài khoản kết nối"})
            if self.path == "/sync":
                return self.sync(body)
            if self.path == "/control/fail":
                with lock:
                    failures.append({"mode": body["mode"], "count": body.get("count", 1), "code": body.get("code"),
                                     "seconds": body.get("seconds", 5)})
                return self.answer(200, {})
            if self.path == "/control/reset":
                with lock:
                    failures.clear()
                return self.answer(200, {})
            if self.path == "/control/expire":
                with lock:
                    sessions.clear()
                return self.answer(200, {})
            self.answer(404, {"error_code": "404"})

        def record(self, code, outcome):
            with lock:
                requests.append({"code": code, "outcome": outcome, "key": self.headers.get("Idempotency-Key")})

        def sync(self, body):
            if not isinstance(body, dict):
                return self.answer(400, {"error_code": "01", "message": "nội dung không phải JSON"})
            with lock:
                known = body.get("session") in sessions
            if not known:
                return self.answer(401, {"error_code": "98", "message": "phiên làm việc không hợp lệ hoặc đã hết hạn"})
            items = body.get("data")
            code = items[0].get("MaHoSo") if isinstance(items, list) and items and isinstance(items[0], dict) else None
            failure = take_failure(code)
            if failure:
                self.record(code, failure["mode"])
                if failure["mode"] == "timeout":
                    time.sleep(failure["seconds"])
                    return self.answer(503, {"error_code": "503", "message": "quá thời gian"})
                if failure["mode"] == "reject":
                    return self.answer(200, {"error_code": "02", "message": "Cổng từ chối bản tin (thử nghiệm)"})
                return self.answer(503, {"error_code": "503", "message": "Cổng tạm ngừng phục vụ"})
            key = self.headers.get("Idempotency-Key")
            if body.get("service") != "DongBoHoSoMC" or body.get("isUpdating") not in ("True", "False") \
                    or not AGENCY.match(body.get("madonvi") or "") or not isinstance(items, list) or len(items) != 1 or not key:
                self.record(code, "01")
                return self.answer(200, {"error_code": "01", "message": "sai cấu trúc bản tin"})
            item = items[0]
            wrong = problem(item)
            if wrong:
                self.record(code, "02")
                return self.answer(200, {"error_code": "02", "message": wrong})
            updating = body["isUpdating"] == "True"
            at = item["QuaTrinhXuLy"][-1]["ThoiDiemXuLy"]
            with lock:
                if key in by_key:
                    requests.append({"code": code, "outcome": "repeat", "key": key})
                    return self.answer(200, dict(by_key[key], duplicate=True))
                held = dossiers.get(code)
                if not updating and held:
                    outcome, message = "03", "hồ sơ đã có trên Cổng"
                elif updating and not held:
                    outcome, message = "04", "Cổng chưa có hồ sơ này"
                elif held and at < held["at"]:
                    outcome, message = "05", "bản tin đến sau một trạng thái mới hơn của hồ sơ"
                else:
                    outcome, message = "00", None
                if outcome != "00":
                    requests.append({"code": code, "outcome": outcome, "key": key})
                    return self.answer(200, {"error_code": outcome, "message": message})
                reference = f"DVCQG-{len(accepted) + 1:08d}"
                dossiers[code] = {"status": item["TrangThaiHoSo"], "at": at}
                accepted.append({"reference": reference, "key": key, "madonvi": body["madonvi"], "isUpdating": updating,
                                 "code": code, "status": item["TrangThaiHoSo"], "dossier": item})
                requests.append({"code": code, "outcome": "00", "key": key})
                by_key[key] = {"error_code": "00", "message": "Thành công", "reference": reference}
                answer = by_key[key]
            self.answer(200, answer)

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=56210)
    parser.add_argument("--user", default="motcua")
    parser.add_argument("--password", default="motcua")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.user, args.password))
    server.daemon_threads = True
    print(f"listening on {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
