#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""The holes an attacker found in the portal, each tried again on a portal of its own
(issue 23). Each check failed before the frame was rebuilt.

usage: holes.py SROI_BINARY SOURCE_DIR
"""
import hashlib
import json
import os
import re
import socket
import sys
import sqlite3
import threading

sys.path.insert(0, os.path.dirname(__file__))
from harness import Failures, Portal, password  # noqa: E402

SROI, SRC = sys.argv[1], sys.argv[2]
f = Failures()


def sha(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def critical_region_overwrite():
    """A coordinator of utrecht may not write another region's model, whatever its version."""
    p = Portal(SROI, SRC, data_dir=True).start()
    try:
        target = os.path.join(p.regions, "oost-nederland.toml")
        before = sha(target)
        own = open(os.path.join(SRC, "regions", "utrecht.toml")).read()
        cookie = p.sign_in("ucoord")[0]
        for version in ("x/oost-nederland", "x\\\\oost-nederland", "../oost-nederland"):
            text = own.replace('version = "current"', f'version = "{version}"')
            status, _, body = p.upload(cookie, "/admin/regions/check", "utrecht.toml", text,
                                       {"csrf": p.csrf(cookie, "/admin/regions")})
            f.check(status == 422 and "versie" in body,
                    f"version {version!r} was not refused at the check: {status}")
            status, _, _ = p.request("POST", "/admin/regions/activate", cookie=cookie,
                                     form={"csrf": p.csrf(cookie, "/admin/regions")})
            f.check(status == 409, f"activating after a refused check gave {status}")
        f.check(sha(target) == before, "oost-nederland.toml changed")
        # Its own region, a new version: activated, under a name of ids only; the same version
        # once more is refused and the file stays as it was.
        text = own.replace('version = "current"', 'version = "V2028.1"').replace(
            'supersedes = "2019"', 'supersedes = "current"')
        for attempt in (1, 2):
            p.upload(cookie, "/admin/regions/check", "utrecht.toml",
                     text + ("\n# tweede\n" if attempt == 2 else ""),
                     {"csrf": p.csrf(cookie, "/admin/regions")})
            status, _, body = p.request("POST", "/admin/regions/activate", cookie=cookie,
                                        form={"csrf": p.csrf(cookie, "/admin/regions")})
            written = os.path.join(p.regions, "utrecht-v2028-1.toml")
            if attempt == 1:
                f.check(status == 200 and os.path.exists(written),
                        f"activating its own new version gave {status}")
                first = sha(written)
            else:
                f.check(status in (409, 422) and sha(written) == first,
                        f"activating the same version again gave {status} and replaced the file")
        # A coordinator of oost-nederland cannot activate utrecht's model either.
        coord = p.sign_in("coord")[0]
        status, _, body = p.upload(coord, "/admin/regions/check", "utrecht.toml",
                                   own.replace('version = "current"', 'version = "V9"'),
                                   {"csrf": p.csrf(coord, "/admin/regions")})
        f.check(status == 422, f"a coordinator could check another region's model: {status}")
    finally:
        p.stop()


def sessions_end_with_the_account():
    """`sroi user disable` and `passwd` end live sessions; `sroi token revoke` ends a key."""
    p = Portal(SROI, SRC).start()
    try:
        cookie = p.sign_in("lev")[0]
        csrf = p.csrf(cookie)
        f.check(p.request("GET", "/", cookie=cookie)[0] == 200, "a fresh session does not work")
        p.run("user", "passwd", "lev", "--password-stdin", stdin="nieuw-wachtwoord-vel-456\n")
        f.check(p.request("GET", "/", cookie=cookie)[0] == 303, "a new password left the session")
        cookie = p.sign_in("lev", "nieuw-wachtwoord-vel-456")[0]
        csrf = p.csrf(cookie)
        before = len(p.lines("ON-2027-002"))
        p.run("user", "disable", "lev")
        line = {"candidate": "X-9", "block": "nug", "start": "1-5-2027", "end": "31-12-2027",
                "hours_per_week": "24", "amount": "", "csrf": csrf}
        for method, path in (("GET", "/"), ("GET", "/contracts/ON-2027-002/status.xlsx"),
                             ("GET", "/api/v1/status")):
            status = p.request(method, path, cookie=cookie)[0]
            f.check(status in (303, 401), f"{method} {path} after disable gave {status}")
        status = p.request("POST", "/contracts/ON-2027-002/lines", cookie=cookie, form=line)[0]
        f.check(status == 303 and len(p.lines("ON-2027-002")) == before,
                f"a line after disable gave {status} and was stored")
        token_out = p.run("token", "add", "--account", "koper").stdout
        token = token_out.split()[-1]
        key_id = [w for w in token_out.split() if w.isdigit()][0]
        f.check(p.request("GET", "/api/v1/status", token=token)[0] == 200, "a new key does not work")
        out = p.run("token", "revoke", key_id)
        f.check("ingetrokken" in out.stdout or "revoked" in out.stdout,
                f"token revoke said: {out.stdout!r}")
        f.check(p.request("GET", "/api/v1/status", token=token)[0] == 401,
                "a revoked key still works")
        f.check(p.run("token", "revoke", "999", check=False).returncode == 1,
                "revoking a key that does not exist did not fail")
        audit = p.run("--format", "json", "export", "--table", "audit").stdout
        f.check("token.revoke" in audit, "the revocation is not in the audit log")
    finally:
        p.stop()


