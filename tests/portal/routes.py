#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Every route of `sroi serve --routes` against every kind of caller: the refusal its rule
promises, and no refusal for a caller it admits. A route added tomorrow is covered by this
test the day it is added.

Callers: nobody, each role by session, a supplier's API key. For each route and caller:
- public: never refused for who calls;
- session: nobody to /login (303); a role outside the rule 403;
- form: nobody and an API key to /login (303); a role outside 403; a session without the
  form's CSRF token 403;
- api: nobody 401; a role outside 403; a session's write without X-Sroi-Csrf 403;
- owner contract: another organisation's contract 404, as if it did not exist.

usage: routes.py SROI_BINARY SOURCE_DIR
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Failures, Portal  # noqa: E402

SROI, SRC = sys.argv[1], sys.argv[2]
f = Failures()
portal = Portal(SROI, SRC)
try:
    table = json.loads(portal.run("--format", "json", "serve", "--routes").stdout)
    f.check(len(table) >= 20 and all(r["access"] in ("public", "session", "form", "api")
                                      for r in table), f"the route table: {table}")
    portal.start()
    token = portal.run("token", "add", "--account", "lev").stdout.split()[-1]
    sessions = {n: portal.sign_in(n)[0] for n in ("coord", "koper", "lev")}
    callers = {"nobody": (None, {}), "coord": ("coordinator", {"cookie": sessions["coord"]}),
               "koper": ("buyer", {"cookie": sessions["koper"]}),
               "lev": ("supplier", {"cookie": sessions["lev"]}),
               "lev-key": ("supplier", {"token": token})}
    csrf = {n: portal.csrf(c) for n, c in sessions.items()}
    # A contract each may see (its own) and one none of them may see: U-2027-003 is Utrecht's.
    own = {"coord": "ON-2027-001", "koper": "ON-2027-001", "lev": "ON-2027-002",
           "lev-key": "ON-2027-002", "nobody": "ON-2027-001"}
    refused = (303, 401, 403, 404, 413)
    for route in table:
        method, path, access, roles = route["method"], route["path"], route["access"], route["roles"]
        if path in ("/logout", "/login") and method == "POST":
            continue  # sign-in and sign-out: access.py tries them with and without tokens
        for who, (role, cred) in callers.items():
            def url(contract):
                return (path.replace("{contract}", contract).replace("{job}", "0" * 32)
                        .replace("{region}", "oost-nederland"))

            def send(contract, with_token=True):
                headers, form = {}, None
                if method == "POST":
                    form = {}
                    if with_token and who in csrf:
                        form["csrf"] = csrf[who]
                        headers["X-Sroi-Csrf"] = csrf[who]
                return portal.request(method, url(contract), form=form, headers=headers,
                                      binary=True, **cred)[0]

            status = send(own[who])
            label = f"{who}: {method} {path}"
            role_ok = not roles or role in roles
            if access == "public":
                f.check(status not in refused, f"{label} gave {status} on a public route")
                continue
            if who == "nobody":
                want = 401 if access == "api" else 303
                f.check(status == want, f"{label} gave {status}, expected {want}")
                continue
            if access == "form" and who == "lev-key":
                f.check(status == 303, f"{label} gave {status}: a form by API key")
                continue
            if not role_ok:
                f.check(status == 403, f"{label} gave {status}, expected 403 for its role")
                continue
            if "{job}" in path:
                f.check(status == 404, f"{label} gave {status} for a job that is not its own")
                continue
            f.check(status not in refused, f"{label} gave {status}, expected it admitted")
            if method == "POST" and who in csrf:
                status = send(own[who], with_token=False)
                f.check(status == 403, f"{label} without the CSRF token gave {status}")
            if route["owner"] == "contract":
                status = send("U-2027-003")
                f.check(status == 404, f"{label} on another organisation's contract gave {status}")
finally:
    portal.stop()
f.exit()
