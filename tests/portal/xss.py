#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Markup sent through every field the portal ever shows comes back as text (issue 23).

A contract whose supplier, buyer and id hold markup, accounts of those organisations, and then
as each role: every page, every form echoed back (the offer composer's fields, a line's
candidate, an evidence kind, a refused file's cells and its name, a region model's name and
version), problem lists, the lang parameter. No answer may hold the markup as markup: the
payload's tags appear only escaped.

usage: xss.py SROI SOURCE_DIR
"""
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failures, Portal, password  # noqa: E402

P = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
DANGER = ("<script>alert", "<img src=x", "onerror=alert(2)>")

f = Failures()


def clean(what, answer):
    status, headers, body = answer
    bad = [d for d in DANGER if d in body]
    f.check(not bad, f"{what} ({status}) shows markup as markup: {bad}")
    return answer


def main():
    sroi, src = sys.argv[1], sys.argv[2]
    p = Portal(sroi, src, data_dir=True)
    supplier, buyer = "Bouw " + P, "Gemeente " + P
    contract = os.path.join(p.work, "x.toml")
    with open(contract, "w") as out:
        out.write(f'region = "oost-nederland"\nbuyer = {toml(buyer)}\nsupplier = {toml(supplier)}\n'
                  f'\n[contract]\nid = "X-<b>1"\nvalue = "1250000"\nstart = 2027-01-01\n'
                  f'end = 2028-12-31\n\n[[line]]\nblock = "werkervaringsplek"\nmonths = 12\n')
    p.run("contract", "add", contract)
    for name, role, org in (("xlev", "supplier", supplier), ("xkoper", "buyer", buyer)):
        p.run("user", "add", name, "--role", role, "--org", org, "--password-stdin",
              stdin=password(name) + "\n")
    p.start()
    try:
        cid = "/contracts/" + urllib.parse.quote("X-<b>1", safe="")
        lev, koper, coord = p.sign_in("xlev")[0], p.sign_in("xkoper")[0], p.sign_in("coord")[0]
        for who, cookie in (("supplier", lev), ("buyer", koper), ("coordinator", coord)):
            for path in ("/", cid, "/offer", "/regions", "/admin/regions",
                         "/?lang=" + urllib.parse.quote(P, safe=""),
                         "/nergens/" + urllib.parse.quote(P, safe="")):
                clean(f"{who} GET {path[:40]}", p.request("GET", path, cookie=cookie))
        # The contract with markup in its id and names is shown to its supplier and buyer.
        for who, cookie in (("supplier", lev), ("buyer", koper)):
            status, _, body = p.request("GET", cid, cookie=cookie)
            f.check(status == 200 and "Bouw &lt;script&gt;" in body and "X-&lt;b&gt;1" in body,
                    f"the contract page for its {who}: {status}")
        token = p.csrf(lev)
        # The offer composer echoes every field back, with and without its problems.
        form = {"csrf": token, "region": "oost-nederland", "buyer": P, "contract": P,
                "value": P, "percentage": P, "start": P, "end": P, "rows": "2",
                "block1": P, "persons1": P, "hours1": P, "months1": P, "years1": P,
                "amount1": P, "calculate": "1"}
        clean("offer with markup in every field", p.request("POST", "/offer", cookie=lev, form=form))
        form.update(value="1.250.000", start="1-1-2027", end="31-12-2028", percentage="",
                    block1="werkervaringsplek", persons1="", hours1="", months1="12",
                    years1="", amount1="", buyer=P, contract=P)
        status, _, body = clean("offer valued", p.request("POST", "/offer", cookie=lev, form=form))
        f.check(status == 200 and "&lt;script&gt;" in body, f"the valued offer: {status}")
        clean("offer, region markup", p.request("POST", "/offer", cookie=lev,
                                                form=dict(form, region=P)))
        # A line with markup in each field; a file whose cells and name hold markup.
        clean("line", p.request("POST", cid + "/lines", cookie=lev, form={
            "csrf": token, "candidate": P, "block": P, "start": P, "end": P,
            "hours_per_week": P, "amount": P}))
        rows = f"candidate;block;start;end;hours_per_week\n{P};{P};{P};{P};{P}\n"
        status, headers, body = clean("upload", p.upload(lev, cid + "/import", P + ".csv", rows,
                                                         {"csrf": token}))
        if status == 303:
            clean("upload's page", p.request("GET", headers["location"], cookie=lev))
        # Evidence of a made-up kind and date, as the buyer.
        clean("evidence", p.request("POST", cid + "/evidence", cookie=koper, form={
            "csrf": p.csrf(koper), "candidate": P, "kind": P, "seen_on": P}))
        # A region model whose name, version and blocks hold markup.
        model = (f'id = "oost-nederland"\nname = {toml(P)}\nversion = {toml(P)}\n'
                 f'valid_from = 2030-01-01\n[[block]]\nid = {toml(P)}\n')
        clean("region check", p.upload(coord, "/admin/regions/check", P + ".toml", model,
                                       {"csrf": p.csrf(coord, "/admin/regions")}))
        # The sign-in page with a name of markup.
        clean("sign-in", p.request("POST", "/login", form={"csrf": "x", "name": P,
                                                           "password": P}))
    finally:
        p.stop()
    f.exit()


def toml(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    main()
