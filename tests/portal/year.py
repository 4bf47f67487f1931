#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""A year of one contract through the portal, in a real browser (headless Debian chromium over
the DevTools protocol), as buyer and supplier live it (issue 27):

- before the award the buyer compares the tender's three bids (the sample tender) and gets the
  points `sroi bids` gives; the supplier composes its offer in the portal and submits it to the
  contract;
- every quarter the supplier hands in its realisation through the contract page; the buyer
  accepts the first, rejects the second with a reason, the supplier reads it and hands in the
  corrected list, which the buyer accepts; the third quarter is missed, and `sroi remind` (the
  daily timer's command) mails the supplier through a real SMTP server on 127.0.0.1, which the
  test reads; the late list covers the third and fourth quarter;
- after the end the buyer settles: the penalty the contract's clause gives is reduced with a
  reason, and the letter's PDF, downloaded from the page, is read back.

The portal's day is injected: each quarter the portal restarts with that day (SROI_TODAY) and
the register records hand-ins at that moment (SROI_CLOCK); nothing waits on this machine's
speed. Screenshots go to $SROI_SCREENSHOTS when set.
usage: year.py SROI_BINARY SOURCE_DIR
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "manage"))
from smtp_keep import Keep, start_server  # noqa: E402

SROI, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
failures = []
work = tempfile.mkdtemp()
data = os.path.join(work, "data")
shots = os.environ.get("SROI_SCREENSHOTS") or os.path.join(work, "shots")
downloads = os.path.join(work, "downloads")
for d in (data, shots, downloads):
    os.makedirs(d, exist_ok=True)
shutil.copytree(os.path.join(SRC, "regions"), os.path.join(data, "regions"))
ENV = dict(os.environ, SROI_DB=os.path.join(data, "sroi.db"), LANG="C.UTF-8",
           TZ="Europe/Amsterdam")
ENV.pop("LANGUAGE", None)
CONTRACT = "ON-2028-010"


def check(ok, what):
    print(("ok:   " if ok else "FAIL: ") + what, flush=True)
    if not ok:
        failures.append(what)


def run(*args, day="2027-12-01", stdin=None, code=0):
    env = dict(ENV, SROI_TODAY=day, SROI_CLOCK=day + "T09:00:00Z")
    r = subprocess.run([SROI, "--regions-dir", os.path.join(data, "regions"), "--user", "beheer",
                        *args], input=stdin, capture_output=True, text=True, env=env)
    if r.returncode != code:
        raise SystemExit(f"sroi {' '.join(args)}: exit {r.returncode}, want {code}: {r.stderr}")
    return r.stdout


def figure(text, label):
    """The amount after `label` on a page ("Gerealiseerd\t€ 48.875,00") in cents."""
    m = re.search(re.escape(label) + r"\s+€ ([\d.]+),(\d\d)", text)
    return int(m.group(1).replace(".", "")) * 100 + int(m.group(2)) if m else None


def cents(amount):
    euros, rest = divmod(amount, 100)
    return f"€ {euros:,}".replace(",", ".") + f",{rest:02d}"


keep = Keep()
smtp, smtp_port = start_server(keep)
with open(os.path.join(data, "sroi.toml"), "w") as f:
    f.write(f'[portal]\nurl = "https://sroi.example.nl/"\n\n[mail]\nhost = "127.0.0.1"\n'
            f'port = {smtp_port}\nsecurity = "none"\nfrom = "SROI-portaal <sroi@example.nl>"\n')

# The contract as the buyer's administrator registers it: quarterly reports (the convention),
# only accepted deliveries count, and a penalty clause of once the shortfall.
contract = os.path.join(work, CONTRACT + ".toml")
with open(contract, "w") as f:
    f.write(f'region = "oost-nederland"\nbuyer = "Gemeente Zwolle"\n'
            f'supplier = "Bouwbedrijf De Voorbeeld BV"\n\n[contract]\nid = "{CONTRACT}"\n'
            'description = "Groenonderhoud Zwolle-Zuid"\nvalue = "800000"\n'
            'start = 2028-01-01\nend = 2028-12-31\nreport_every = "quarter"\n'
            'count = "accepted"\n\n[penalty]\nshortfall_factor = 1\n')
