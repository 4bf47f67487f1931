#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""A buyer's steering figures in the portal (issue 27) where they are shown: a contract of
Gemeente Zwolle with six candidates of one target group (so that no cell hides them), only
accepted deliveries counting, one delivery rejected.
The Stuurcijfers page gives `sroi kpi --by buyer`'s figures for the organisation (year so far)
and the figure with everything submitted beside the accepted one; another buyer's page shows
none of them.
usage: kpi.py SROI_BINARY SOURCE_DIR
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failures, Portal  # noqa: E402

SROI, SRC = sys.argv[1], sys.argv[2]
f = Failures()
p = Portal(SROI, SRC)
work = p.work
contract = os.path.join(work, "ON-2027-001.toml")
with open(os.path.join(SRC, "samples", "register", "contracts", "ON-2027-001.toml")) as src:
    text = src.read()
with open(contract, "w") as out:
    out.write(text.replace("end = 2028-12-31\n", "end = 2028-12-31\ncount = \"accepted\"\n", 1))
q1 = os.path.join(work, "q1.csv")
with open(q1, "w") as out:
    out.write("candidate,block,start,end,hours_per_week\n" +
              "".join(f"K-0{n},participatiewet-gt2,2027-01-01,2027-06-30,36\n"
                      for n in range(1, 6)))
q2 = os.path.join(work, "q2.csv")
with open(q2, "w") as out:
    out.write("candidate,block,start,end,hours_per_week\n"
              "K-06,participatiewet-gt2,2027-01-01,2027-06-30,18\n")
# A register of its own: the contract with these deliveries only.
if os.path.exists(p.db):
    os.remove(p.db)
p.run("db", "init")
p.run("contract", "add", contract)
first = p.run("import", q1, "--contract", "ON-2027-001").stderr
second = p.run("import", q2, "--contract", "ON-2027-001").stderr
ids = [int(n) for n in re.findall(r"(?:als|as) import (\d+)", first + second)]
p.run("imports", "accept", str(ids[0]))
p.run("imports", "reject", str(ids[1]), "--reason", "urenbriefje ontbreekt")
for name, role, org in (("koper", "buyer", "Gemeente Zwolle"),
                        ("ander", "buyer", "Gemeente Deventer")):
    p.run("user", "add", name, "--role", role, "--org", org, "--password-stdin",
          stdin=f"wachtwoord-{name[::-1]}-123\n")
try:
    p.start()
    kpi = json.loads(p.run("--format", "json", "kpi", "--by", "buyer", "--from", "2027-01-01",
                           "--to", "2027-12-31").stdout)
    mine = next(g for g in kpi["groups"] if g["key"] == "Gemeente Zwolle")
    f.check(not mine.get("suppressed"), f"six candidates: the group is shown ({mine})")
    cookie, _ = p.sign_in("koper")
    status, _, page = p.request("GET", "/kpi?lang=nl", cookie=cookie)
    shown = re.sub(r"<[^>]+>", " ", page)
    shown = " ".join(shown.split())

    def eur(cents):
        return f"€ {cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"
    # Accepted: K-01 to K-05, participatiewet-gt2 (€ 40.000 a full-time year) full time for half
    # a year, 5 × € 20.000 = € 100.000,00; the rejected K-06, half time for half a year
    # (€ 10.000), makes € 110.000,00 with everything submitted.
    f.check(status == 200 and mine.get("realised_cents") == 10000000 and
            f"Gerealiseerd {eur(mine['realised_cents'])}" in shown and
            f"Kandidaten {mine['candidates']}" in shown and
            f"Verplichting {eur(mine['obligation_cents'])}" in shown,
            f"the page shows kpi's figures for the organisation: {shown[:900]}")
    f.check(mine.get("submitted_cents") == 11000000 and
            "met alles wat is ingediend was het € 110.000,00" in shown,
            "the page says what everything submitted would give")
    other, _ = p.sign_in("ander")
    status, _, page = p.request("GET", "/kpi?lang=nl", cookie=other)
    f.check(status == 200 and "100.000" not in page and "Gemeente Zwolle" not in page,
            "another buyer sees none of Zwolle's figures")
finally:
    p.stop()
f.exit()
