#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""The portal as a user and an attacker would try it, against a real `sroi serve` on 127.0.0.1.

A register of the three sample contracts (two of Bouwbedrijf De Voorbeeld BV in Oost-Nederland,
one of Schoonmaak Utrecht BV), and accounts: a coordinator of oost-nederland, a buyer (Gemeente
Zwolle), a supplier (Bouwbedrijf De Voorbeeld BV), a disabled supplier, and API keys. Each
test below signs in afresh, so none depends on another's sessions; the two that need a portal
of their own (sessions of 2 seconds, every import shown in progress) start one.

1. Access-control matrix: every endpoint × every identity (nobody, each role by session and
   by API key, a forged session, a revoked key, a disabled account's key) × a contract of
   another organisation: 303/401/404, never data of another organisation.
2. A supplier hands in files and lines; forms of one role sent by another; the API.
3. Sign-in: wrong password 401, a missing or wrong CSRF token 403, throttling after 5
   failures (429), sign-out; a session that expires.
4. The filled template handed in; a complete list replacing the earlier ones; a long import
   that shows its progress and survives SIGTERM.
Every response carries the security headers; cookies are HttpOnly and SameSite=Strict.

usage: access.py SROI_BINARY SOURCE_DIR
"""
import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failures, Portal, password  # noqa: E402

SROI, SRC = sys.argv[1], sys.argv[2]
f = Failures()


def fail(msg):
    f.check(False, msg)


class Checked(Portal):
    """A portal whose every answer is checked for the security headers."""

    def request(self, method, path, **kw):
        out = super().request(method, path, **kw)
        headers = out[1]
        want = {"content-security-policy": "default-src 'none'", "x-frame-options": "DENY",
                "x-content-type-options": "nosniff", "cache-control": "no-store"}
        for k, v in want.items():
            f.check(v in headers.get(k, ""), f"{method} {path}: header {k} is {headers.get(k)!r}")
        cookie = headers.get("set-cookie", "")
        f.check(not cookie or ("HttpOnly" in cookie and "SameSite=Strict" in cookie),
                f"{method} {path}: cookie without HttpOnly/SameSite=Strict: {cookie}")
        return out


def portal(env=None):
    """The register with a disabled supplier 'oud' and API keys for 'lev' and 'oud'."""
    p = Checked(SROI, SRC, env=env)
    p.run("user", "add", "oud", "--role", "supplier", "--org", "Bouwbedrijf De Voorbeeld BV",
          "--password-stdin", stdin=password("oud") + "\n")
    key = lambda out: re.search(r"(sroi_[0-9a-f]{64})", out).group(1)
    p.keys = {name: key(p.run("token", "add", "--account", name).stdout)
              for name in ("lev", "oud")}
    p.run("user", "disable", "oud")
    return p.start()


def upload(p, cookie, contract, name, content, csrf=None, replace=False):
    fields = {"csrf": csrf if csrf is not None else p.csrf(cookie)}
    if replace:
        fields["replace"] = "1"
    status, _, body = p.upload(cookie, f"/contracts/{contract}/import", name, content, fields)
    return status, body


def access_matrix(p):
    sessions = {name: p.sign_in(name)[0] for name in ("coord", "koper", "lev")}
    identities = {
        "nobody": {},
        "coord": {"cookie": sessions["coord"]},
        "koper": {"cookie": sessions["koper"]},
        "lev": {"cookie": sessions["lev"]},
        "lev-key": {"token": p.keys["lev"]},
        "forged": {"cookie": "sroi_session=" + "ab" * 32},
        "disabled-key": {"token": p.keys["oud"]},
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
        status, headers, body = p.request("GET", "/", **cred)
        if allowed is None:
            if status != 303 or headers.get("location") != "/login":
                fail(f"{who}: GET / gave {status}, not the way to /login")
        else:
            shown = set(re.findall(r'/contracts/([A-Za-z0-9-]+)"', body))
            if shown != allowed:
                fail(f"{who}: dashboard shows {sorted(shown)}, expected {sorted(allowed)}")
        for c in contracts:
            status, headers, body = p.request("GET", f"/contracts/{c}", **cred)
            if allowed is None:
                ok = status == 303
            elif c in allowed:
                ok = status == 200 and c in body
            else:
                ok = status == 404 and not any(o in body for o in others[c])
            if not ok:
                fail(f"{who}: GET /contracts/{c} gave {status}")
        for api in ("/api/v1/status", "/api/v1/contracts"):
            status, headers, body = p.request("GET", api, **cred)
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
                status, headers, body = p.request("GET", f"/contracts/{c}/{what}", binary=True, **cred)
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
            status, headers, body = p.request("GET", path, binary=True, **cred)
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
        status, _, _ = p.request("GET", "/admin/regions", **cred)
        want = 303 if allowed is None else (200 if who == "coord" else 403)
        if status != want:
            fail(f"{who}: GET /admin/regions gave {status}, expected {want}")
        # The API's lists of imports and the comparison.
        status, _, body = p.request("GET", "/api/v1/imports", **cred)
        if allowed is None:
            if status != 401:
                fail(f"{who}: GET /api/v1/imports gave {status}, expected 401")
        else:
            got = {row["contract"] for row in json.loads(body)}
            if status != 200 or not got <= allowed or not got:
                fail(f"{who}: GET /api/v1/imports gave {status} {sorted(got)}")
        status, _, body = p.request("GET", "/api/v1/compare", **cred)
        if status != (401 if allowed is None else 200):
            fail(f"{who}: GET /api/v1/compare gave {status}")
        # The public region tables: anyone.
        status, headers, body = p.request("GET", "/regions/oost-nederland/calculator.xlsx",
                                        binary=True, **cred)
        if status != 200 or body[:2] != b"PK":
            fail(f"{who}: the public calculator gave {status}")
        for public in ("/regions", "/api/v1/regions"):
            status, _, body = p.request("GET", public, **cred)
            if status != 200 or "oost-nederland" not in body:
                fail(f"{who}: GET {public} gave {status}")



def supplier_hands_in(p):
    """A file with a mistake is refused with the row named and nothing stored; corrected, it
    is stored and the contract's realised value moves."""
    def realised(cookie, contract):
        rows = json.loads(p.request("GET", "/api/v1/status", cookie=cookie)[2])
        return next(r["realised_cents"] for r in rows if r["contract"] == contract)

    lev, koper = p.sign_in("lev")[0], p.sign_in("koper")[0]
    before = realised(lev, "ON-2027-002")
    bad = "candidate,block,start,end,hours_per_week\nX-1,nug,2027-05-01,2027-12-31,veel\n"
    status, body = upload(p, lev, "ON-2027-002", "aanvulling.csv", bad)
    f.check(status == 422 and "aanvulling.csv, rij 2" in body and "veel" in body,
            f"a wrong file gave {status} without its located problem: {body[:400]}")
    # Beside the problems, the file handed back: the cell with the problem red, its comment
    # saying what to do; for nobody else.
    marked = re.search(r'href="(/imports/[0-9a-f]+/gemarkeerd\.xlsx)"', body)
    f.check(marked is not None, "a refused file has no link to its marked copy")
    if marked:
        status, headers, data = p.request("GET", marked.group(1), cookie=lev, binary=True)
        f.check(status == 200 and headers.get("content-type", "").startswith(
            "application/vnd.openxmlformats"), f"the marked copy gave {status}")
        book = openpyxl.load_workbook(io.BytesIO(data))
        cell = book["aanvulling"]["E2"]
        f.check(cell.fill.fgColor.rgb == "FFFF8080" and "veel" in (cell.comment.text or ""),
                f"the marked copy's E2: {cell.value!r}, {cell.fill.fgColor.rgb}")
        f.check(book["aanvulling"]["A2"].value == "X-1" and book["aanvulling"]["A2"].comment is None,
                "a clean cell of the marked copy changed")
        f.check(p.request("GET", marked.group(1), cookie=koper)[0] == 404,
                "another account could download the marked copy")
    f.check(realised(lev, "ON-2027-002") == before, "a refused file changed the figures")
    good = "candidate,block,start,end,hours_per_week\nX-1,nug,2027-05-01,2027-12-31,24\n"
    status, body = upload(p, lev, "ON-2027-002", "aanvulling.csv", good)
    f.check(status == 200 and realised(lev, "ON-2027-002") > before,
            f"a right file gave {status} and realised {realised(lev, 'ON-2027-002')} (was {before})")
    f.check(upload(p, lev, "ON-2027-002", "x.csv", good, csrf="0" * 64)[0] == 403,
            "an upload without the form's CSRF token was accepted")
    f.check(upload(p, lev, "U-2027-003", "x.csv", good)[0] == 404,
            "a supplier could hand in for another organisation's contract")
    f.check(upload(p, koper, "ON-2027-001", "x.csv", good)[0] == 403,
            "a buyer could hand in a realisation")
    f.check(upload(p, lev, "ON-2027-002", "x.exe", good)[0] == 422,
            "a file that is neither .csv nor .xlsx was taken")
    audit = p.run("--format", "json", "export", "--table", "audit").stdout
    f.check("lev (supplier, Bouwbedrijf De Voorbeeld BV)" in audit,
            "the import is not audited with the account and its role")


def forms_across_roles(p):
    """Forms of one role used by another, or on another organisation's contract; hostile
    values in a line."""
    lev, koper = p.sign_in("lev")[0], p.sign_in("koper")[0]

    def post_form(cookie, path, fields):
        return p.request("POST", path, cookie=cookie, form=dict(fields, csrf=p.csrf(cookie)))[0]
    line = {"candidate": "X-2", "block": "nug", "start": "1-5-2027", "end": "31-12-2027",
            "hours_per_week": "24", "amount": ""}
    f.check(post_form(lev, "/contracts/U-2027-003/lines", line) == 404,
            "a supplier could enter a line on another organisation's contract")
    f.check(post_form(koper, "/contracts/ON-2027-001/lines", line) == 403,
            "a buyer could enter a realisation line")
    f.check(p.request("POST", "/contracts/ON-2027-002/lines", cookie=lev,
                      form=dict(line, csrf="0" * 64))[0] == 403,
            "a line without the form's CSRF token was accepted")
    f.check(post_form(lev, "/contracts/ON-2027-002/lines", line) == 303,
            "a supplier could not enter a line on its own contract")
    # A formula, a citizen service number (BSN, valid by the 11-test), control characters:
    # each refused at its field, nothing stored.
    count = lambda: len(json.loads(p.run("--format", "json", "export", "--table",
                                         "lines").stdout))
    before = count()
    for bad in ("=HYPERLINK(\"http://x\")", "111222333", "R-1\x07\x1b[31m"):
        status = post_form(lev, "/contracts/ON-2027-002/lines", dict(line, candidate=bad))
        f.check(status == 422, f"a line with candidate {bad!r} gave {status}, not 422")
    f.check(count() == before, "a refused line was stored")
    seen = {"candidate": "R-0001", "kind": "uwv", "seen_on": "1-12-2027"}
    f.check(post_form(lev, "/contracts/ON-2027-001/evidence", seen) == 403,
            "a supplier could record evidence")
    f.check(post_form(koper, "/contracts/ON-2027-002/evidence", seen) == 404,
            "a buyer could record evidence on another organisation's contract")
    f.check(post_form(koper, "/contracts/ON-2027-001/evidence",
                      dict(seen, candidate="NIEMAND")) == 422,
            "evidence for a candidate without lines was recorded")
    f.check(post_form(koper, "/contracts/ON-2027-001/evidence", seen) == 303,
            "the buyer could not record evidence")
    for path in ("/admin/regions/check", "/admin/regions/activate"):
        f.check(post_form(koper, path, {}) == 403, f"a buyer could POST {path}")


def api(p):
    """An offer valued, imports by key with the same checks as sroi import."""
    lev_key, koper = p.keys["lev"], p.sign_in("koper")[0]
    sample = os.path.join(SRC, "samples", "offer-oost-nederland.toml")
    offer = open(sample).read()
    status, _, body = p.request("POST", "/api/v1/offers", token=lev_key, raw=offer)
    cli = json.loads(p.run("--format", "json", "offer", sample).stdout)
    f.check(status == 200 and json.loads(body).get("total_cents") == cli["total_cents"],
            f"POST /api/v1/offers gave {status}, not the total of sroi offer")
    status, _, body = p.request("POST", "/api/v1/offers", token=lev_key, raw="region = 1\n")
    f.check(status == 422 and json.loads(body).get("problems"),
            f"a broken offer gave {status} without its problems")
    f.check(p.request("POST", "/api/v1/offers", raw=offer)[0] == 401,
            "an offer was valued without an account")
    api_csv = "candidate,block,start,end,hours_per_week\nX-3,nug,2027-06-01,2027-12-31,12\n"
    f.check(p.request("POST", "/api/v1/contracts/U-2027-003/imports", token=lev_key,
                      raw=api_csv)[0] == 404,
            "an API key could import into another organisation's contract")
    f.check(p.request("POST", "/api/v1/contracts/ON-2027-001/imports", cookie=koper,
                      raw=api_csv)[0] == 403, "a buyer could import through the API")
    status, _, body = p.request("POST", "/api/v1/contracts/ON-2027-002/imports?name=api.csv",
                                token=lev_key, raw=api_csv.replace(",12", ",twaalf"))
    f.check(status == 422 and "api.csv:2" in body,
            f"a wrong API import gave {status} without its located problem")
    status, _, body = p.request("POST", "/api/v1/contracts/ON-2027-002/imports?name=api.csv",
                                token=lev_key, raw=api_csv)
    f.check(status == 201 and json.loads(body).get("rows") == 1,
            f"a right API import gave {status}: {body[:200]}")


def sign_in_and_out(p):
    f.check(p.sign_in("koper", "fout-wachtwoord-123")[1] == 401, "a wrong password was not 401")
    status, headers, body = p.request("GET", "/login")
    form_cookie = headers.get("set-cookie", "").split(";")[0]
    status = p.request("POST", "/login", cookie=form_cookie,
                       form={"csrf": "0" * 32, "name": "koper", "password": password("koper")})[0]
    f.check(status == 403, f"sign-in with a wrong CSRF token gave {status}")
    status = p.request("POST", "/login", form={"name": "koper", "password": password("koper")})[0]
    f.check(status == 403, f"sign-in without a CSRF token gave {status}")
    lev = p.sign_in("lev")[0]
    status = p.request("POST", "/logout", cookie=lev, form={"csrf": "0" * 64})[0]
    f.check(status == 403, f"sign-out with a wrong CSRF token gave {status}")
    f.check(p.request("GET", "/", cookie=lev)[0] == 200, "a refused sign-out ended the session")
    status = p.request("POST", "/logout", cookie=lev, form={"csrf": p.csrf(lev)})[0]
    f.check(status == 303 and p.request("GET", "/", cookie=lev)[0] == 303,
            "sign-out did not end the session")
    codes = [p.sign_in("coord", f"fout-{i}-wachtwoord")[1] for i in range(6)]
    f.check(codes[:5] == [401] * 5 and codes[5] == 429, f"throttling: {codes}")


def session_expires():
    """A portal whose sessions last 2 seconds (SROI_SESSION_SECONDS): more time passing on a
    slow machine only makes the session more expired."""
    p = Checked(SROI, SRC, env={"SROI_SESSION_SECONDS": "2"}).start()
    try:
        brief = p.sign_in("koper")[0]
        time.sleep(2.5)
        f.check(p.request("GET", "/", cookie=brief)[0] == 303, "an expired session still works")
    finally:
        p.stop()


def template_round_trip(p):
    """The template a supplier downloads, filled in Excel's way and handed in: stored. Then
    the complete list replaces what was handed in before."""
    import openpyxl
    lev = p.sign_in("lev")[0]
    status, headers, body = p.request("GET", "/contracts/ON-2027-002/template.xlsx", cookie=lev,
                                      binary=True)
    book = openpyxl.load_workbook(io.BytesIO(body))
    # The contract's fields come filled in: the supplier adds only the lines.
    fields = {book["Contract"].cell(r, 1).value: book["Contract"].cell(r, 2).value
              for r in range(1, 15)}
    f.check((fields.get("Contractnummer"), fields.get("Opdrachtgever")) ==
            ("ON-2027-002", "Gemeente Deventer"),
            f"the template's contract fields are not filled in: {fields}")
    sheet = book["Regels"]  # row 1 the headings, row 2 the help, lines from row 3
    cols = {str(sheet.cell(1, c).value or "").strip().lower(): c for c in range(1, 20)}
    values = {"kandidaat": "T-1", "bouwblok": "nug", "begindatum": "1-6-2027",
              "einddatum": "31-12-2027", "uren per week": "20"}
    for k, v in values.items():
        if k in cols:
            sheet.cell(3, cols[k]).value = v
    out = io.BytesIO()
    book.save(out)
    status, body = upload(p, lev, "ON-2027-002", "sjabloon-ingevuld.xlsx", out.getvalue())
    rows_of = lambda: json.loads(p.run("--format", "json", "export", "--table", "lines",
                                       "--contract", "ON-2027-002").stdout)
    f.check(status == 200 and any(r["candidate"] == "T-1" for r in rows_of()),
            f"the filled template gave {status}: {body[-300:]}")
    complete = "candidate,block,start,end,hours_per_week\nR-0004,nug,2027-05-01,2027-12-31,32\n"
    # Handed in twice without the tick: the refusal names the tick, and leads back to the form.
    upload(p, lev, "ON-2027-002", "volledig.csv", complete, replace=True)
    status, body = upload(p, lev, "ON-2027-002", "volledig-2.csv", complete)
    f.check(status == 422 and "met het vinkje" in body and "volledige, actuele lijst" in body
            and 'href="/contracts/ON-2027-002#upload"' in body and "/tmp/" not in body,
            f"a repeated list was refused without naming the tick: {body[-600:]}")
    status, body = upload(p, lev, "ON-2027-002", "volledig.csv", complete, replace=True)
    left = sorted(r["candidate"] for r in rows_of())
    f.check(status == 200 and left == ["R-0004"],
            f"the complete list did not replace the earlier ones ({status}, {left})")


def long_import_survives_sigterm():
    """A portal that shows the progress of every import (SROI_ANSWER_WITHIN_MS=0): a long
    import shows its progress, and SIGTERM stops the portal only after storing it."""
    p = Checked(SROI, SRC, env={"SROI_ANSWER_WITHIN_MS": "0"}).start()
    try:
        big = "candidate,block,start,end,hours_per_week\n" + "".join(
            f"B-{i:06d},nug,2027-05-01,2027-12-31,12\n" for i in range(100000))
        lev = p.sign_in("lev")[0]
        status, headers, _ = p.upload(lev, "/contracts/ON-2027-002/import", "groot.csv", big,
                                      {"csrf": p.csrf(lev)})
        where = headers.get("location", "")
        f.check(status == 303 and where.startswith("/imports/"),
                f"a long import gave {status} {where}, not its progress page")
        if where:
            status, _, page = p.request("GET", where, cookie=lev)
            f.check(status in (200, 422) and "groot.csv" in page,
                    f"the progress page gave {status}: {page[-400:]}")
            # Either still at work, saying so and refreshing itself, or done (stored) and
            # still: asserted on whichever page the import shows at this moment.
            working = "ververst zich vanzelf" in page
            f.check(working == ('http-equiv="refresh"' in page),
                    f"the page says it refreshes ({working}) but does not, or the other way")
            f.check(working or "100.000 opgeslagen" in page or "100000 opgeslagen" in page,
                    f"the page is neither at work nor done: {page[-400:]}")
            f.check(p.request("GET", where, cookie=p.sign_in("koper")[0])[0] == 404,
                    "another account could see the progress of an import")
        p.proc.terminate()
        try:
            p.proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            fail("the portal did not stop on SIGTERM")
        f.check(p.proc.returncode == 0, f"the portal stopped with {p.proc.returncode}")
        p.proc = None
        lines = json.loads(p.run("--format", "json", "export", "--table", "lines",
                                 "--contract", "ON-2027-002").stdout)
        stored = sum(1 for row in lines if row["candidate"].startswith("B-"))
        f.check(stored == 100000, f"SIGTERM during an import left {stored} of its 100000 rows")
    finally:
        p.stop()


def main():
    p = portal()
    try:
        for test in (access_matrix, supplier_hands_in, forms_across_roles, api, sign_in_and_out,
                     template_round_trip):
            print("--", test.__name__, flush=True)
            test(p)
        p.proc.terminate()
        p.proc.wait(timeout=60)
        f.check(p.proc.returncode == 0, f"the portal stopped with {p.proc.returncode}")
        p.proc = None
    finally:
        p.stop()
    for test in (session_expires, long_import_survives_sigterm):
        print("--", test.__name__, flush=True)
        test()
    f.exit()


if __name__ == "__main__":
    main()
