#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""The offer composer reads its form as an offer: no file in between (issue 23).

- A problem is located at the form row it is in ("regel 3", with the column's heading), and
  every problem of the rows and the terms comes in one answer.
- The offer valued from the form is the one the TOML download holds: `sroi offer` on the
  download gives the same total as the page.
- A line entered in a form: each problem names its field ("Einddatum '31-2-2027': …").

usage: offer.py SROI SOURCE_DIR
"""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failures, Portal  # noqa: E402

f = Failures()


def main():
    p = Portal(sys.argv[1], sys.argv[2]).start()
    try:
        cookie = p.sign_in("lev")[0]
        base = {"csrf": p.csrf(cookie), "region": "oost-nederland", "buyer": "Gemeente Zwolle",
                "contract": "2027-014", "value": "€ 1.250.000,00", "start": "1-1-2027",
                "end": "31-12-2028", "rows": "6", "calculate": "1"}
        # Rows 1 and 2 left empty: the problems are at rows 3 and 5, as the form shows them.
        bad = dict(base, block3="ww-gt1", persons3="1", hours3="veel", months3="12",
                   block5="werkervaringsplek", months5="-1", end="31-12-2026")
        status, _, body = p.request("POST", "/offer", cookie=cookie, form=bad)
        items = re.findall(r"<li>(.*?)</li>", body.split('id="result"')[-1])
        f.check(status == 422, f"a form with problems gave {status}")
        f.check(any(i.startswith("regel 3: Uren per week") for i in items),
                f"row 3's hours not located at row 3: {items}")
        f.check(any(i.startswith("regel 5: Maanden") for i in items),
                f"row 5's months not located at row 5: {items}")
        f.check(any(i.startswith("de opdracht:") and "31-12-2026" in i for i in items),
                f"the terms' problem not given with the rows': {items}")
        good = dict(base, block2="participatiewet-gt2", persons2="2", hours2="36", months2="24",
                    block4="werkervaringsplek", months4="6")
        status, _, body = p.request("POST", "/offer", cookie=cookie, form=good)
        total = re.search(r"Totale waarde</th><td class=\"n\">€ ([0-9.,]+)", body)
        f.check(status == 200 and total, f"the valued offer: {status}")
        f.check(re.search(r"<tr><td>2</td><td>Participatiewet", body) is not None,
                "a line is not numbered with its form row")
        status, headers, toml = p.request("POST", "/offer", cookie=cookie,
                                          form=dict(good, download="toml"))
        f.check(status == 200 and "[[line]]" in toml, f"the TOML download: {status}")
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as out:
            out.write(toml)
        r = p.run("offer", out.name, check=False)
        os.unlink(out.name)
        f.check(r.returncode == 0 and total and "€ " + total.group(1) in r.stdout,
                f"sroi offer on the download does not give the page's total: {r.stdout[-400:]}")
        # The workbook download is the offer workbook, filled in: handed back as it is, it is
        # the same offer.
        status, headers, book = p.request("POST", "/offer", cookie=cookie,
                                          form=dict(good, download="xlsx"), binary=True)
        f.check(status == 200 and book[:2] == b"PK", f"the workbook download: {status}")
        with tempfile.NamedTemporaryFile("wb", suffix=".xlsx", delete=False) as out:
            out.write(book)
        r = p.run("offer", out.name, check=False)
        os.unlink(out.name)
        f.check(r.returncode == 0 and total and "€ " + total.group(1) in r.stdout,
                f"sroi offer on the workbook download does not give the page's total: "
                f"{r.stdout[-400:]}{r.stderr[-400:]}")
        # One line in a form: each problem names its field as the form does, without a file
        # name or a row and column the supplier never saw.
        status, _, body = p.request("POST", "/contracts/ON-2027-001/lines", cookie=cookie, form={
            "csrf": p.csrf(cookie), "candidate": "K-9", "block": "ww-gt1", "start": "1-3-2027",
            "end": "31-2-2027", "hours_per_week": "veel", "amount": ""})
        items = re.findall(r"<li>(.*?)</li>", body)
        f.check(status == 422 and any(i.startswith("Einddatum &#39;31-2-2027&#39;") for i in items)
                and any(i.startswith("Uren per week &#39;veel&#39;") for i in items)
                and not any(".csv" in i for i in items), f"the line form's problems: {items}")
    finally:
        p.stop()
    f.exit()


if __name__ == "__main__":
    main()
