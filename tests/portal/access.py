#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""The portal as a user and an attacker would try it, against a real `sroi serve` on 127.0.0.1.

A register of the three sample contracts (two of Bouwbedrijf De Voorbeeld BV in Oost-Nederland,
one of Schoonmaak Utrecht BV), and accounts: a coordinator of oost-nederland, a buyer (Gemeente
Zwolle), a supplier (Bouwbedrijf De Voorbeeld BV), a disabled supplier, and API keys.

1. Access-control matrix: every endpoint × every identity (nobody, each role by session and
   by API key, a forged session, a revoked key, a disabled account's key) × a contract of
   another organisation: 303/401/404, never data of another organisation.
2. Sign-in: wrong password 401, a missing or wrong CSRF token 403, throttling after 5
   failures (429 with Retry-After), a session that expires (on a second portal whose
   sessions last 2 seconds, so that the matrix never depends on the machine's speed).
3. Every response carries the security headers; cookies are HttpOnly and SameSite=Strict.

usage: access.py SROI_BINARY SOURCE_DIR
"""
import http.client
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zipfile

SROI, SRC = sys.argv[1], sys.argv[2]
failures = []
checked = 0


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run(*args, stdin=None):
    r = subprocess.run([SROI, "--regions-dir", os.path.join(SRC, "regions"), *args],
                       input=stdin, capture_output=True, text=True, env=ENV)
    if r.returncode != 0:
        raise SystemExit(f"sroi {' '.join(args)}: {r.stderr}")
    return r.stdout


def request(method, path, cookie=None, token=None, form=None, raw=None, binary=False):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    headers = {}
    if cookie:
        headers["Cookie"] = cookie
    if token:
        headers["Authorization"] = "Bearer " + token
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if raw is not None:
        body = raw.encode()
        headers["Content-Type"] = "text/plain; charset=utf-8"
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    data = data if binary else data.decode("utf-8", "replace")
    out = (r.status, dict((k.lower(), v) for k, v in r.getheaders()), data)
    conn.close()
    check_headers(method, path, out[1])
    return out


def check_headers(method, path, headers):
    global checked
    checked += 1
    want = {"content-security-policy": "default-src 'none'", "x-frame-options": "DENY",
            "x-content-type-options": "nosniff", "cache-control": "no-store"}
    for k, v in want.items():
        if v not in headers.get(k, ""):
            fail(f"{method} {path}: header {k} is {headers.get(k)!r}")
    cookie = headers.get("set-cookie", "")
    if cookie and ("HttpOnly" not in cookie or "SameSite=Strict" not in cookie):
        fail(f"{method} {path}: cookie without HttpOnly/SameSite=Strict: {cookie}")


def cookies_of(headers):
    c = headers.get("set-cookie", "")
    return c.split(";")[0] if c else ""


def sign_in(name, password):
    status, headers, body = request("GET", "/login")
    form_cookie = cookies_of(headers)
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
    status, headers, body = request("POST", "/login", cookie=form_cookie,
                                    form={"csrf": csrf, "name": name, "password": password})
    if status != 303:
        return None, status
    return cookies_of(headers), status


def page_csrf(cookie):
    status, headers, body = request("GET", "/", cookie=cookie)
    m = re.search(r'name="csrf" value="([0-9a-f]+)"', body)
    return m.group(1) if m else ""


def start(env):
    """A portal on a free port of 127.0.0.1 (sets PORT)."""
    global PORT
    for attempt in range(20):
        PORT = random.randint(20000, 60000)
        proc = subprocess.Popen([SROI, "--regions-dir", os.path.join(SRC, "regions"), "serve",
                                 "--listen", f"127.0.0.1:{PORT}"], env=env,
                                stderr=subprocess.PIPE, text=True)
        if "listening" in proc.stderr.readline():
            return proc
        proc.wait()
    raise SystemExit("the portal did not start")


work = tempfile.mkdtemp()
# Sessions last as long as the portal's default here: no check may depend on how fast this
# machine gets through the matrix. Expiry is checked on a portal of its own (below).
ENV = dict(os.environ, SROI_DB=os.path.join(work, "r.db"), SROI_TODAY="2027-12-31",
           LANG="C.UTF-8")
server = None
try:
    run("db", "init")
    run("contract", "add", os.path.join(SRC, "samples", "register", "contracts"))
    run("import", os.path.join(SRC, "samples", "register", "realisations"))
    accounts = {"coord": ("coordinator", "oost-nederland"), "koper": ("buyer", "Gemeente Zwolle"),
                "lev": ("supplier", "Bouwbedrijf De Voorbeeld BV"),
                "oud": ("supplier", "Bouwbedrijf De Voorbeeld BV")}
    for name, (role, org) in accounts.items():
        run("user", "add", name, "--role", role, "--org", org, "--password-stdin",
            stdin=f"wachtwoord-{name[::-1]}-123\n")
    key = lambda out: re.search(r"(sroi_[0-9a-f]{64})", out).group(1)
    lev_key = key(run("token", "add", "--account", "lev"))
    oud_key = key(run("token", "add", "--account", "oud"))
    run("user", "disable", "oud")

    server = start(ENV)

    sessions = {name: sign_in(name, f"wachtwoord-{name[::-1]}-123")[0] for name in ("coord", "koper", "lev")}
    identities = {
        "nobody": {},
        "coord": {"cookie": sessions["coord"]},
        "koper": {"cookie": sessions["koper"]},
        "lev": {"cookie": sessions["lev"]},
        "lev-key": {"token": lev_key},
        "forged": {"cookie": "sroi_session=" + "ab" * 32},
        "disabled-key": {"token": oud_key},
        "made-up-key": {"token": "sroi_" + "0" * 64},
    }
    # Which contracts each may see.
    sees = {"coord": {"ON-2027-001", "ON-2027-002"}, "koper": {"ON-2027-001"},
            "lev": {"ON-2027-001", "ON-2027-002"}, "lev-key": {"ON-2027-001", "ON-2027-002"}}
    contracts = ["ON-2027-001", "ON-2027-002", "U-2027-003"]
    others = {"ON-2027-001": ["Gemeente Zwolle"], "ON-2027-002": ["Gemeente Deventer"],
              "U-2027-003": ["Schoonmaak Utrecht BV", "Gemeente Utrecht"]}
    for who, cred in identities.items():
        allowed = sees.get(who)
        # Pages: a browser session (an API key does not open pages' forms, but may read them).
        status, headers, body = request("GET", "/", **cred)
        if allowed is None:
            if status != 303 or headers.get("location") != "/login":
                fail(f"{who}: GET / gave {status}, not the way to /login")
        else:
            shown = set(re.findall(r'/contracts/([A-Za-z0-9-]+)"', body))
            if shown != allowed:
                fail(f"{who}: dashboard shows {sorted(shown)}, expected {sorted(allowed)}")
        for c in contracts:
            status, headers, body = request("GET", f"/contracts/{c}", **cred)
            if allowed is None:
                ok = status == 303
            elif c in allowed:
                ok = status == 200 and c in body
            else:
                ok = status == 404 and not any(o in body for o in others[c])
            if not ok:
                fail(f"{who}: GET /contracts/{c} gave {status}")
        for api in ("/api/v1/status", "/api/v1/contracts"):
            status, headers, body = request("GET", api, **cred)
            if allowed is None:
                if status not in (401, 303):
                    fail(f"{who}: GET {api} gave {status}, expected 401")
                continue
            got = {row["contract"] if "contract" in row else row.get("id")
                   for row in json.loads(body)}
            if status != 200 or got != allowed:
                fail(f"{who}: GET {api} gave {status} {sorted(got)}, expected {sorted(allowed)}")
        # Downloads: the contract's workbook and its template, for those who may see it.
        for c in contracts:
            for what in ("status.xlsx", "template.xlsx"):
                status, headers, body = request("GET", f"/contracts/{c}/{what}", binary=True, **cred)
                if allowed is None:
                    ok = status == 303
                elif c in allowed:
                    ok = status == 200 and body[:2] == b"PK" and "spreadsheetml" in headers.get(
                        "content-type", "")
                else:
                    ok = status == 404 and b"PK" != body[:2]
                if not ok:
                    fail(f"{who}: GET /contracts/{c}/{what} gave {status}")
        # Every account's own pages; without a sign-in the way to /login.
        for path in ("/offer", "/report.xlsx"):
            status, headers, body = request("GET", path, binary=True, **cred)
            want = 303 if allowed is None else 200
            if status != want:
                fail(f"{who}: GET {path} gave {status}, expected {want}")
            if path == "/report.xlsx" and allowed is not None:
                try:
                    book = zipfile.ZipFile(io.BytesIO(body))
                    cells = "".join(book.read(n).decode() for n in book.namelist()
                                    if n.startswith("xl/"))
                except zipfile.BadZipFile:
                    cells = None
                if cells is None:
                    fail(f"{who}: GET /report.xlsx is not a workbook")
                elif {c for c in contracts if c in cells} != allowed:
                    fail(f"{who}: /report.xlsx holds {[c for c in contracts if c in cells]}")
        # The region administration: coordinators only.
        status, _, _ = request("GET", "/admin/regions", **cred)
        want = 303 if allowed is None else (200 if who == "coord" else 403)
        if status != want:
            fail(f"{who}: GET /admin/regions gave {status}, expected {want}")
        # The API's lists of imports and the comparison.
        status, _, body = request("GET", "/api/v1/imports", **cred)
        if allowed is None:
            if status != 401:
                fail(f"{who}: GET /api/v1/imports gave {status}, expected 401")
        else:
            got = {row["contract"] for row in json.loads(body)}
            if status != 200 or not got <= allowed or not got:
                fail(f"{who}: GET /api/v1/imports gave {status} {sorted(got)}")
        status, _, body = request("GET", "/api/v1/compare", **cred)
        if status != (401 if allowed is None else 200):
            fail(f"{who}: GET /api/v1/compare gave {status}")
        # The public region tables: anyone.
        status, headers, body = request("GET", "/regions/oost-nederland/calculator.xlsx",
                                        binary=True, **cred)
        if status != 200 or body[:2] != b"PK":
            fail(f"{who}: the public calculator gave {status}")
        for public in ("/regions", "/api/v1/regions"):
            status, _, body = request("GET", public, **cred)
            if status != 200 or "oost-nederland" not in body:
                fail(f"{who}: GET {public} gave {status}")

    # A supplier hands in a realisation: a file with a mistake is refused with the row named
    # and nothing stored; corrected, it is stored and the contract's realised value moves.
    def upload(cookie, contract, name, content, csrf=None, replace=False):
        boundary = "sroi-test-boundary"
        parts = []
        fields = {"csrf": csrf if csrf is not None else page_csrf(cookie)}
        if replace:
            fields["replace"] = "1"
        for k, v in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n')
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                     f'filename="{name}"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n')
        parts.append(f"--{boundary}--\r\n")
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        conn.request("POST", f"/contracts/{contract}/import", body="".join(parts).encode(),
                     headers={"Cookie": cookie,
                              "Content-Type": f"multipart/form-data; boundary={boundary}"})
        r = conn.getresponse()
        body = r.read().decode()
        check_headers("POST", f"/contracts/{contract}/import", dict((k.lower(), v) for k, v in r.getheaders()))
        return r.status, body

    def realised(cookie, contract):
        rows = json.loads(request("GET", "/api/v1/status", cookie=cookie)[2])
        return next(r["realised_cents"] for r in rows if r["contract"] == contract)

    lev2 = sign_in("lev", "wachtwoord-vel-123")[0]
    before = realised(lev2, "ON-2027-002")
    bad = "candidate,block,start,end,hours_per_week\nX-1,nug,2027-05-01,2027-12-31,veel\n"
    status, body = upload(lev2, "ON-2027-002", "aanvulling.csv", bad)
    if status != 422 or "aanvulling.csv:2" not in body or "veel" not in body:
        fail(f"a wrong file gave {status} without its located problem: {body[:400]}")
    if realised(lev2, "ON-2027-002") != before:
        fail("a refused file changed the figures")
    good = "candidate,block,start,end,hours_per_week\nX-1,nug,2027-05-01,2027-12-31,24\n"
    status, body = upload(lev2, "ON-2027-002", "aanvulling.csv", good)
    if status != 200 or realised(lev2, "ON-2027-002") <= before:
        fail(f"a right file gave {status} and realised {realised(lev2, 'ON-2027-002')} (was {before})")
    if upload(lev2, "ON-2027-002", "x.csv", good, csrf="0" * 64)[0] != 403:
        fail("an upload without the form's CSRF token was accepted")
    if upload(lev2, "U-2027-003", "x.csv", good)[0] != 404:
        fail("a supplier could hand in for another organisation's contract")
    if upload(sessions["koper"], "ON-2027-001", "x.csv", good)[0] != 403:
        fail("a buyer could hand in a realisation")
    if upload(lev2, "ON-2027-002", "x.exe", good)[0] != 422:
        fail("a file that is neither .csv nor .xlsx was taken")
    audit = run("--format", "json", "export", "--table", "audit")
    if "lev (supplier, Bouwbedrijf De Voorbeeld BV)" not in audit:
        fail("the import is not audited with the account and its role")

    # Forms of one role used by another, or on another organisation's contract.
    def post_form(cookie, path, fields):
        return request("POST", path, cookie=cookie, form=dict(fields, csrf=page_csrf(cookie)))[0]
    line = {"candidate": "X-2", "block": "nug", "start": "1-5-2027", "end": "31-12-2027",
            "hours_per_week": "24", "amount": ""}
    if post_form(lev2, "/contracts/U-2027-003/lines", line) != 404:
        fail("a supplier could enter a line on another organisation's contract")
    if post_form(sessions["koper"], "/contracts/ON-2027-001/lines", line) != 403:
        fail("a buyer could enter a realisation line")
    if request("POST", "/contracts/ON-2027-002/lines", cookie=lev2,
               form=dict(line, csrf="0" * 64))[0] != 403:
        fail("a line without the form's CSRF token was accepted")
    if post_form(lev2, "/contracts/ON-2027-002/lines", line) != 303:
        fail("a supplier could not enter a line on its own contract")
    # Hostile or forbidden values in a line: a formula, a citizen service number (BSN, valid
    # by the 11-test), control characters. Each refused at its field, nothing stored.
    lines_before = len(json.loads(run("--format", "json", "export", "--table", "lines")))
    for bad in ("=HYPERLINK(\"http://x\")", "111222333", "R-1\x07\x1b[31m"):
        status = post_form(lev2, "/contracts/ON-2027-002/lines", dict(line, candidate=bad))
        if status != 422:
            fail(f"a line with candidate {bad!r} gave {status}, not 422")
    if len(json.loads(run("--format", "json", "export", "--table", "lines"))) != lines_before:
        fail("a refused line was stored")
    seen = {"candidate": "R-0001", "kind": "uwv", "seen_on": "1-12-2027"}
    if post_form(lev2, "/contracts/ON-2027-001/evidence", seen) != 403:
        fail("a supplier could record evidence")
    if post_form(sessions["koper"], "/contracts/ON-2027-002/evidence", seen) != 404:
        fail("a buyer could record evidence on another organisation's contract")
    if post_form(sessions["koper"], "/contracts/ON-2027-001/evidence",
                 dict(seen, candidate="NIEMAND")) != 422:
        fail("evidence for a candidate without lines was recorded")
    if post_form(sessions["koper"], "/contracts/ON-2027-001/evidence", seen) != 303:
        fail("the buyer could not record evidence")
    for path in ("/admin/regions/check", "/admin/regions/activate"):
        if post_form(sessions["koper"], path, {}) != 403:
            fail(f"a buyer could POST {path}")

    # The API: an offer valued, imports by key with the same checks as sroi import.
    offer = open(os.path.join(SRC, "samples", "offer-oost-nederland.toml")).read()
    status, _, body = request("POST", "/api/v1/offers", token=lev_key, raw=offer)
    cli = json.loads(run("--format", "json", "offer",
                         os.path.join(SRC, "samples", "offer-oost-nederland.toml")))
    if status != 200 or json.loads(body).get("total_cents") != cli["total_cents"]:
        fail(f"POST /api/v1/offers gave {status}, not the total of sroi offer")
    status, _, body = request("POST", "/api/v1/offers", token=lev_key, raw="region = 1\n")
    if status != 422 or not json.loads(body).get("problems"):
        fail(f"a broken offer gave {status} without its problems")
    if request("POST", "/api/v1/offers", raw=offer)[0] != 401:
        fail("an offer was valued without an account")
    api_csv = "candidate,block,start,end,hours_per_week\nX-3,nug,2027-06-01,2027-12-31,12\n"
    if request("POST", "/api/v1/contracts/U-2027-003/imports", token=lev_key, raw=api_csv)[0] != 404:
        fail("an API key could import into another organisation's contract")
    if request("POST", "/api/v1/contracts/ON-2027-001/imports", cookie=sessions["koper"],
               raw=api_csv)[0] != 403:
        fail("a buyer could import through the API")
    status, _, body = request("POST", "/api/v1/contracts/ON-2027-002/imports?name=api.csv",
                              token=lev_key, raw=api_csv.replace(",12", ",twaalf"))
    if status != 422 or "api.csv:2" not in body:
        fail(f"a wrong API import gave {status} without its located problem")
    status, _, body = request("POST", "/api/v1/contracts/ON-2027-002/imports?name=api.csv",
                              token=lev_key, raw=api_csv)
    if status != 201 or json.loads(body).get("rows") != 1:
        fail(f"a right API import gave {status}: {body[:200]}")

    # Sign-in and forms.
    _, status = sign_in("koper", "fout-wachtwoord-123")
    if status != 401:
        fail(f"a wrong password gave {status}")
    status, headers, body = request("GET", "/login")
    status, _, _ = request("POST", "/login", cookie=cookies_of(headers),
                           form={"csrf": "0" * 32, "name": "koper", "password": "wachtwoord-repok-123"})
    if status != 403:
        fail(f"sign-in with a wrong CSRF token gave {status}")
    status, _, _ = request("POST", "/login", form={"name": "koper", "password": "wachtwoord-repok-123"})
    if status != 403:
        fail(f"sign-in without a CSRF token gave {status}")
    status, _, _ = request("POST", "/logout", cookie=sessions["lev"], form={"csrf": "0" * 64})
    if status != 403:
        fail(f"sign-out with a wrong CSRF token gave {status}")
    if request("GET", "/", cookie=sessions["lev"])[0] != 200:
        fail("a refused sign-out ended the session")
    status, headers, _ = request("POST", "/logout", cookie=sessions["lev"],
                                 form={"csrf": page_csrf(sessions["lev"])})
    if status != 303 or request("GET", "/", cookie=sessions["lev"])[0] != 303:
        fail("sign-out did not end the session")
    codes = [sign_in("coord", f"fout-{i}-wachtwoord")[1] for i in range(6)]
    if codes[:5] != [401] * 5 or codes[5] != 429:
        fail(f"throttling: {codes}")
    status, headers, _ = request("GET", "/login")
    # A session expires: a second portal on the same register whose sessions last 2 seconds
    # (SROI_SESSION_SECONDS). More time passing on a slow machine only makes it more expired.
    main_port = PORT
    short = start(dict(ENV, SROI_SESSION_SECONDS="2"))
    try:
        brief = sign_in("koper", "wachtwoord-repok-123")[0]
        time.sleep(2.5)
        if request("GET", "/", cookie=brief)[0] != 303:
            fail("an expired session still works")
    finally:
        short.terminate()
        short.wait(timeout=60)
    PORT = main_port
    # The template a supplier downloads, filled in Excel's way and handed in: stored. Then
    # the complete list replaces what was handed in before.
    lev4 = sign_in("lev", "wachtwoord-vel-123")[0]
    status, headers, body = request("GET", "/contracts/ON-2027-002/template.xlsx", cookie=lev4,
                                    binary=True)
    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(body))
    # The contract's fields come filled in: the supplier adds only the lines.
    fields = {book["Contract"].cell(r, 1).value: book["Contract"].cell(r, 2).value
              for r in range(1, 15)}
    if (fields.get("Contractnummer"), fields.get("Opdrachtgever")) != ("ON-2027-002",
                                                                     "Gemeente Deventer"):
        fail(f"the template's contract fields are not filled in: {fields}")
    sheet = book["Regels"]  # row 1 the headings, row 2 the help, lines from row 3
    cols = {str(sheet.cell(1, c).value or "").strip().lower(): c for c in range(1, 20)}
    row = 3
    values = {"kandidaat": "T-1", "bouwblok": "nug", "begindatum": "1-6-2027",
              "einddatum": "31-12-2027", "uren per week": "20"}
    for k, v in values.items():
        if k in cols:
            sheet.cell(row, cols[k]).value = v
    out = io.BytesIO()
    book.save(out)

    def upload_bytes(cookie, contract, name, content, replace=False):
        boundary = "sroi-test-boundary"
        fields = {"csrf": page_csrf(cookie)}
        if replace:
            fields["replace"] = "1"
        parts = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'
                         f'{v}\r\n'.encode() for k, v in fields.items())
        parts += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                  f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                  ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        conn.request("POST", f"/contracts/{contract}/import", body=parts,
                     headers={"Cookie": cookie,
                              "Content-Type": f"multipart/form-data; boundary={boundary}"})
        r = conn.getresponse()
        return r.status, r.read().decode()

    status, body = upload_bytes(lev4, "ON-2027-002", "sjabloon-ingevuld.xlsx", out.getvalue())
    rows_of = lambda: [r for r in json.loads(run("--format", "json", "export", "--table", "lines",
                                                  "--contract", "ON-2027-002"))]
    if status != 200 or not any(r["candidate"] == "T-1" for r in rows_of()):
        fail(f"the filled template gave {status}: {body[-300:]}")
    complete = "candidate,block,start,end,hours_per_week\nR-0004,nug,2027-05-01,2027-12-31,32\n"
    status, body = upload_bytes(lev4, "ON-2027-002", "volledig.csv", complete.encode(),
                                replace=True)
    left = sorted(r["candidate"] for r in rows_of())
    if status != 200 or left != ["R-0004"]:
        fail(f"the complete list did not replace the earlier ones ({status}, {left})")

    # A long import shows its progress, and SIGTERM stops the portal only after storing it:
    # a second portal that shows the progress of every import (SROI_ANSWER_WITHIN_MS=0).
    server.terminate()
    server.wait(timeout=60)
    if server.returncode != 0:
        fail(f"the portal stopped with {server.returncode}")
    server = start(dict(ENV, SROI_ANSWER_WITHIN_MS="0"))
    big = "candidate,block,start,end,hours_per_week\n" + "".join(
        f"B-{i:06d},nug,2027-05-01,2027-12-31,12\n" for i in range(100000))
    lev3 = sign_in("lev", "wachtwoord-vel-123")[0]
    boundary = "sroi-test-boundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'
            f'{page_csrf(lev3)}\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="groot.csv"\r\nContent-Type: text/csv\r\n\r\n{big}\r\n--{boundary}--\r\n')
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    conn.request("POST", "/contracts/ON-2027-002/import", body=body.encode(),
                 headers={"Cookie": lev3,
                          "Content-Type": f"multipart/form-data; boundary={boundary}"})
    r = conn.getresponse()
    r.read()
    where = r.getheader("Location", "")
    if r.status != 303 or not where.startswith("/imports/"):
        fail(f"a long import gave {r.status} {where}, not its progress page")
    else:
        status, headers, page = request("GET", where, cookie=lev3)
        if status not in (200, 422) or "groot.csv" not in page:
            fail(f"the progress page gave {status}: {page[-400:]}")
        if "100000 regels ontvangen" in page and 'http-equiv="refresh"' not in page:
            fail("the progress page does not refresh itself")
        if request("GET", where, cookie=sign_in("koper", "wachtwoord-repok-123")[0])[0] != 404:
            fail("another account could see the progress of an import")
    server.terminate()
    try:
        server.wait(timeout=120)
    except subprocess.TimeoutExpired:
        fail("the portal did not stop on SIGTERM")
    lines = json.loads(run("--format", "json", "export", "--table", "lines",
                           "--contract", "ON-2027-002"))
    stored = sum(1 for row in lines if row["candidate"].startswith("B-"))
    if stored != 100000:
        fail(f"SIGTERM during an import left {stored} of its 100000 rows")
finally:
    if server:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            fail("the portal did not stop on SIGTERM")
        if server.returncode not in (0, None):
            fail(f"the portal stopped with {server.returncode}")
    shutil.rmtree(work, ignore_errors=True)

print(f"{checked} requests checked, {len(failures)} failed")
sys.exit(1 if failures else 0)