def cookie_writes_need_the_token():
    """A page elsewhere that makes the browser send its cookie cannot write through the API."""
    p = Portal(SROI, SRC).start()
    try:
        cookie = p.sign_in("lev")[0]
        before = p.lines("ON-2027-002")
        csv = "candidate,block,start,end,hours_per_week\nX-1,nug,2027-05-01,2027-12-31,12\n"
        status = p.request("POST", "/api/v1/contracts/ON-2027-002/imports?replace=1",
                           cookie=cookie, raw=csv)[0]
        f.check(status == 403 and p.lines("ON-2027-002") == before,
                f"a cookie-only API write gave {status}")
        status = p.request("POST", "/api/v1/contracts/ON-2027-002/imports", cookie=cookie, raw=csv,
                           headers={"X-Sroi-Csrf": p.csrf(cookie)})[0]
        f.check(status == 201, f"a session's API write with its token gave {status}")
    finally:
        p.stop()


def raw_exchange(port, head, wait=10):
    """Sends only a request's head; returns what the server answers within `wait` seconds."""
    s = socket.create_connection(("127.0.0.1", port), timeout=wait)
    s.sendall(head.encode())
    got = b""
    try:
        while b"\r\n\r\n" not in got:
            chunk = s.recv(4096)
            if not chunk:
                break
            got += chunk
    except socket.timeout:
        pass
    s.close()
    return got.decode("latin-1")


def bodies_after_credentials():
    """A body is read only for a caller the route admits, and only up to the route's size."""
    p = Portal(SROI, SRC).start()
    try:
        answer = raw_exchange(p.port, "POST /api/v1/offers HTTP/1.1\r\nHost: x\r\n"
                              "Content-Length: 60000000\r\n\r\n")
        f.check(answer.startswith("HTTP/1.1 401"),
                f"60 MB announced without credentials: {answer[:60]!r}")
        token = p.run("token", "add", "--account", "lev").stdout.split()[-1]
        answer = raw_exchange(p.port, "POST /api/v1/offers HTTP/1.1\r\nHost: x\r\n"
                              f"Authorization: Bearer {token}\r\nContent-Length: 60000000\r\n\r\n")
        f.check(answer.startswith("HTTP/1.1 413"), f"60 MB offer with a key: {answer[:60]!r}")
        cookie = p.sign_in("lev")[0]
        answer = raw_exchange(p.port, "POST /contracts/U-2027-003/import HTTP/1.1\r\nHost: x\r\n"
                              f"Cookie: {cookie}\r\nContent-Length: 50000000\r\n"
                              "Content-Type: multipart/form-data; boundary=b\r\n\r\n")
        f.check(answer.startswith("HTTP/1.1 404"),
                f"an upload to another's contract before its body: {answer[:60]!r}")
    finally:
        p.stop()


