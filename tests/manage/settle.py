#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""The settlement at a contract's end (issue 27): sroi settle records the buyer's decision once
(audited), writes the settlement workbook (the figures as numbers, the letter on its own sheet)
and the letter as a one-page portrait PDF whose text is read back; a second decision is
refused and changes nothing.
usage: settle.py SROI_BINARY SOURCE_DIR
"""
import json
import re
import os
import subprocess
import sys
import tempfile

SROI, SRC = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp()
ENV = dict(os.environ, LANG="C.UTF-8", SROI_TODAY="2028-04-15", TZ="Europe/Amsterdam",
           SROI_CLOCK="2028-04-15T09:00:00Z")
ENV.pop("LANGUAGE", None)
failures = []


def check(ok, what):
    print(("ok:   " if ok else "FAIL: ") + what, flush=True)
    if not ok:
        failures.append(what)


def sroi(*args, code=0):
    r = subprocess.run([SROI, "--regions-dir", os.path.join(SRC, "regions"), "--db",
                        os.path.join(work, "sroi.db"), "--user", "koper", *args],
                       capture_output=True, text=True, env=ENV, cwd=work)
    if r.returncode != code:
        raise SystemExit(f"sroi {' '.join(args)}: exit {r.returncode}, want {code}: {r.stderr}")
    return r


contract = os.path.join(work, "ON-2027-002.toml")
with open(os.path.join(SRC, "samples", "register", "contracts", "ON-2027-002.toml")) as f:
    text = f.read()
with open(contract, "w") as f:
    f.write(text + "\n[penalty]\nshortfall_factor = 1\n")
sroi("db", "init")
sroi("contract", "add", contract)
sroi("import", os.path.join(SRC, "samples", "register", "realisations", "ON-2027-002.csv"))
xlsx, pdf = os.path.join(work, "afrekening.xlsx"), os.path.join(work, "brief.pdf")
r = sroi("--format", "json", "settle", "--contract", "ON-2027-002", "--decision", "reduce",
         "--penalty", "5.000,00", "--reason", "twee extra werkervaringsplaatsen", "--xlsx", xlsx,
         "--pdf", pdf)
s = json.loads(r.stdout)
# Obligation 5 % of € 600.000 = € 30.000; realised € 15.648,15; shortfall € 14.351,85; the
# clause (1 x the shortfall) gives € 14.351,85; the buyer imposes € 5.000,00.
check(s["obligation_cents"] == 3000000 and s["shortfall_cents"] == 3000000 - s["realised_cents"]
      and s["rule_penalty_cents"] == s["shortfall_cents"], f"the settlement's figures: {s}")
check(s["decision"] and s["decision"]["decision"] == "reduce" and
      s["decision"]["penalty_cents"] == 500000, "the reduction is recorded")
audit = json.loads(sroi("--format", "json", "export", "--table", "audit").stdout)
check(any(a["action"] == "contract.settle" and "twee extra" in a["detail"] for a in audit),
      "the decision is audited with its reason")

info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
check(re.search(r"Pages:\s+1\n", info) and re.search(r"Page size:\s+595[.\d]* x 841", info),
      f"the letter is one A4 portrait page: {info}")
letter = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
flat = " ".join(letter.split())
check("Betreft: afrekening social return, contract ON-2027-002" in flat and
      "Wij verlagen de boete tot € 5.000,00. De reden: twee extra werkervaringsplaatsen" in flat
      and "Datum: 15-4-2028" in flat and "Gemeente Deventer" in flat,
      f"the letter says the decision and its reason: {flat[:400]}")

import openpyxl  # noqa: E402  (Debian python3-openpyxl, run with /usr/bin/python3)
book = openpyxl.load_workbook(xlsx)
check(book.sheetnames == ["Afrekening", "Brief"], f"the workbook's sheets: {book.sheetnames}")
sheet = book["Afrekening"]
cells = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(1, sheet.max_row + 1)}
check(cells.get("Verplichting") == 30000 and cells.get("Opgelegde boete") == 5000 and
      cells.get("Boete volgens de regel") == s["rule_penalty_cents"] / 100,
      f"the figures are numbers a spreadsheet can add: {cells}")

# A second decision is refused and the first stays.
r = sroi("settle", "--contract", "ON-2027-002", "--decision", "waive", "--reason", "toch niet",
         code=1)
check("al afgerekend" in r.stderr, f"a second decision is refused: {r.stderr}")
again = json.loads(sroi("--format", "json", "settle", "--contract", "ON-2027-002").stdout)
check(again["decision"]["penalty_cents"] == 500000, "the first decision stays")
print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
