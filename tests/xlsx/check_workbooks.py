#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Opens the workbooks sroi writes the way users do, and checks them against the engine.

1. Writes report workbooks for every shipped sample and for a generated offer and realisation
   per shipped region version covering every block (so every unit type of every region), and
   the calculator of every region version, filled in (with openpyxl) with the generated offer.
2. Recalculates all of them in LibreOffice Calc headless (a throw-away profile sets
   OOXMLRecalcMode to 0: always recalculate on load) and saves them again.
3. Asserts that every recalculated line value and total equals the engine's JSON to the cent.
4. Reads the workbooks as written with openpyxl (a second reader): sheet names, headers, and
   that text from the inputs (supplier, candidates) is stored as a string, never a formula.

usage: check_workbooks.py SROI_BINARY SOURCE_DIR
"""
import datetime
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import ids  # noqa: E402  (the ids a reader should not see where a name exists)

SROI, SRC = sys.argv[1], sys.argv[2]
# A realisation counts up to today: the day after every test contract, so it counts in full.
os.environ.setdefault("SROI_TODAY", "2099-12-31")
failures = []
checked = {"lines": 0, "totals": 0, "workbooks": 0, "calculator_lines": 0, "read_back": 0,
           "sheets": 0, "prefilled": 0}


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def sroi(*args, check=True):
    r = subprocess.run([SROI, "--regions-dir", os.path.join(SRC, "regions"), *args],
                       capture_output=True, text=True)
    if check and r.returncode != 0:
        raise SystemExit(f"sroi {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


def cents(v):
    if v is None:
        return None
    return int(round(float(v) * 100))


def quantities(block, region_has_min):
    """One offer line per block, with quantities its unit needs."""
    unit = block["unit"]
    line = {"block": block["id"]}
    if unit == "fulltime-year":
        line.update(persons=2, hours_per_week=20, months=18)
    elif unit == "month":
        line.update(months=7)
    elif unit == "learning-year":
        line.update(years=1.25)
    elif unit == "actual-cost" and "max_per_day_cents" in block:
        # over the maximum: 2 days at most 2 x the maximum count, not the 2 x + 1 spent
        line.update(amount=f"{2 * block['max_per_day_cents'] / 100 + 1:.2f}", count=2)
    elif unit in ("invoice", "actual-cost"):
        line.update(amount="12345.67" if unit == "invoice" else "999.99")
    elif unit == "hour":
        line.update(hours=33.5)
    elif unit == "activity":
        line.update(count=3)
    return line


def toml_value(v):
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(json.dumps(x) for x in v) + "]"
    return str(v)


def write_offer(path, region, version, lines, supplier="Test BV"):
    with open(path, "w") as f:
        f.write(f'region = "{region}"\nregion_version = "{version}"\n')
        f.write(f"supplier = {json.dumps(supplier)}\n")
        f.write('[contract]\nid = "gen"\nvalue = "1000000"\npercentage = 5\n'
                'start = 2027-01-01\nend = 2028-12-31\n')
        for line in lines:
            f.write("[[line]]\n")
            for k, v in line.items():
                f.write(f"{k} = {toml_value(v)}\n")


def generated_lines(region, version):
    blocks = json.loads(sroi("--format", "json", "blocks", f"{region}@{version}").stdout)
    bonuses = [b["id"] for b in region_bonuses(region, version)]
    lines = []
    for b in blocks:
        line = quantities(b, False)
        lines.append(line)
        if b["unit"] == "fulltime-year":
            # a second, part-time line with a bonus, and one below a 12-hour minimum
            extra = dict(line, persons=1, hours_per_week=10, months=30)
            if bonuses:
                extra["bonuses"] = bonuses[:1]
            lines.append(extra)
    return lines


def region_bonuses(region, version):
    text = sroi("blocks", f"{region}@{version}").stdout
    out, on = [], False
    for row in text.splitlines():
        if row.startswith("bonuses"):
            on = True
            continue
        if on and row.strip():
            out.append({"id": row.split()[0]})
    return out


def realisation_csv(path, lines):
    """A realisation with one candidate per generated line, over dates that cross months."""
    with open(path, "w") as f:
        f.write("candidate,block,start,end,hours_per_week,amount,hours,count,bonuses\n")
        for i, l in enumerate(lines):
            hours = l.get("hours_per_week", "")
            amount = l.get("amount", "")
            f.write(f"K-{i},{l['block']},2027-02-15,2028-03-20,{hours},{amount},"
                    f"{l.get('hours', '')},{l.get('count', '')},{';'.join(l.get('bonuses', []))}\n")
            if "hours_per_week" in l:  # same candidate again: shares the counting period
                f.write(f"K-{i},{l['block']},2028-05-01,2028-12-31,{hours},,,,\n")


def profile_dir(root):
    prof = os.path.join(root, "lo-profile")
    user = os.path.join(prof, "user")
    os.makedirs(user)
    with open(os.path.join(user, "registrymodifications.xcu"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '</oor:items>\n')
    return "file://" + prof


def recalc(files, outdir, root):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) not found: apt-get install libreoffice-calc")
    os.makedirs(outdir)
    r = subprocess.run([soffice, f"-env:UserInstallation={profile_dir(root)}", "--headless",
                        "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "--outdir", outdir, *files], capture_output=True, text=True,
                       timeout=600)
    for f in files:
        if not os.path.exists(os.path.join(outdir, os.path.basename(f))):
            raise SystemExit(f"LibreOffice did not convert {f}: {r.stdout} {r.stderr}")


def summary_values(ws):
    out = {}
    for row in ws.iter_rows(min_col=1, max_col=2):
        if row[0].value is not None and isinstance(row[0].value, str):
            out[row[0].value] = row[1].value
    return out


def check_report(name, path, expected, lang="nl"):
    wb = openpyxl.load_workbook(path, data_only=True)
    lines_sheet = "Regels" if lang == "nl" else "Lines"
    summary_sheet = "Samenvatting" if lang == "nl" else "Summary"
    ws = wb[lines_sheet]
    for i, line in enumerate(expected["lines"]):
        got = cents(ws.cell(row=i + 2, column=19).value)
        checked["lines"] += 1
        if got != line["value_cents"]:
            fail(f"{name}: line {i + 1} ({line['block']}) recalculated to {got} cents, "
                 f"engine {line['value_cents']}")
    n = len(expected["lines"])
    if cents(ws.cell(row=n + 2, column=19).value) != expected["lines_total_cents"]:
        fail(f"{name}: lines total {ws.cell(row=n + 2, column=19).value} != "
             f"{expected['lines_total_cents']} cents")
    s = summary_values(wb[summary_sheet])
    keys = {"nl": {"total": "Totale waarde", "surplus": "Overschot", "shortfall": "Tekort",
                   "penalty": "Boeterisico", "obligation": "SROI-verplichting"},
            "en": {"total": "Total value", "surplus": "Surplus", "shortfall": "Shortfall",
                   "penalty": "Penalty exposure", "obligation": "SROI obligation"}}[lang]
    for key, label in keys.items():
        checked["totals"] += 1
        if cents(s.get(label)) != expected[f"{key}_cents"]:
            fail(f"{name}: {label} recalculated to {s.get(label)}, engine "
                 f"{expected[key + '_cents']} cents")
    # The answer leads: the obligation is the summary's first figure (row 3, under the title),
    # the total, surplus, shortfall and penalty right under it; the sources are in the appendix.
    summary = wb[summary_sheet]
    if summary["A3"].value != keys["obligation"]:
        fail(f"{name}: the summary starts with {summary['A3'].value!r}, not the obligation")
    first_rows = [summary.cell(row=r, column=1).value for r in range(3, 10)]
    if keys["total"] not in first_rows or keys["shortfall"] not in first_rows:
        fail(f"{name}: the summary's first rows are {first_rows}")
    sources = "Bronnen" if lang == "nl" else "Sources"
    if any(c.value == sources for row in summary.iter_rows(max_col=1) for c in row):
        fail(f"{name}: the sources are on the summary, not in the appendix")
    appendix = wb["Bijlage" if lang == "nl" else "Appendix"]
    if not any(c.value == sources for row in appendix.iter_rows(max_col=1) for c in row):
        fail(f"{name}: the appendix lists no sources")
    # The buyer is on the summary a buyer hands over (it was missing).
    buyer_label = "Opdrachtgever" if lang == "nl" else "Buyer"
    if expected.get("buyer") and s.get(buyer_label) != expected["buyer"]:
        fail(f"{name}: {buyer_label} is {s.get(buyer_label)!r}, the file names "
             f"{expected['buyer']!r}")
    checked["workbooks"] += 1


# The calculator's layout (lib/sroi/forms/layout.hpp): the contract's fields from row 4 (label
# in A, value in B), the obligation in B14 and the total in B15, the provisional warning in A18
# listing its values in A19, and the lines from row 22 with their value in column N.
CALC_FIRST_LINE = 22
CALC_OBLIGATION, CALC_TOTAL = "B14", "B15"


def check_calculator(name, path, expected):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["Aanbieding"]
    total = 0
    for i, line in enumerate(expected["lines"]):
        got = cents(ws.cell(row=CALC_FIRST_LINE + i, column=14).value)
        total += line["value_cents"]
        checked["calculator_lines"] += 1
        if got != line["value_cents"]:
            fail(f"{name}: calculator row {CALC_FIRST_LINE + i} ({line['block']}) = {got} cents, "
                 f"engine {line['value_cents']}")
        # The check column (O) says why a line is worth nothing (here: below the region's
        # minimum hours, the only way a generated line gets € 0) and is empty otherwise.
        warning = ws.cell(row=CALC_FIRST_LINE + i, column=15).value
        if (line["value_cents"] == 0) != bool(warning) or \
                (warning and "uur per week" not in warning):
            fail(f"{name}: calculator row {CALC_FIRST_LINE + i} worth {line['value_cents']} cents "
                 f"warns {warning!r}")
    if cents(ws[CALC_TOTAL].value) != total:
        fail(f"{name}: calculator total {ws[CALC_TOTAL].value} != {total} cents")
    # The obligation from the contract's fields (value × percentage, threshold, PSO) as the
    # engine computes it.
    if cents(ws[CALC_OBLIGATION].value) != expected["obligation_cents"]:
        fail(f"{name}: calculator obligation {ws[CALC_OBLIGATION].value} != engine "
             f"{expected['obligation_cents']} cents")
    # The provisional warning (A18) lists what is provisional (A19); it used to list nothing.
    # The engine's result names the same values ("voltijduren 36 van … (stand-in)").
    if ws["A18"].value:
        listed = ws["A19"].value or ""
        for v in expected.get("provisional_values", []):
            if v.startswith("full-time hours") and "voltijduren" not in listed:
                fail(f"{name}: A19 does not list the provisional full-time hours: {listed!r}")
        if not listed:
            fail(f"{name}: the provisional warning in A18 lists nothing")
    # Read back: the calculator as LibreOffice saved it is an offer with the same total and
    # obligation as the calculator shows.
    back = json.loads(sroi("--format", "json", "offer", path).stdout)
    if back["total_cents"] != cents(ws[CALC_TOTAL].value):
        fail(f"{name}: read back, the calculator's offer totals {back['total_cents']} cents, "
             f"the calculator shows {ws[CALC_TOTAL].value}")
    if back["obligation_cents"] != cents(ws[CALC_OBLIGATION].value):
        fail(f"{name}: read back, the obligation is {back['obligation_cents']} cents, the "
             f"calculator shows {ws[CALC_OBLIGATION].value}")
    checked["read_back"] += 1
    checked["workbooks"] += 1


# The contract of write_offer, typed into the calculator's fields as a person would.
CALC_CONTRACT = {"Leverancier": "Test BV", "Contractnummer": "gen", "Opdrachtwaarde": 1000000,
                 "Percentage": 5, "Begindatum": datetime.datetime(2027, 1, 1),
                 "Einddatum": datetime.datetime(2028, 12, 31)}


def fill_calculator(src, dst, lines, contract=CALC_CONTRACT):
    wb = openpyxl.load_workbook(src)
    ws = wb["Aanbieding"]
    for r in range(1, CALC_FIRST_LINE):
        label = ws.cell(row=r, column=1).value
        if label in contract:
            ws.cell(row=r, column=2, value=contract[label])
    for i, l in enumerate(lines):
        r = CALC_FIRST_LINE + i
        ws.cell(row=r, column=1, value=l["block"])
        if "persons" in l:
            ws.cell(row=r, column=2, value=l["persons"])
        if "hours_per_week" in l:
            ws.cell(row=r, column=3, value=l["hours_per_week"])
        q = l.get("months", l.get("years", l.get("hours", l.get("count"))))
        if q is not None:
            ws.cell(row=r, column=4, value=q)
        for j, b in enumerate(l.get("bonuses", [])):
            ws.cell(row=r, column=5 + j, value=b)
        if "amount" in l:
            ws.cell(row=r, column=7, value=float(l["amount"]))
    wb.save(dst)


def second_reader(path, supplier, candidates, sheets, lang="nl"):
    wb = openpyxl.load_workbook(path)  # as written, formulas not evaluated
    if wb.sheetnames != sheets:
        fail(f"{path}: sheets {wb.sheetnames}, want {sheets}")
    lines = wb["Regels" if lang == "nl" else "Lines"]
    want_headers = ["Nr", "Bouwblok", "Naam", "Kandidaat"] if lang == "nl" else \
        ["No", "Block", "Name", "Candidate"]
    got_headers = [lines.cell(row=1, column=c).value for c in range(1, 5)]
    if got_headers != want_headers:
        fail(f"{path}: headers {got_headers}, want {want_headers}")
    summary = wb[sheets[0]]
    found = False
    for row in summary.iter_rows():
        for c in row:
            if c.value == supplier:
                found = True
                if c.data_type != "s":
                    fail(f"{path}: supplier cell {c.coordinate} is of type {c.data_type}")
    if not found:
        fail(f"{path}: supplier text {supplier!r} not found as a string")
    for r in range(2, lines.max_row + 1):
        c = lines.cell(row=r, column=4)
        if c.value is not None and c.data_type != "s":
            fail(f"{path}: candidate cell {c.coordinate} is of type {c.data_type}")
    got = [lines.cell(row=r, column=4).value for r in range(2, 2 + len(candidates))]
    if got != candidates:
        fail(f"{path}: candidates {got}, want {candidates}")


# The sample offer and the sample realisation, typed into the fill-in templates as a supplier
# would (Dutch amounts, dates as dates, blocks from the drop-down as "id — name").
SAMPLE_CONTRACT = {"Leverancier": "Bouwbedrijf De Voorbeeld BV",
                   "Opdrachtgever": "Gemeente Voorbeeld", "Contractnummer": "2027-014",
                   "Opdrachtwaarde": "€ 1.250.000,00",
                   "Begindatum": datetime.datetime(2027, 1, 1),
                   "Einddatum": datetime.datetime(2028, 12, 31)}


def fill_template(src, dst, rows, contract=SAMPLE_CONTRACT):
    wb = openpyxl.load_workbook(src)
    c = wb["Contract"]
    for r in range(1, c.max_row + 1):
        label = c.cell(row=r, column=1).value
        if label in contract:
            c.cell(row=r, column=2, value=contract[label])
    names = {row[0].value: row[1].value for row in wb["Bouwblokken"].iter_rows(min_row=2)}
    ws = wb["Regels"]
    header = {ws.cell(row=1, column=i).value: i for i in range(1, ws.max_column + 1)}
    for i, row in enumerate(rows):
        for k, v in row.items():
            if k == "Bouwblok":
                v = f"{v} — {names[v]}"
            ws.cell(row=3 + i, column=header[k], value=v)
    wb.save(dst)


def sample_realisation_rows():
    rows = []
    with open(os.path.join(SRC, "samples", "contract-2027-014.csv")) as f:
        next(f)
        for line in f:
            cand, block, start, end, hours = line.strip().split(",")
            day = lambda s: datetime.datetime.strptime(s, "%Y-%m-%d")
            row = {"Kandidaat": cand, "Bouwblok": block, "Begindatum": day(start),
                   "Einddatum": day(end)}
            if hours:
                row["Uren per week"] = float(hours)
            rows.append(row)
    return rows


# Lines a supplier leaves unfinished, with the warning each must show (column O) instead of a
# value: an unknown block, no hours, no months (MIN once counted the whole period for it).
INCOMPLETE_LINES = [{"block": "onzin", "months": 3},
                    {"block": "ww-gt1", "persons": 1, "months": 6},
                    {"block": "participatiewet-gt2", "persons": 1, "hours_per_week": 36}]
INCOMPLETE_WARNINGS = ["onbekend bouwblok", "vul de uren per week in", "vul het aantal in"]


def check_incomplete(path):
    ws = openpyxl.load_workbook(path, data_only=True)["Aanbieding"]
    for i, want in enumerate(INCOMPLETE_WARNINGS):
        r = CALC_FIRST_LINE + i
        value, warning = ws.cell(row=r, column=14).value, ws.cell(row=r, column=15).value
        checked["calculator_lines"] += 1
        if cents(value) != 0 or not (warning or "").startswith(want):
            fail(f"incomplete calculator row {r}: value {value}, warning {warning!r}, want 0 "
                 f"and {want!r}")
    # Read back, each line is refused at its cell, all in one run.
    r = sroi("offer", path, check=False)
    cells = re.findall(r", sheet Aanbieding, (cell A\d+|row \d+)", r.stderr)
    if r.returncode != 1 or cells != ["cell A22", "row 23", "row 24"]:
        fail(f"incomplete calculator read back: exit {r.returncode}, cells {cells}: {r.stderr}")


# The sheets that hold a table (a header row and rows under it): each must carry an autofilter.
TABLE_SHEETS = {"Regels", "Lines", "Toelichting", "Explanation", "Bouwblokken",
                "Building blocks", "Voortgang", "Progress", "Portefeuille", "Per leverancier",
                "Per opdrachtgever", "Vergelijking", "Comparison", "Voorstel",
                "Effect op aanbiedingen"}


# Sheets in English (a workbook written with --lang en) are not scanned for ids; nor are the
# region's lookup tables, which list each id beside its name to choose from (as `sroi blocks`
# does), and the offer workbook's input columns A to G, which hold what the user chose.
ENGLISH_SHEETS = {"Summary", "Lines", "Offer", "Comparison", "Contracts", "Overview"}
LOOKUP_SHEETS = {"Bouwblokken", "Bonussen"}


def check_no_ids(paths):
    """No Dutch workbook shows a catalogue or program id where its name is not beside it: a
    cell with an id needs the id's name (the catalogue's or the region's) in the same row, as
    the block tables and the lines sheets give it. The user's own typed input (quoted, a file
    name) does not count, as in the golden outputs (tests/cli/ids.py)."""
    known, names = ids.id_list(SRC), ids.id_names(SRC)
    scanned = 0
    for path in paths:
        wb = openpyxl.load_workbook(path)
        if ENGLISH_SHEETS & set(wb.sheetnames):
            continue
        for ws in wb.worksheets:
            if ws.title in LOOKUP_SHEETS:
                continue
            for row in ws.iter_rows():
                texts = [c.value for c in row if isinstance(c.value, str)
                         and not c.value.startswith("=")]
                for c in row:
                    if not isinstance(c.value, str) or c.value.startswith("="):
                        continue
                    if ws.title == "Aanbieding" and c.row > CALC_FIRST_LINE - 1 and c.column <= 7:
                        continue
                    scanned += 1
                    for _, i, _ in ids.leaks(c.value, known):
                        if not any(n in t for n in names.get(i, ()) for t in texts):
                            fail(f"{os.path.basename(path)}: {ws.title}!{c.coordinate} shows "
                                 f"{i} without its name: {c.value[:120]!r}")
    checked["id_cells"] = scanned


def check_print_and_filters(paths):
    """Every printed page of every sheet carries the title block in its header (what it is, at
    the left), and every table sheet an autofilter, in every workbook written."""
    for path in paths:
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            checked["sheets"] += 1
            if not (ws.oddHeader.left.text or "").strip():
                fail(f"{os.path.basename(path)}: sheet {ws.title} prints without a title block")
            base = ws.title.split(" (")[0]
            if base in TABLE_SHEETS and not ws.auto_filter.ref:
                fail(f"{os.path.basename(path)}: table sheet {ws.title} has no autofilter")
            # No number unformatted ("21,5483871", touching the next column) and no whole
            # number with a trailing decimal point ("12."); days as Dutch Excel shows them.
            if base in ("Regels", "Lines"):
                for row in ws.iter_rows(min_row=2, max_row=min(ws.max_row, 200)):
                    for c in row:
                        fmt = c.number_format
                        if isinstance(c.value, (int, float)) and fmt == "General":
                            fail(f"{os.path.basename(path)}: {ws.title}!{c.coordinate} "
                                 f"{c.value} has no number format")
                        if isinstance(c.value, float) and c.value == int(c.value) and \
                                fmt.startswith("0.#"):
                            fail(f"{os.path.basename(path)}: {ws.title}!{c.coordinate} shows "
                                 f"{c.value} with a trailing decimal point ({fmt})")
                        if hasattr(c.value, "year") and fmt != "d-m-yyyy":
                            fail(f"{os.path.basename(path)}: {ws.title}!{c.coordinate} is a "
                                 f"day shown as {fmt}")


def check_offer_workbook_everywhere(offer, want, root):
    """The one offer workbook, filled in and saved by LibreOffice, is taken wherever an offer
    is: it adds a contract to the register, attaches to it as its offer, and is a bid among the
    sample bids (a folder of .xlsx and .toml files). For a contract of the register it comes
    with the contract's latest offer filled in, showing the register's figures before any
    program recalculates it."""
    db = os.path.join(root, "offer-workbook.db")
    env = dict(os.environ, SROI_DB=db)
    run = lambda *args: subprocess.run([SROI, "--regions-dir", os.path.join(SRC, "regions"),
                                        *args], env=env, capture_output=True, text=True)
    checked["read_back"] += 1
    r = run("db", "init")
    r = run("contract", "add", offer)
    if r.returncode != 0:
        fail(f"contract add of the offer workbook: {r.returncode} {r.stderr}")
    status = json.loads(run("--format", "json", "status").stdout)
    if [(s["contract"], s["offered_cents"], s["obligation_cents"]) for s in status] != \
            [("2027-014", want["total_cents"], want["obligation_cents"])]:
        fail(f"the contract added from the offer workbook: {status}")
    r = run("offer", offer, "--save")
    if r.returncode != 0:
        fail(f"offer --save of the offer workbook: {r.returncode} {r.stderr}")
    bids = os.path.join(root, "bids-with-workbook")
    shutil.rmtree(bids, ignore_errors=True)
    shutil.copytree(os.path.join(SRC, "samples", "tender"), bids)
    blank = os.path.join(root, "bid-blank.xlsx")
    sroi("template", "offer", "--region", "oost-nederland", "--xlsx", blank)
    fill_calculator(blank, os.path.join(bids, "bid-workbook.xlsx"), [
        {"block": "participatiewet-gt2", "persons": 3, "hours_per_week": 36, "months": 24}],
        contract={"Leverancier": "Werkmap Bouw BV", "Opdrachtgever": "Gemeente Voorbeeld",
                  "Contractnummer": "AB-2027-031", "Opdrachtwaarde": 2000000, "Percentage": 5,
                  "Begindatum": datetime.datetime(2027, 3, 1),
                  "Einddatum": datetime.datetime(2029, 2, 28)})
    ranking = json.loads(sroi("--format", "json", "bids", bids).stdout)
    files = sorted(os.path.basename(b["file"]) for b in ranking["bids"])
    if "bid-workbook.xlsx" not in files or len(files) != 4:
        fail(f"bids of a folder with an offer workbook: {files}")
    # The workbook for contract 2027-014 carries its offer, with the register's figures as the
    # formulas' cached results (openpyxl reads those; nothing recalculates here).
    mine = os.path.join(root, "offer-2027-014.xlsx")
    r = run("template", "offer", "--contract", "2027-014", "--xlsx", mine)
    if r.returncode != 0:
        fail(f"template offer --contract: {r.returncode} {r.stderr}")
    ws = openpyxl.load_workbook(mine, data_only=True)["Aanbieding"]
    shown = (cents(ws[CALC_OBLIGATION].value), cents(ws[CALC_TOTAL].value),
             ws.cell(row=CALC_FIRST_LINE, column=1).value)
    if shown != (want["obligation_cents"], want["total_cents"], "participatiewet-gt2"):
        fail(f"the contract's offer workbook shows {shown}, the register {want}")


def check_templates(recalc_dir, templates, root):
    """A template filled in and saved by LibreOffice reads back as the sample it was filled
    with: the same total and obligation as the TOML offer and the CSV realisation."""
    offer = os.path.join(recalc_dir, os.path.basename(templates["offer"]))
    got = json.loads(sroi("--format", "json", "offer", offer).stdout)
    want = json.loads(sroi("--format", "json", "offer",
                           os.path.join(SRC, "samples", "offer-oost-nederland.toml")).stdout)
    checked["read_back"] += 1
    for key in ("total_cents", "obligation_cents", "supplier", "buyer"):
        if got[key] != want[key]:
            fail(f"offer template read back: {key} {got[key]!r}, the TOML offer {want[key]!r}")
    check_offer_workbook_everywhere(offer, want, root)
    real = os.path.join(recalc_dir, os.path.basename(templates["realisation"]))
    got = json.loads(sroi("--format", "json", "realisation", real).stdout)
    want = json.loads(sroi("--format", "json", "realisation",
                           os.path.join(SRC, "samples", "contract-2027-014.csv"), "--region",
                           "oost-nederland", "--value", "1250000", "--start", "2027-01-01",
                           "--end", "2028-12-31").stdout)
    checked["read_back"] += 1
    for key in ("total_cents", "obligation_cents"):
        if got[key] != want[key]:
            fail(f"realisation template read back: {key} {got[key]}, the CSV {want[key]}")
    # The same workbook imports into a contract of the register.
    db = os.path.join(root, "templates.db")
    env = dict(os.environ, SROI_DB=db)
    for args in (["db", "init"],
                 ["contract", "add", os.path.join(SRC, "samples", "register", "contracts")]):
        subprocess.run([SROI, "--regions-dir", os.path.join(SRC, "regions"), *args], env=env,
                       check=True, capture_output=True)
    r = subprocess.run([SROI, "--regions-dir", os.path.join(SRC, "regions"), "import", real,
                        "--contract", "ON-2027-001"], env=env, capture_output=True, text=True)
    if r.returncode != 0 or "imported 6 rows" not in r.stderr:
        fail(f"import of the realisation template: {r.returncode} {r.stderr}")
    # A template for a contract of the register comes with the contract's fields filled in: the
    # supplier types only the lines, and the workbook is valued as that contract (ON-2027-001:
    # € 1.250.000,00 from 1-1-2027 to 31-12-2028, 5 % → obligation € 62.500,00).
    blank = os.path.join(root, "template-ON-2027-001.xlsx")
    subprocess.run([SROI, "--regions-dir", os.path.join(SRC, "regions"), "template",
                    "realisation", "--contract", "on-2027-001", "--xlsx", blank], env=env,
                   check=True, capture_output=True)
    fields = {c.cell(row=r, column=1).value: c.cell(row=r, column=2).value
              for c in [openpyxl.load_workbook(blank)["Contract"]] for r in range(1, 15)}
    expected = {"Leverancier": "Bouwbedrijf De Voorbeeld BV", "Opdrachtgever": "Gemeente Zwolle",
                "Contractnummer": "ON-2027-001", "Opdrachtwaarde": 1250000,
                "Begindatum": datetime.datetime(2027, 1, 1),
                "Einddatum": datetime.datetime(2028, 12, 31)}
    for label, value in expected.items():
        checked["prefilled"] += 1
        if fields.get(label) != value:
            fail(f"prefilled template: {label} is {fields.get(label)!r}, not {value!r}")
    filled = os.path.join(root, "template-ON-2027-001-filled.xlsx")
    fill_template(blank, filled, sample_realisation_rows(), contract={})
    got = json.loads(sroi("--format", "json", "realisation", filled).stdout)
    if (got["obligation_cents"], got["contract"]["id"]) != (6250000, "ON-2027-001"):
        fail(f"prefilled template read back: {got['obligation_cents']} {got['contract']}")
    if got["total_cents"] != want["total_cents"]:
        fail(f"prefilled template total {got['total_cents']}, the CSV {want['total_cents']}")


def check_tender(rule, path, expected):
    """Bids: offered (a SUMIF over the lines), points and ranks recalculated as the engine."""
    wb = openpyxl.load_workbook(path, data_only=True)
    cmp, score = wb["Vergelijking"], wb["Beoordeling"]
    head = next(r for r in range(1, cmp.max_row + 1) if cmp.cell(row=r, column=1).value == "Inschrijving")
    shead = next(r for r in range(1, score.max_row + 1)
                 if score.cell(row=r, column=1).value == "Inschrijving")
    for i, bid in enumerate(expected["bids"]):
        checked["totals"] += 1
        offered = cents(cmp.cell(row=head + 1 + i, column=4).value)
        if offered != bid["offered_cents"]:
            fail(f"bids {rule}: bid {i + 1} offered {offered} != {bid['offered_cents']}")
        points = score.cell(row=shead + 1 + i, column=4).value
        rank = score.cell(row=shead + 1 + i, column=5).value
        if points is None or abs(float(points) - float(bid["points"])) > 0.00005:
            fail(f"bids {rule}: bid {i + 1} points {points} != {bid['points']}")
        if rank != bid["rank"]:
            fail(f"bids {rule}: bid {i + 1} rank {rank} != {bid['rank']}")
    checked["workbooks"] += 1


def check_kpi(path, expected):
    """Steering figures: every shown group's realised and its share recalculated."""
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["Kengetallen"]
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "Groep")
    rows = expected["groups"] + [expected["total"]]
    for i, g in enumerate(rows):
        checked["totals"] += 1
        r = head + 1 + i
        if g["suppressed"]:
            if ws.cell(row=r, column=7).value != "< 5" or ws.cell(row=r, column=5).value is not None:
                fail(f"kpi row {r}: a hidden group shows figures")
            continue
        if cents(ws.cell(row=r, column=5).value) != g["realised_cents"]:
            fail(f"kpi row {r}: realised {ws.cell(row=r, column=5).value} != {g['realised_cents']}")
        share = ws.cell(row=r, column=6).value
        if g["share_realised"] is not None and abs(share - g["share_realised"]) > 0.00005:
            fail(f"kpi row {r}: share {share} != {g['share_realised']}")
    checked["workbooks"] += 1