run("db", "init")
run("contract", "add", contract)
for name, role, org, address in (
        ("lev", "supplier", "Bouwbedrijf De Voorbeeld BV", "lev@voorbeeld.nl"),
        ("koper", "buyer", "Gemeente Zwolle", "inkoop@zwolle.nl")):
    run("user", "add", name, "--role", role, "--org", org, "--email", address,
        "--password-stdin", stdin=f"wachtwoord-{name[::-1]}-123\n")

server = browser = None
page = None
base = ""


def portal_on(day):
    """The portal as it runs on `day` (restarted with that day injected)."""
    global server, base
    if server:
        server.terminate()
        server.wait(timeout=60)
    env = dict(ENV, SROI_TODAY=day, SROI_CLOCK=day + "T09:00:00Z")
    for attempt in range(20):
        port = random.randint(20000, 60000)
        server = subprocess.Popen([SROI, "--regions-dir", os.path.join(data, "regions"), "serve",
                                   "--data-dir", data, "--listen", f"127.0.0.1:{port}"],
                                  env=env, stderr=subprocess.PIPE, text=True)
        if "luistert" in server.stderr.readline():
            base = f"http://127.0.0.1:{port}"
            return
        server.wait()
    raise SystemExit("the portal did not start")


def sign_in(name):
    page.open(base + "/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", f"wachtwoord-{name[::-1]}-123")
    page.click("form[action='/login'] button")
    check(f"Ingelogd als {name}" in page.text(), f"{name} signs in")


def sign_out():
    page.click("form[action='/logout'] button")


