#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
# sroi check-file hands the user's own file back as a workbook: every problem's cell red with a
# comment saying what to do, every other cell as it was, no BSN written back, and a first sheet
# listing every problem with its place. Read back with openpyxl, cell by cell.
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

SROI, SRC = sys.argv[1], sys.argv[2]
RED = "FFFF8080"
BSN = "111222333"
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def sroi(*args):
    env = dict(os.environ, LANGUAGE="nl")
    return subprocess.run([SROI, "--regions-dir", os.path.join(SRC, "regions"), *args],
                          capture_output=True, text=True, env=env)


def red_cells(ws):
    return {c.coordinate: (c.comment.text if c.comment else None)
            for row in ws.iter_rows() for c in row
            if c.fill is not None and c.fill.fill_type == "solid" and c.fill.fgColor.rgb == RED}


def no_bsn_anywhere(wb, what):
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and BSN in str(c.value):
                    fail(f"{what}: the BSN was written back in {ws.title}!{c.coordinate}")


def check_csv(work):
    # A Dutch Excel CSV: a day that does not exist, a BSN for a candidate, an unknown block,
    # hours that are no number, an employment line without hours; rows 2 and 7 are clean.
    src = os.path.join(work, "uren.csv")
    rows = ["Kandidaat;Bouwblok;Begindatum;Einddatum;Uren per week",
            "K-1;nug;1-1-2027;30-6-2027;36",
            "K-2;nug;1-1-2027;31-2-2027;36",
            f"{BSN};nug;1-1-2027;30-6-2027;36",
            "K-4;onbekend-blok;1-1-2027;30-6-2027;36",
            "K-5;nug;1-1-2027;30-6-2027;veel",
            "K-6;ww-gt1;1-1-2027;30-6-2027;",
            "=1+1;nug;1-1-2027;30-6-2027;24"]
    with open(src, "w") as f:
        f.write("\n".join(rows) + "\n")
    out = os.path.join(work, "uren-gemarkeerd.xlsx")
    r = sroi("check-file", src, "--region", "oost-nederland", "--value", "1.250.000",
             "--start", "1-1-2027", "--end", "31-12-2027", "--xlsx", out)
    if r.returncode != 1:
        fail(f"csv: exit {r.returncode}, want 1: {r.stderr}")
    for want in ("uren.csv, rij 3, kolom Einddatum", "uren.csv, rij 4, kolom Kandidaat",
                 "uren.csv, rij 5, kolom Bouwblok", "uren.csv, rij 6, kolom Uren per week",
                 "uren.csv, rij 7, kolom Uren per week", "uren.csv, rij 8, kolom Kandidaat"):
        if want not in r.stdout:
            fail(f"csv: '{want}' not among the problems: {r.stdout}")
    wb = openpyxl.load_workbook(out)
    if wb.sheetnames != ["Problemen", "uren"]:
        fail(f"csv: sheets {wb.sheetnames}")
        return
    ws = wb["uren"]
    red = red_cells(ws)
    want = {"D3": "bestaat niet", "A4": "BSN", "B5": "onbekend bouwblok", "E6": "geen getal",
            "E7": "Uren per week ontbreekt", "A8": "=, +, - of @"}
    if set(red) != set(want):
        fail(f"csv: red cells {sorted(red)}, want {sorted(want)}")
    for cell, words in want.items():
        if words not in (red.get(cell) or ""):
            fail(f"csv: the comment on {cell} does not say '{words}': {red.get(cell)!r}")
    # Every other cell as the file had it, text as typed (a formula stays text).
    for r_i, line in enumerate(rows, start=1):
        for c_i, value in enumerate(line.split(";"), start=1):
            cell = ws.cell(row=r_i, column=c_i)
            if cell.coordinate in red or value == "":
                continue
            if cell.value != value:
                fail(f"csv: {cell.coordinate} is {cell.value!r}, the file has {value!r}")
    if ws["A8"].value != "=1+1" or ws["A8"].data_type != "s":
        fail(f"csv: the formula-like candidate is {ws['A8'].value!r} ({ws['A8'].data_type})")
    listed = [c.value for c in wb["Problemen"]["A"][4:] if c.value]
    if len(listed) != 6 or not listed[0].startswith("uren.csv, rij 3"):
        fail(f"csv: the list of problems: {listed}")
    no_bsn_anywhere(wb, "csv")


def check_workbook(work):
    src = os.path.join(SRC, "tests", "data", "workbooks", "realisation-bad.xlsx")
    out = os.path.join(work, "werkmap-gemarkeerd.xlsx")
    r = sroi("check-file", src, "--xlsx", out)
    if r.returncode != 1:
        fail(f"workbook: exit {r.returncode}, want 1: {r.stderr}")
    wb = openpyxl.load_workbook(out)
    original = openpyxl.load_workbook(src)
    if wb.sheetnames != ["Problemen"] + original.sheetnames:
        fail(f"workbook: sheets {wb.sheetnames}")
        return
    red = red_cells(wb["Regels"])
    want = {"D4": "bestaat niet", "A6": "BSN", "B7": "onbekend bouwblok", "E8": "geen getal",
            "E9": "Uren per week ontbreekt"}
    if set(red) != set(want):
        fail(f"workbook: red cells {sorted(red)}, want {sorted(want)}")
    for cell, words in want.items():
        if words not in (red.get(cell) or ""):
            fail(f"workbook: the comment on {cell} does not say '{words}': {red.get(cell)!r}")
    # The clean cells of every sheet hold what the user's workbook holds (days as days).
    compared = 0
    for ws in original:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None or (ws.title == "Regels" and c.coordinate in red):
                    continue
                got = wb[ws.title][c.coordinate].value
                want_value = c.value
                if isinstance(want_value, datetime.datetime) and isinstance(got, datetime.datetime):
                    same = want_value.date() == got.date()
                else:
                    same = got == want_value or (isinstance(got, (int, float)) and
                                                 isinstance(want_value, (int, float)) and
                                                 abs(got - want_value) < 1e-9)
                compared += 1
                if not same:
                    fail(f"workbook: {ws.title}!{c.coordinate} is {got!r}, was {want_value!r}")
    if compared < 100:
        fail(f"workbook: only {compared} cells compared")
    no_bsn_anywhere(wb, "workbook")
    print(f"workbook: {compared} clean cells equal the user's, {len(red)} red")


def check_clean(work):
    src = os.path.join(SRC, "tests", "data", "workbooks", "realisation-template.xlsx")
    out = os.path.join(work, "schoon.xlsx")
    r = sroi("check-file", src, "--xlsx", out)
    if r.returncode != 0 or "geen problemen" not in r.stdout:
        fail(f"clean: exit {r.returncode}: {r.stdout} {r.stderr}")
    wb = openpyxl.load_workbook(out)
    if any(red_cells(ws) for ws in wb):
        fail("clean: a clean workbook came back with red cells")
    if "geen problemen" not in str(wb["Problemen"]["A1"].value):
        fail(f"clean: the first sheet says {wb['Problemen']['A1'].value!r}")


def main():
    work = tempfile.mkdtemp(prefix="sroi-check-file-")
    try:
        check_csv(work)
        check_workbook(work)
        check_clean(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{0 if failures else 1} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