def main():
    root = tempfile.mkdtemp(prefix="sroi-xlsx-")
    try:
        out, books, reports, calcs = os.path.join(root, "out"), [], [], []
        os.makedirs(out)

        def report(name, args, lang="nl"):
            path = os.path.join(out, name + ".xlsx")
            r = sroi("--format", "json", *args, "--xlsx", path, "--lang", lang)
            books.append(path)
            reports.append((name, path, json.loads(r.stdout), lang))

        samples = os.path.join(SRC, "samples")
        for f in sorted(os.listdir(samples)):
            p = os.path.join(samples, f)
            if f.startswith("offer-"):
                report(f[:-5], ["offer", p])
            elif f.startswith("realisation-"):
                report(f[:-5], ["realisation", p])
        report("contract-2027-014", ["realisation", os.path.join(samples, "contract-2027-014.csv"),
                                     "--region", "oost-nederland", "--value", "1250000",
                                     "--percentage", "5", "--start", "2027-01-01",
                                     "--end", "2028-12-31"])
        report("sample-en", ["offer", os.path.join(samples, "offer-oost-nederland.toml")], "en")
        # One person's week shared by concurrent lines, a duplicate line, the minimum hours met
        # only together and an age-bonus group: the sheet's factors must still give the
        # engine's values when recalculated.
        report("shared-week", ["realisation",
                               os.path.join(SRC, "tests", "data", "realisations", "shared-week.csv"),
                               "--region", "harlingen", "--value", "900000", "--percentage", "5",
                               "--start", "2027-01-01", "--end", "2027-12-31"])

        regions = json.loads(sroi("--format", "json", "regions").stdout)
        for reg in regions:
            rid, ver = reg["id"], reg["version"]
            tag = f"{rid}-{ver}"
            lines = generated_lines(rid, ver)
            offer = os.path.join(root, f"offer-{tag}.toml")
            write_offer(offer, rid, ver, lines)
            report(f"gen-offer-{tag}", ["offer", offer])
            csv = os.path.join(root, f"real-{tag}.csv")
            realisation_csv(csv, lines)
            report(f"gen-real-{tag}", ["realisation", csv, "--region", f"{rid}@{ver}",
                                       "--value", "1000000", "--percentage", "5",
                                       "--start", "2027-01-01", "--end", "2028-12-31"])
            # The calculator does not cap at the contract end: give it lines within it.
            calc_lines = [dict(l, months=min(l["months"], 24)) if "months" in l else l
                          for l in lines]
            write_offer(offer, rid, ver, calc_lines)
            expected = json.loads(sroi("--format", "json", "offer", offer).stdout)
            blank = os.path.join(root, f"calc-{tag}.xlsx")
            sroi("publish", f"{rid}@{ver}", "--xlsx", blank)
            filled = os.path.join(out, f"calc-{tag}.xlsx")
            fill_calculator(blank, filled, calc_lines)
            books.append(filled)
            calcs.append((f"calc-{tag}", filled, expected))

        # Text from input files that looks like a formula stays text.
        hostile = os.path.join(root, "hostile.toml")
        write_offer(hostile, "oost-nederland", "V05",
                    [{"block": "werkervaringsplek", "months": 3}],
                    supplier='=HYPERLINK("http://example.invalid","klik")')
        hostile_xlsx = os.path.join(out, "hostile.xlsx")
        sroi("offer", hostile, "--xlsx", hostile_xlsx)
        # Candidates a spreadsheet would run never get in: each row refused at its place, no
        # workbook written.
        hcsv = os.path.join(root, "hostile.csv")
        with open(hcsv, "w") as f:
            f.write("candidate,block,start,end,hours_per_week\n"
                    "=1+1,nug,2027-01-01,2027-03-31,36\n+31,nug,2027-01-01,2027-03-31,36\n"
                    "-2,nug,2027-01-01,2027-03-31,36\n@SUM(A1),nug,2027-01-01,2027-03-31,36\n")
        refused_xlsx = os.path.join(out, "hostile-refused.xlsx")
        r = sroi("realisation", hcsv, "--region", "oost-nederland", "--value", "1250000",
                 "--start", "2027-01-01", "--end", "2027-12-31", "--xlsx", refused_xlsx,
                 check=False)
        named = [f"hostile.csv, row {n}, column Candidate:" for n in (2, 3, 4, 5)]
        if r.returncode != 1 or not all(n in r.stderr for n in named) or \
                os.path.exists(refused_xlsx):
            fail(f"formula candidates were not all refused: {r.returncode} {r.stderr}")
        # A supplier named like a formula stays text in the workbook.
        with open(hcsv, "w") as f:
            f.write("candidate,block,start,end,hours_per_week\n"
                    "K-1,nug,2027-01-01,2027-03-31,36\nK=2,nug,2027-01-01,2027-03-31,36\n")
        hcsv_xlsx = os.path.join(out, "hostile-csv.xlsx")
        sroi("realisation", hcsv, "--region", "oost-nederland", "--value", "1250000",
             "--start", "2027-01-01", "--end", "2027-12-31", "--supplier", "+cmd|' /C calc'!A0",
             "--xlsx", hcsv_xlsx)
        second_reader(hostile_xlsx, '=HYPERLINK("http://example.invalid","klik")', [],
                      ["Samenvatting", "Regels", "Toelichting", "Bouwblokken", "Bijlage"])
        second_reader(hcsv_xlsx, "+cmd|' /C calc'!A0", ["K-1", "K=2"],
                      ["Samenvatting", "Regels", "Toelichting", "Bouwblokken", "Voortgang",
                       "Bijlage"])
        second_reader(os.path.join(out, "sample-en.xlsx"), "Bouwbedrijf De Voorbeeld BV", [],
                      ["Summary", "Lines", "Explanation", "Building blocks", "Appendix"], lang="en")
        books += [hostile_xlsx, hcsv_xlsx]

        # Harmonisation workbooks: the comparison matrix and the draft with its effects.
        # The comparison in Dutch (the default) and in English: the English cells must equal the
        # JSON text; the Dutch ones the same gaps and the same amounts in other words.
        cmp_xlsx = os.path.join(out, "compare.xlsx")
        cmp_json = json.loads(sroi("--format", "json", "compare", "--xlsx", cmp_xlsx).stdout)
        cmp_en_xlsx = os.path.join(out, "compare-en.xlsx")
        sroi("compare", "--xlsx", cmp_en_xlsx, "--lang", "en")
        books.append(cmp_en_xlsx)
        draft_xlsx = os.path.join(out, "draft.xlsx")
        sroi("harmonise", "--method", "median", "--out", os.path.join(root, "draft.toml"),
             "--xlsx", draft_xlsx)
        books += [cmp_xlsx, draft_xlsx]

        # The portfolio workbook of the sample register.
        env_db = os.path.join(root, "register.db")
        os.environ["SROI_DB"] = env_db
        sroi("db", "init")
        sroi("contract", "add", os.path.join(samples, "register", "contracts"))
        sroi("import", os.path.join(samples, "register", "realisations"))
        # Suppliers whose names SUMIF would read as criteria or fold by case: each must keep
        # its own total once the workbook is recalculated.
        hostile = os.path.join(root, "hostile-suppliers")
        os.makedirs(os.path.join(hostile, "contracts"))
        os.makedirs(os.path.join(hostile, "realisations"))
        with open(os.path.join(samples, "register", "contracts", "U-2027-003.toml")) as f:
            template = f.read()
        for k, name in enumerate(["Acme BV", "ACME BV", "Acme*", "<>Acme BV", "=Acme BV"]):
            cid = f"S-{k}"
            text = template.replace('id = "U-2027-003"', f'id = "{cid}"')
            text = "\n".join(f'supplier = "{name}"' if l.startswith("supplier =") else l
                             for l in text.splitlines()) + "\n"
            with open(os.path.join(hostile, "contracts", cid + ".toml"), "w") as f:
                f.write(text)
            with open(os.path.join(hostile, "realisations", cid + ".csv"), "w") as f:
                f.write("candidate,block,start,end,hours_per_week\n"
                        f"S{k},ww,2027-01-01,2027-12-31,{8 + 4 * k}\n")
        sroi("contract", "add", os.path.join(hostile, "contracts"))
        sroi("import", os.path.join(hostile, "realisations"))
        status = json.loads(sroi("--lang", "nl", "--format", "json", "status", "--as-of",
                                 "2027-12-31").stdout)
        portfolio_xlsx = os.path.join(out, "portfolio.xlsx")
        sroi("report", "--xlsx", portfolio_xlsx, "--as-of", "2027-12-31")
        books.append(portfolio_xlsx)

        # A calculator with incomplete lines: each is worth nothing and says what it lacks.
        blank = os.path.join(root, "calc-incomplete-blank.xlsx")
        sroi("publish", "oost-nederland", "--xlsx", blank)
        incomplete = os.path.join(out, "calc-incomplete.xlsx")
        fill_calculator(blank, incomplete, INCOMPLETE_LINES)
        books.append(incomplete)

        # The offer workbook and the realisation template, filled with the samples and saved
        # by LibreOffice.
        templates = {}
        blank = os.path.join(root, "template-offer-blank.xlsx")
        sroi("template", "offer", "--region", "oost-nederland", "--xlsx", blank)
        templates["offer"] = os.path.join(out, "template-offer.xlsx")
        fill_calculator(blank, templates["offer"], [
            {"block": "participatiewet-gt2", "persons": 2, "hours_per_week": 36, "months": 24},
            {"block": "ww-gt1", "persons": 1, "hours_per_week": "20", "months": 18},
            {"block": "werkervaringsplek", "months": 6},
            {"block": "bbl-1-2", "years": "1,5"}], contract=dict(SAMPLE_CONTRACT))
        books.append(templates["offer"])
        blank = os.path.join(root, "template-realisation-blank.xlsx")
        sroi("template", "realisation", "--region", "oost-nederland", "--xlsx", blank)
        templates["realisation"] = os.path.join(out, "template-realisation.xlsx")
        fill_template(blank, templates["realisation"], sample_realisation_rows())
        books.append(templates["realisation"])

        # The three sample bids of one tender, scored two ways: points and ranks are formulas.
        tenders = {}
        for rule, extra in (("proportional", ["--maximum", "200000", "--points", "30"]),
                            ("relative", [])):
            path = os.path.join(out, f"bids-{rule}.xlsx")
            tenders[rule] = (path, json.loads(sroi(
                "--format", "json", "bids", os.path.join(samples, "tender"), "--rule", rule,
                *extra, "--xlsx", path).stdout))
            books.append(path)
        # Steering figures of a register of the sample contracts, with their shares as formulas.
        kpi_db = os.path.join(root, "kpi.db")
        sroi("--db", kpi_db, "db", "init")
        sroi("--db", kpi_db, "contract", "add", os.path.join(samples, "kpi", "oost", "contracts"))
        sroi("--db", kpi_db, "import", os.path.join(samples, "kpi", "oost", "realisations"))
        kpi_xlsx = os.path.join(out, "kpi.xlsx")
        kpi = json.loads(sroi("--db", kpi_db, "--format", "json", "kpi", "--from", "2027-01-01",
                              "--to", "2027-12-31", "--by", "supplier", "--xlsx", kpi_xlsx).stdout)
        books.append(kpi_xlsx)

        check_print_and_filters(books)
        check_no_ids(books)
        recalc_dir = os.path.join(root, "recalc")
        recalc(books, recalc_dir, root)
        check_templates(recalc_dir, templates, root)
        check_incomplete(os.path.join(recalc_dir, os.path.basename(incomplete)))
        for name, path, expected, lang in reports:
            check_report(name, os.path.join(recalc_dir, os.path.basename(path)), expected, lang)
        for name, path, expected in calcs:
            check_calculator(name, os.path.join(recalc_dir, os.path.basename(path)), expected)
        wb = openpyxl.load_workbook(os.path.join(recalc_dir, "compare-en.xlsx"), data_only=True)
        ws = wb["Comparison"]
        nl = openpyxl.load_workbook(os.path.join(recalc_dir, "compare.xlsx"), data_only=True)
        ws_nl = nl["Vergelijking"]
        amounts = lambda t: re.findall(r"€ [0-9.,]+", t or "")
        for i, row in enumerate(cmp_json["rows"]):
            got = [ws.cell(row=i + 2, column=3 + k).value for k in range(len(cmp_json["regions"]))]
            want = [c["text"] if c else "—" for c in row["cells"]]
            checked["lines"] += 1
            if got != want:
                fail(f"compare row {row['id']}: {got} != {want}")
            dutch = [ws_nl.cell(row=i + 2, column=3 + k).value
                     for k in range(len(cmp_json["regions"]))]
            if [d == "—" for d in dutch] != [w == "—" for w in want] or \
                    [amounts(d) for d in dutch] != [amounts(w) for w in want]:
                fail(f"compare row {row['id']} in Dutch: {dutch} against {want}")
        checked["workbooks"] += 2
        wb = openpyxl.load_workbook(os.path.join(recalc_dir, "draft.xlsx"), data_only=True)
        ws = wb["Voorstel"]
        n = len(cmp_json["regions"])
        for r in range(2, ws.max_row + 1):
            values = [ws.cell(row=r, column=4 + k).value for k in range(n)]
            nums = [v for v in values if isinstance(v, (int, float))]
            if not nums:
                continue
            checked["totals"] += 1
            lo, hi = ws.cell(row=r, column=5 + n).value, ws.cell(row=r, column=6 + n).value
            if cents(lo) != cents(min(nums)) or cents(hi) != cents(max(nums)):
                fail(f"draft row {r}: lowest/highest {lo}/{hi} != {min(nums)}/{max(nums)}")
        eff = wb["Effect op aanbiedingen"]
        for r in range(2, eff.max_row + 1):
            home, draft, moved = (eff.cell(row=r, column=c).value for c in (3, 4, 5))
            checked["totals"] += 1
            if cents(moved) != cents(draft) - cents(home):
                fail(f"effect row {r}: {moved} != {draft} - {home}")
        checked["workbooks"] += 1
        wb = openpyxl.load_workbook(os.path.join(recalc_dir, "portfolio.xlsx"), data_only=True)
        ws = wb["Portefeuille"]
        # The title block above the table: the as-of day in B2; the header in row 4.
        if ws["B2"].value is None or ws["B2"].value.date() != datetime.date(2027, 12, 31):
            fail(f"portfolio: as-of day in B2 is {ws['B2'].value!r}")
        first = 5
        for i, st in enumerate(status):
            checked["totals"] += 1
            got = [cents(ws.cell(row=i + first, column=c).value) for c in (8, 10, 11, 12)]
            want = [st["obligation_cents"], st["realised_cents"], st["surplus_cents"],
                    st["shortfall_cents"]]
            if ws.cell(row=i + first, column=1).value != st["contract"] or got != want:
                fail(f"portfolio row {i + first}: {got} != {want}")
            # The risk column (Q) says why, as status does, and only for a contract at risk.
            risk = ws.cell(row=i + first, column=17).value
            if bool(risk) != st["at_risk"] or (risk and risk != "; ".join(st["risks"])):
                fail(f"portfolio row {i + first}: risk {risk!r}, status says {st['risks']}")
        total_row = len(status) + first
        if cents(ws.cell(row=total_row, column=10).value) != sum(s["realised_cents"] for s in status):
            fail("portfolio realised total")
        if ws.cell(row=4, column=17).value != "Risico":
            fail(f"portfolio: risk column header {ws.cell(row=4, column=17).value!r}")
        sup = wb["Per leverancier"]
        # Its own title block, as on the portfolio sheet: a printed page says what it is.
        if "Per leverancier" not in str(sup["A1"].value) or sup["A4"].value != "Naam":
            fail(f"per supplier: title {sup['A1'].value!r}, header {sup['A4'].value!r}")
        by_supplier = {}
        for st in status:
            by_supplier[st["supplier"]] = by_supplier.get(st["supplier"], 0) + st["realised_cents"]
        for r in range(5, sup.max_row + 1):
            name = sup.cell(row=r, column=1).value
            if name is None:
                continue
            checked["totals"] += 1
            if cents(sup.cell(row=r, column=4).value) != by_supplier.get(name):
                fail(f"supplier {name}: realised {sup.cell(row=r, column=4).value}")
        checked["workbooks"] += 1
        for rule, (path, expected) in tenders.items():
            check_tender(rule, os.path.join(recalc_dir, os.path.basename(path)), expected)
        check_kpi(os.path.join(recalc_dir, "kpi.xlsx"), kpi)
        # After recalculation the hostile text is still the same text, not evaluated.
        wb = openpyxl.load_workbook(os.path.join(recalc_dir, "hostile-csv.xlsx"), data_only=True)
        got = [wb["Regels"].cell(row=r, column=4).value for r in range(2, 4)]
        if got != ["K-1", "K=2"]:
            fail(f"candidates after recalculation: {got}")
        summary = wb["Samenvatting"]
        if not any(c.value == "+cmd|' /C calc'!A0" for row in summary.iter_rows() for c in row):
            fail("the supplier named like a formula did not stay text after recalculation")
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print(f"checked {checked['workbooks']} workbooks: {checked['lines']} report lines, "
          f"{checked['totals']} totals, {checked['calculator_lines']} calculator lines, "
          f"{checked['read_back']} workbooks read back, {checked['sheets']} sheets with a title "
          f"block, {checked['prefilled']} prefilled contract fields, {checked.get('id_cells', 0)} "
          f"text cells scanned for ids")
    print(f"{0 if failures else 1} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