def shot(name):
    page.send("Emulation.setDeviceMetricsOverride",
              {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    page.screenshot(os.path.join(shots, "year-" + name + ".png"))


def hand_in(day, name, rows, replace=False):
    """The supplier hands in a realisation list (semicolons, Dutch dates) on its contract page;
    the figures follow in the background, and the page is followed until they are there."""
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write("candidate;block;start;end;hours_per_week\n" +
                "".join(";".join(r) + "\n" for r in rows))
    page.open(base + f"/contracts/{CONTRACT}")
    page.upload("form[action$='/import'] input[type=file]", path)
    if replace:
        page.click("form[action$='/import'] input[name=replace]", navigates=False)
    page.click("form[action$='/import'] button")
    for wait in range(600):  # a hand-in not done at once shows its progress and refreshes
        if "http-equiv" not in page.js("document.head.innerHTML"):
            break
        time.sleep(0.1)
        page.open(page.url())
    check(re.search(rf"{re.escape(name)} aangeleverd: \d+ \w+ opgeslagen", page.text()),
          f"{day}: the supplier hands in {name}")


def imports():
    return [i for i in json.loads(run("--format", "json", "imports", "--contract", CONTRACT))
            if i["in_force"]]


def review(import_id, reason=None):
    """The buyer accepts (or, with a reason, rejects) a delivery on the contract page."""
    page.open(base + f"/contracts/{CONTRACT}#deliveries")
    form = f"form[action='/contracts/{CONTRACT}/imports/{import_id}/review']"
    if reason:
        page.fill(form + ":has(input[name=reason]) input[name=reason]", reason)
        page.click(form + ":has(input[name=reason]) button")
    else:
        page.click(form + ":not(:has(input[name=reason])) button")
    check("De beoordeling is vastgelegd." in page.text(), f"the buyer reviews delivery {import_id}")


def delivery(day, name, rows, replace=False, reason=None):
    """On `day` the supplier hands in a list and the buyer reviews it (rejects it with a
    reason); the buyer stays signed in. The delivery's id."""
    portal_on(day)
    sign_in("lev")
    hand_in(day, name, rows, replace)
    sign_out()
    sign_in("koper")
    delivered = imports()[-1]["id"]
    review(delivered, reason)
    return delivered


def due_states(day):
    due = json.loads(run("--format", "json", "due", "--contract", CONTRACT, "--as-of", day,
                         day=day))
    return {p["period"]: p["state"] for p in due[0]["periods"]}


try:
    browser = Browser(downloads)
    page = browser.page()

    # 1 December 2027: the tender. The buyer compares the three bids it received.
    portal_on("2027-12-01")
    sign_in("koper")
    page.click("a[href='/bids']")
    tender = os.path.join(SRC, "samples", "tender")
    bids = sorted(os.path.join(tender, f) for f in os.listdir(tender))
    page.upload("input[name=offers]", *bids)
    page.fill("select[name=rule]", "relative")
    page.fill("input[name=points]", "20")
    page.click("form[action='/bids'] button:not([name])")
    want = json.loads(run("--format", "json", "bids", *bids, "--rule", "relative", "--points",
                          "20"))
    rows = page.js("[...document.querySelectorAll('table.bids tr')].slice(1)"
                   ".map(r => [...r.cells].map(c => c.innerText))")
    # The page shows points to 2 decimals, the Dutch way ("9,86"); JSON gives 4 ("9.8592").
    got = {r[2].rstrip(" *"): (int(r[0]), round(float(r[8].replace(",", ".")), 2))
           for r in rows}
    expected = {b["supplier"]: (b["rank"], round(float(b["points"]) + 1e-9, 2))
                for b in want["bids"]}
    check(got == expected, f"the portal ranks and scores the bids as sroi bids: {got}")
    shot("01-buyer-bids")
    # The same comparison as a workbook: the files chosen again, the other button.
    page.upload("input[name=offers]", *bids)
    page.click("form[action='/bids'] button[name=as]", navigates=False)
    browser.wait_event("Browser.downloadProgress", lambda p: p["state"] == "completed")
    import openpyxl  # Debian python3-openpyxl, run with /usr/bin/python3
    book = openpyxl.load_workbook(os.path.join(downloads, "inschrijvingen.xlsx"))
    cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    check(all(any(b["supplier"] in c for c in cells) for b in want["bids"]),
          f"the comparison downloads as a workbook naming every bid ({book.sheetnames})")
    sign_out()

    # The supplier composes its offer for the contract and submits it.
    sign_in("lev")
    page.open(base + "/offer")
    page.fill("select[name=region]", "oost-nederland")
    page.click("button[name=refresh]")
    page.fill("input[name=buyer]", "Gemeente Zwolle")
    page.fill("input[name=contract]", CONTRACT)
    page.fill("input[name=value]", "€ 800.000,00")
    page.fill("input[name=start]", "1-1-2028")
    page.fill("input[name=end]", "31-12-2028")
    for i, (block, persons, hours) in enumerate((("participatiewet-lt2", "1", "36"),
                                                 ("ww-gt1", "1", "24")), 1):
        page.fill(f"select[name=block{i}]", block)
        page.fill(f"input[name=persons{i}]", persons)
        page.fill(f"input[name=hours{i}]", hours)
        page.fill(f"input[name=months{i}]", "12")
    page.click("button[name=calculate]")
    composed = figure(page.text(), "Totale waarde")
    page.click("button[formaction='/offer/submit']")
    check("De aanbieding is ingediend" in page.text(), "the supplier submits its offer")
    offered = {s["contract"]: s["offered_cents"] for s in json.loads(run("--format", "json",
                                                                         "status"))}
    # participatiewet-lt2: € 30.000 a full-time year × 1 person × 36/36 h × 12/12 = € 30.000;
    # ww-gt1: € 15.000 × 24/36 h × 12/12 = € 10.000; together € 40.000, the obligation (5 % of
    # € 800.000).
    check(composed == 4000000 and offered.get(CONTRACT) == composed,
          f"the register holds the submitted offer: {offered.get(CONTRACT)} = {composed}")
    shot("02-supplier-offer-submitted")
    sign_out()

    # 10 April 2028: the first quarter, in time; the buyer accepts it.
    delivery("2028-04-10", "kwartaal-1.csv",
             [("K-1", "participatiewet-lt2", "1-1-2028", "31-3-2028", "36")])
    sign_out()

    # 8 July 2028: the second quarter; the buyer rejects it, the supplier reads why.
    delivery("2028-07-08", "kwartaal-2.csv", [
        ("K-1", "participatiewet-lt2", "1-4-2028", "30-6-2028", "36"),
        ("K-2", "ww-gt1", "1-4-2028", "30-6-2028", "40")],
        reason="urenbriefjes van K-2 ontbreken; K-2 werkt 24 uur, niet 40")
    shot("03-buyer-rejects")
    sign_out()
    sign_in("lev")
    page.open(base + f"/contracts/{CONTRACT}")
    text = page.text()
    check("afgewezen door koper: urenbriefjes van K-2 ontbreken" in text,
          "the supplier reads the reason of the rejection")
    check(due_states("2028-07-08").get("2028-Q2") in ("open", "overdue"),
          "a rejected delivery reports nothing: the second quarter is still open")
    shot("04-supplier-reads-rejection")
    # 20 July 2028: the corrected list, the contract's complete current list.
    delivery("2028-07-20", "kwartaal-2-hersteld.csv", [
        ("K-1", "participatiewet-lt2", "1-1-2028", "30-6-2028", "36"),
        ("K-2", "ww-gt1", "1-4-2028", "30-6-2028", "24")], replace=True)
    sign_out()
    states = due_states("2028-07-20")
    check(states.get("2028-Q1") == "handed-in" and states.get("2028-Q2") == "handed-in",
          f"the corrected list reports the first two quarters in time: {states}")

    # 5 November 2028: the third quarter was due on 30 October and nothing came. The daily
    # timer's `sroi remind` mails the supplier.
    run("remind", "--data-dir", data, "--as-of", "2028-11-05", day="2028-11-05")
    to_supplier = [m for rcpt, m in keep.mails if "lev@voorbeeld.nl" in rcpt]
    body = to_supplier[-1].get_body(("plain",)).get_content() if to_supplier else ""
    check(to_supplier and "3e kwartaal 2028" in body and "30-10-2028" in body
          and f"https://sroi.example.nl/contracts/{CONTRACT}" in body,
          f"the supplier is mailed about the missed third quarter: {body[:600]}")
    html = to_supplier[-1].get_body(("html",)).get_content() if to_supplier else ""
    check("3e kwartaal 2028" in html and "<a href=" in html, "the mail has an HTML part too")
    with open(os.path.join(shots, "year-05-reminder-mail.txt"), "w") as f:
        f.write(str(to_supplier[-1]) if to_supplier else "")
    run("remind", "--data-dir", data, "--as-of", "2028-11-05", day="2028-11-05")
    check(len([m for rcpt, m in keep.mails if "lev@voorbeeld.nl" in rcpt]) == len(to_supplier),
          "a second run the same day mails nothing again")
    portal_on("2028-11-05")
    sign_in("lev")
    page.click("a[href='/meldingen']")
    text = page.text()
    check("3e kwartaal 2028, uiterlijk 30-10-2028" in text and "gemaild" in text,
          "the inbox shows the same notice, marked as mailed")
    shot("05-supplier-inbox")
    sign_out()

    # 12 January 2029: the list of the whole year; the third quarter late, the fourth in time.
    delivery("2029-01-12", "jaar-2028.csv", [
        ("K-1", "participatiewet-lt2", "1-1-2028", "31-12-2028", "36"),
        ("K-2", "ww-gt1", "1-4-2028", "31-12-2028", "24")], replace=True)
    page.open(base + f"/contracts/{CONTRACT}")
    shot("06-buyer-contract-year")
    sign_out()
    states = due_states("2029-01-12")
    check(states.get("2028-Q3") == "handed-in-late" and states.get("2028-Q4") == "handed-in",
          f"the third quarter is marked late, the fourth in time: {states}")

    # 1 February 2029: the settlement. The clause gives once the shortfall; the buyer reduces it.
    portal_on("2029-02-01")
    sign_in("koper")
    page.open(base + f"/contracts/{CONTRACT}/afrekening")
    fig = json.loads(run("--format", "json", "settle", "--contract", CONTRACT, day="2029-02-01"))
    # Realised (accepted only): K-1 participatiewet-lt2 € 30.000 × 36/36 h for the year, and
    # K-2 ww-gt1 € 15.000 × 24/36 h for 1-4 to 31-12 (pro rata); the shortfall is € 40.000 minus
    # that, and the clause's penalty is once the shortfall.
    check(fig["obligation_cents"] == 4000000 and fig["shortfall_cents"] > 0 and
          fig["shortfall_cents"] == fig["obligation_cents"] - fig["realised_cents"] and
          fig["rule_penalty_cents"] == fig["shortfall_cents"],
          f"the settlement's figures: {fig}")
    text = page.text()
    check(figure(text, "tekort") == fig["shortfall_cents"],
          "the settlement page shows the shortfall sroi settle gives")
    page.click("input[name=decision][value=reduce]", navigates=False)
    page.fill("input[name=penalty]", "1.000,00")
    page.fill("input[name=reason]", "K-3 is per januari 2029 in vaste dienst gekomen")
    page.click(f"form[action='/contracts/{CONTRACT}/settle'] button")
    text = page.text()
    check("K-3 is per januari 2029 in vaste dienst gekomen" in text,
          "the buyer's reduced penalty is recorded with its reason")
    shot("07-buyer-settlement")
    decided = json.loads(run("--format", "json", "settle", "--contract", CONTRACT,
                             day="2029-02-01"))
    check(decided.get("decision") and decided["decision"]["decision"] == "reduce" and
          decided["decision"]["penalty_cents"] == 100000, f"the register holds it: {decided}")
    page.open(base + f"/contracts/{CONTRACT}/afrekening")
    for f in os.listdir(downloads):
        os.remove(os.path.join(downloads, f))
    page.click("a[href$='/afrekening.pdf']", navigates=False)
    browser.wait_event("Browser.downloadProgress", lambda p: p["state"] == "completed",
                       timeout=120)
    pdfs = [f for f in os.listdir(downloads) if f.endswith(".pdf")]
    pdf = os.path.join(downloads, pdfs[0]) if pdfs else ""
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout if pdf else ""
    check(re.search(r"Pages:\s+1\n", info) and re.search(r"Page size:\s+595[.\d]* x 841", info),
          f"the letter is one A4 portrait page: {info}")
    flat = " ".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                                   text=True).stdout.split()) if pdf else ""
    check(f"contract {CONTRACT}" in flat and "Wij verlagen de boete tot € 1.000,00" in flat
          and "K-3 is per januari 2029 in vaste dienst gekomen" in flat
          and cents(fig["shortfall_cents"]) in flat,
          f"the letter states the shortfall, the reduced penalty and the reason: {flat[:600]}")
    if pdf:
        shutil.copy(pdf, os.path.join(shots, "year-08-letter.pdf"))
    audit = json.loads(run("--format", "json", "export", "--table", "audit"))
    actions = [a["action"] for a in audit]
    check(actions.count("import.review") == 4 and "contract.settle" in actions
          and "remind.sent" in actions and "offer.save" in actions,
          f"the year is in the audit log: {sorted(set(actions))}")
except Exception as e:  # a step that cannot run is a failure, with what the page showed
    failures.append(repr(e))
    print("FAIL:", repr(e))
    try:
        print(page.url(), page.text()[:2000])
    except Exception:
        pass
finally:
    if browser:
        browser.close()
    if server:
        server.terminate()
        server.wait(timeout=30)
    smtp.stop()
    shutil.rmtree(work, ignore_errors=True)

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