def throttle_counts_every_attempt():
    """20 wrong passwords at once: at most 5 are tried; the right one after them waits too."""
    p = Portal(SROI, SRC).start()
    try:
        codes = []
        lock = threading.Lock()

        def guess(i):
            code = p.sign_in("koper", f"fout-{i}-wachtwoord")[1]
            with lock:
                codes.append(code)
        threads = [threading.Thread(target=guess, args=(i,)) for i in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        f.check(codes.count(401) <= 5 and codes.count(429) >= 15,
                f"20 concurrent guesses: {sorted(codes)}")
        f.check(p.sign_in("koper")[1] == 429, "the right password right after the burst got in")
        # Another account from the same address is not locked out by these failures.
        f.check(p.sign_in("lev")[1] == 303, "another account was locked out")
        # The sign-in form's token is the server's: an equal cookie and field made up elsewhere
        # are refused.
        made_up = "ab" * 48
        status = p.request("POST", "/login", cookie="sroi_form=" + made_up,
                           form={"csrf": made_up, "name": "lev", "password": "wachtwoord-lev-123"})[0]
        f.check(status == 403, f"a made-up sign-in token gave {status}")
    finally:
        p.stop()


def throttle_per_caller_behind_a_proxy():
    """Behind a named proxy, the address that counts is the caller's (its X-Forwarded-For):
    20 failures with made-up names from one office lock out that office, not another; the
    same header from anyone else is not believed."""
    p = Portal(SROI, SRC).start("--trusted-proxy", "127.0.0.1")
    try:
        office = {"X-Forwarded-For": "192.0.2.10"}
        codes = [p.sign_in(f"verzonnen-{i}", "fout-wachtwoord-123", headers=office)[1]
                 for i in range(21)]
        f.check(codes[:20] == [401] * 20 and codes[20] == 429,
                f"20 failures from one caller behind the proxy: {codes}")
        f.check(p.sign_in("lev", headers={"X-Forwarded-For": "192.0.2.20"})[1] == 303,
                "a caller at another address behind the same proxy was locked out")
        f.check(p.sign_in("koper", headers=office)[1] == 429,
                "the office that failed 20 times was not throttled")
    finally:
        p.stop()
    p = Portal(SROI, SRC).start()
    try:
        # Without --trusted-proxy the header changes nothing: every guess counts for 127.0.0.1.
        codes = [p.sign_in(f"verzonnen-{i}", "fout-wachtwoord-123",
                           headers={"X-Forwarded-For": f"192.0.2.{i}"})[1] for i in range(21)]
        f.check(codes[20] == 429, f"a made-up X-Forwarded-For escaped the throttle: {codes}")
    finally:
        p.stop()


def an_office_signs_in_at_once():
    """Thirty people of one office (one address) sign in at the same moment: none is refused,
    since only failures count against an address."""
    p = Portal(SROI, SRC)
    names = [f"collega{i:02d}" for i in range(30)]
    for name in names:
        p.run("user", "add", name, "--role", "buyer", "--org", "Gemeente Zwolle",
              "--password-stdin", stdin=password(name) + "\n")
    p.start()
    try:
        codes = []
        lock = threading.Lock()

        def one(name):
            code = p.sign_in(name)[1]
            with lock:
                codes.append(code)
        threads = [threading.Thread(target=one, args=(n,)) for n in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        f.check(codes == [303] * 30, f"30 colleagues signing in at once: {sorted(codes)}")
    finally:
        p.stop()


def many_problems():
    """A file of 100,000 bad rows: a page of the first 200 problems, the rest downloadable."""
    p = Portal(SROI, SRC, env={"SROI_ANSWER_WITHIN_MS": "0"}).start()
    try:
        cookie = p.sign_in("lev")[0]
        bad = "candidate,block,start,end,hours_per_week\n" + "".join(
            f"B-{i:06d},nug,2027-05-01,2027-12-31,veel\n" for i in range(100000))
        status, headers, _ = p.upload(cookie, "/contracts/ON-2027-002/import", "fout.csv", bad,
                                      {"csrf": p.csrf(cookie)})
        where = headers.get("location", "")
        f.check(status == 303 and where.startswith("/imports/"), f"the upload gave {status}")
        status, page = p.follow_job(cookie, where)
        f.check(status == 422 and len(page) < 200_000 and page.count("<li>") <= 200,
                f"the refusal page: {status}, {len(page)} bytes, {page.count('<li>')} items")
        f.check("99800" in page and where + "/problems.txt" in page,
                "the page does not say how many more problems there are, or where the list is")
        status, headers, listing = p.request("GET", where + "/problems.txt", cookie=cookie)
        f.check(status == 200 and listing.count("\n") == 100000 and "fout.csv, rij 100001" in listing,
                f"the whole list: {status}, {listing.count(chr(10))} lines")
        other = p.sign_in("koper")[0]
        f.check(p.request("GET", where + "/problems.txt", cookie=other)[0] == 404,
                "another account could read the list")
        # The marked copy of so large a file is still made: its first problems at their cells.
        status, headers, data = p.request("GET", where + "/gemarkeerd.xlsx", cookie=cookie,
                                          binary=True)
        f.check(status == 200 and data[:2] == b"PK", f"the marked copy of 100,000 rows: {status}")
    finally:
        p.stop()


def passwords_and_accounts():
    """Passwords counted in characters; the name, repeats and common words refused; an
    account of an organisation no contract names is added with a warning naming the closest."""
    p = Portal(SROI, SRC)
    try:
        for pw, why in (("aaaaaaaaaaaa", "repeats"), ("password1234", "common"),
                        ("mijnnaam-jan-2027", "name"), ("ééééééé", "characters")):
            r = p.run("user", "add", "jan" if why == "name" else "mijnnaam", "--role", "buyer",
                      "--org", "Gemeente Zwolle", "--password-stdin", stdin=pw + "\n", check=False)
            f.check(r.returncode == 2, f"password {pw!r} ({why}) gave {r.returncode}: {r.stderr}")
        r = p.run("user", "add", "nieuw", "--role", "buyer", "--org", "Gemeente Zwole",
                  "--password-stdin", stdin="drie vrolijke fietsen rijden\n", check=False)
        f.check(r.returncode == 0 and "Gemeente Zwolle" in r.stderr,
                f"an unknown organisation gave {r.returncode}: {r.stderr}")
    finally:
        p.stop()


def low_holes():
    p = Portal(SROI, SRC)
    try:
        # A contract whose id holds '/': reachable (%2F), in the portal and the API.
        contracts = os.path.join(p.work, "c")
        os.mkdir(contracts)
        sample = open(os.path.join(SRC, "samples", "register", "contracts",
                                   "ON-2027-002.toml")).read()
        import re
        odd = re.sub(r'(?m)^id = "[^"]*"', 'id = "ON/2027/9"', sample, count=1)
        open(os.path.join(contracts, "odd.toml"), "w").write(odd)
        p.run("contract", "add", contracts)
        p.start()
        cookie = p.sign_in("lev")[0]
        status, _, body = p.request("GET", "/", cookie=cookie)
        f.check("/contracts/ON%2F2027%2F9" in body, "the dashboard does not link ON/2027/9")
        status, _, body = p.request("GET", "/contracts/ON%2F2027%2F9", cookie=cookie)
        f.check(status == 200 and "ON/2027/9" in body, f"GET /contracts/ON%2F2027%2F9 gave {status}")
        status, headers, body = p.request("GET", "/api/v1/nothing", cookie=cookie)
        f.check(status == 404 and headers.get("content-type", "").startswith("application/json"),
                f"an unknown API path gave {status} {headers.get('content-type')}")
        # No server paths or operator accounts in the API.
        status, _, body = p.request("GET", "/api/v1/regions")
        f.check(os.path.abspath(SRC) not in body and '"/' not in body,
                "/api/v1/regions shows server paths")
        status, _, body = p.request("GET", "/api/v1/imports", cookie=cookie)
        rows = json.loads(body)
        f.check(rows and all("/" not in r.get("file", r.get("source_file", "")) for r in rows),
                f"/api/v1/imports shows paths: {body[:300]}")
        user = os.environ.get("USER", "root")
        f.check(all(r.get("user") != user for r in rows), "/api/v1/imports shows the operator")
        # A candidate with a right-to-left override (U+202E) is stored without it: the
        # register never holds text that shows other than it reads.
        status = p.request("POST", "/contracts/ON-2027-002/lines", cookie=cookie, form={
            "csrf": p.csrf(cookie), "candidate": "K-\u202e0001", "block": "nug",
            "start": "1-5-2027", "end": "31-12-2027", "hours_per_week": "24", "amount": ""})[0]
        stored = [r["candidate"] for r in p.lines("ON-2027-002")]
        f.check(status == 303 and "K-0001" in stored and not any("\u202e" in c for c in stored),
                f"a candidate with a bidi override: {status}, stored {stored}")
        # Evidence dates: within the contract and not after today (2027-12-31).
        koper = p.sign_in("koper")[0]
        for day in ("1-1-1900", "1-1-2099"):
            status = p.request("POST", "/contracts/ON-2027-001/evidence", cookie=koper,
                               form={"candidate": "R-0001", "kind": "uwv", "seen_on": day,
                                     "csrf": p.csrf(koper)})[0]
            f.check(status == 422, f"evidence seen on {day} gave {status}")
        # A session of 40,000,000 minutes, 0 or -5: refused before the portal starts.
        for minutes in ("40000000", "0", "-5"):
            r = p.run("serve", "--session-minutes", minutes, "--check", check=False)
            f.check(r.returncode == 2, f"--session-minutes {minutes} gave {r.returncode}")
        # One error answer: the register broken under the portal (its accounts table gone;
        # renaming the file would not do, the portal keeps registers open between requests),
        # a page says so without internal text.
        with sqlite3.connect(p.db) as db:
            db.execute("DROP TABLE users")
        status, headers, body = p.request("GET", "/", cookie=cookie)
        f.check(status == 500 and p.work not in body and "sqlite" not in body.lower()
                and not any(k.lower() == "exception_what" for k in headers),
                f"an error gave {status} {headers} {body[:200]}")
        f.check("<html" in body and "logboek" in body, f"the error page: {body[:300]}")
    finally:
        p.stop()


def bsn_in_every_reader():
    """Issue 24: a BSN in a spreadsheet or Unicode disguise is refused by every portal reader
    (an upload, the API's import and offer, the offer form, evidence), named by its place and
    never repeated; nothing of it reaches the register."""
    p = Portal(SROI, SRC).start()
    try:
        lev = p.sign_in("lev")[0]
        koper = p.sign_in("koper")[0]
        token = p.run("token", "add", "--account", "lev").stdout.split()[-1]
        before = len(p.lines("ON-2027-002"))
        arabic = "".join(chr(0x0660 + int(d)) for d in "111222333")
        def clean(body, what):
            # Random tokens on the page (CSRF, 64 hex digits) may hold "111": left out.
            text = re.sub(r"[0-9a-f]{32,}", "", body)
            f.check("111" not in text and arabic not in text and "222333" not in text,
                    f"{what}: the number was repeated")
        csv = ("candidate,block,start,end,hours_per_week\n"
               f"K-{arabic},nug,2027-05-01,2027-12-31,20\n")
        status, page = p.upload_done(lev, "/contracts/ON-2027-002/import", "lijst.csv", csv,
                                     {"csrf": p.csrf(lev)})
        f.check(status == 422 and "lijkt een BSN" in page and "lijst.csv, rij 2, kolom Kandidaat" in page,
                f"the upload: {status} {re.findall(r'<li>(.*?)</li>', page)[:3]}")
        clean(page, "the upload's page")
        status, _, body = p.request(
            "POST", "/api/v1/contracts/ON-2027-002/imports?name=api.csv", token=token,
            raw="candidate,block,start,end,hours_per_week\n"
                "111\u2013222\u2013333,nug,2027-05-01,2027-12-31,20\n")
        f.check(status == 422 and "BSN" in body, f"the API import: {status} {body[:300]}")
        clean(body, "the API import")
        offer = open(os.path.join(SRC, "samples", "offer-leiden.toml"), encoding="utf-8").read()
        offer = re.sub(r'(?m)^supplier = .*$', 'supplier = "Jansen 1.11222333E+08 BV"', offer)
        status, _, body = p.request("POST", "/api/v1/offers", token=token, raw=offer)
        f.check(status == 422 and "supplier" in body and "BSN" in body,
                f"the API offer: {status} {body[:300]}")
        clean(body, "the API offer")
        form = {"csrf": p.csrf(lev, "/offer"), "region": "oost-nederland",
                "buyer": "Gemeente K\u200b111222333", "contract": "2027-014",
                "value": "1250000", "start": "1-1-2027", "end": "31-12-2028", "rows": "6",
                "calculate": "1", "block1": "werkervaringsplek", "months1": "6"}
        status, _, body = p.request("POST", "/offer", cookie=lev, form=form)
        f.check(status == 422 and "bevat iets dat op een BSN lijkt" in body,
                f"the offer form: {status} {re.findall(r'<li>(.*?)</li>', body)[:3]}")
        clean(body, "the offer form")
        status, _, body = p.request("POST", "/contracts/ON-2027-001/evidence", cookie=koper,
                                    form={"candidate": "111222333", "kind": "uwv",
                                          "seen_on": "1-6-2027", "csrf": p.csrf(koper)})
        f.check(status == 422 and "BSN" in body, f"evidence: {status}")
        clean(body, "evidence")
        f.check(len(p.lines("ON-2027-002")) == before, "lines were added")
    finally:
        p.stop()


for test in (critical_region_overwrite, sessions_end_with_the_account,
             cookie_writes_need_the_token, bodies_after_credentials,
             throttle_counts_every_attempt, throttle_per_caller_behind_a_proxy,
             an_office_signs_in_at_once, many_problems,
             passwords_and_accounts, low_holes, bsn_in_every_reader):
    print("--", test.__name__, flush=True)
    test()
f.exit()
