#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Reminders by e-mail (issue 27): `sroi remind` sends through a real SMTP server on 127.0.0.1
(Debian's python3-aiosmtpd) and the test reads the mails it received: one per supplier contact
with its reports overdue, one per buyer with its contracts at risk and new deliveries (in
English for an account that asks for it), plain text and HTML, with links to the portal. A
second run on the same day sends nothing; the next quarter only what is new; a relay that is
down records nothing, so the mail goes out the next time; a password file others can read is
refused.
usage: remind.py SROI_BINARY SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from smtp_keep import Keep, start_server  # noqa: E402

SROI, SRC = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp()
data = os.path.join(work, "data")
os.makedirs(data)
ENV = dict(os.environ, LANG="C.UTF-8", SROI_TODAY="2027-11-01")
ENV.pop("LANGUAGE", None)
ENV.pop("SROI_DB", None)
failures = []


def check(ok, what):
    print(("ok:   " if ok else "FAIL: ") + what, flush=True)
    if not ok:
        failures.append(what)


def sroi(*args, clock=None, stdin=None, code=0):
    env = dict(ENV, **({"SROI_CLOCK": clock} if clock else {}))
    r = subprocess.run([SROI, "--regions-dir", os.path.join(SRC, "regions"),
                        "--db", os.path.join(data, "sroi.db"), "--user", "tester", *args],
                       input=stdin, capture_output=True, text=True, env=env)
    if r.returncode != code:
        raise SystemExit(f"sroi {' '.join(args)}: exit {r.returncode}, want {code}: {r.stderr}")
    return r


keep = Keep()
server, port = start_server(keep)
settings = os.path.join(data, "sroi.toml")
with open(settings, "w") as f:
    f.write(f'[portal]\nurl = "https://sroi.example.nl/"\n\n[mail]\nhost = "127.0.0.1"\n'
            f'port = {port}\nsecurity = "none"\nfrom = "SROI-portaal <sroi@example.nl>"\n')
try:
    sroi("db", "init")
    sroi("contract", "add", os.path.join(SRC, "samples", "register", "contracts"))
    # ON-2027-001 delivers on 5-4-2027 (its first quarter in time), ON-2027-002 on 20-10-2027
    # (its second quarter late, its third in time).
    sroi("import", os.path.join(SRC, "samples", "register", "realisations", "ON-2027-001.csv"),
         clock="2027-04-05T09:30:00Z")
    sroi("import", os.path.join(SRC, "samples", "register", "realisations", "ON-2027-002.csv"),
         clock="2027-10-20T14:00:00Z")
    sroi("user", "add", "lev", "--role", "supplier", "--org", "Bouwbedrijf De Voorbeeld BV",
         "--password-stdin", "--email", "lev@voorbeeld.nl", stdin="wachtwoord-vel-123\n")
    sroi("user", "add", "inkoop", "--role", "buyer", "--org", "Gemeente Deventer",
         "--password-stdin", "--email", "inkoop@deventer.nl", "--mail-lang", "en",
         stdin="wachtwoord-poknI-123\n")
    sroi("user", "add", "utrecht", "--role", "supplier", "--org", "Schoonmaak Utrecht BV",
         "--password-stdin", stdin="wachtwoord-thcertu-123\n")

    r = sroi("remind", "--data-dir", data, "--as-of", "2027-11-01")
    check("2 herinneringen verstuurd" in r.stderr, f"two mails sent: {r.stderr}")
    check("sroi user contact utrecht --email" in r.stderr,
          f"an account without an address is named, with how to set one: {r.stderr}")
    got = {tuple(to): m for to, m in keep.mails}
    check(set(got) == {("lev@voorbeeld.nl",), ("inkoop@deventer.nl",)},
          f"the server received one mail per account: {list(got)}")
    lev = got.get(("lev@voorbeeld.nl",))
    if lev:
        check(lev["Subject"] == "SROI-rapportages: 2 te laat",
              f"the supplier's subject, in Dutch: {lev['Subject']}")
        check(lev["From"] == "SROI-portaal <sroi@example.nl>" and
              lev["Auto-Submitted"] == "auto-generated", "sender and auto-submitted header")
        text = lev.get_body(("plain",)).get_content()
        html = lev.get_body(("html",)).get_content()
        check("Beste lev," in text and
              "Nieuwbouw brede school De Esch, Zwolle: 2e kwartaal 2027, uiterlijk 30-7-2027" in text
              and "3e kwartaal 2027, uiterlijk 30-10-2027" in text,
              "the plain text names each overdue report with its deadline")
        check("https://sroi.example.nl/contracts/ON-2027-001" in text and
              '<a href="https://sroi.example.nl/contracts/ON-2027-001">' in html,
              "each notice links to the contract's page, in text and HTML")
        check("<li>" in html and "Te laat" in html, "the HTML part lists the notices")
        check("ON-2027-002" not in text, "a report handed in by its deadline is not mentioned")
    buyer = got.get(("inkoop@deventer.nl",))
    if buyer:
        text = buyer.get_body(("plain",)).get_content()
        check(buyer["Subject"] == "SROI contracts: 1 at risk, 1 newly handed in",
              f"the buyer's subject, in English as the account asks: {buyer['Subject']}")
        check("the forecast € 16.558,72 is below the obligation € 30.000,00" in text and
              "ON-2027-002.csv (2 rows), delivered on 2027-10-20" in text,
              "the buyer hears of the contract at risk and of the new delivery")

    # The same day again: nothing new, nothing sent.
    keep.mails.clear()
    r = sroi("remind", "--data-dir", data, "--as-of", "2027-11-01")
    check(not keep.mails and "geen nieuwe meldingen op 1-11-2027" in r.stderr,
          f"a second run sends nothing: {len(keep.mails)} mails, {r.stderr}")
    audit = json.loads(sroi("--format", "json", "export", "--table", "audit").stdout)
    sent = [a for a in audit if a["action"] == "remind.sent"]
    check(len(sent) == 2 and "lev@" not in json.dumps(audit),
          "each mail is audited, without the address")

    # The next quarter (1-2-2028): the fourth quarter is overdue for both supplier contracts;
    # the second and third, told before, are not repeated.
    r = sroi("remind", "--data-dir", data, "--as-of", "2028-02-01")
    lev = [m for to, m in keep.mails if to == ["lev@voorbeeld.nl"]]
    check(len(lev) == 1, f"one new mail for the supplier: {len(lev)}")
    if lev:
        text = lev[0].get_body(("plain",)).get_content()
        check("4e kwartaal 2027" in text and "2e kwartaal 2027" not in text,
              "only the new overdue reports are told")

    # The relay is down: the mail is not recorded, and goes out once it is back.
    sroi("user", "contact", "utrecht", "--email", "info@schoonmaak-utrecht.nl")
    server.stop()
    server = None
    r = sroi("remind", "--data-dir", data, "--as-of", "2028-02-11", code=1)
    check("niet verstuurd" in r.stderr and "info@schoonmaak-utrecht.nl" in r.stderr,
          f"a relay that is down is named, exit 1: {r.stderr}")
    keep.mails.clear()
    server, _ = start_server(keep, port)
    r = sroi("remind", "--data-dir", data, "--as-of", "2028-02-11")
    check([m for to, m in keep.mails if to == ["info@schoonmaak-utrecht.nl"]],
          f"the mail that failed goes out the next time: {r.stderr}")

    # A password file that others can read is refused, at its place.
    secret = os.path.join(data, "smtp.password")
    with open(secret, "w") as f:
        f.write("geheim\n")
    os.chmod(secret, 0o644)
    with open(settings, "a") as f:
        f.write('user = "sroi"\npassword_file = "smtp.password"\n')
    r = sroi("remind", "--data-dir", data, "--as-of", "2028-02-11", code=1)
    check("sroi.toml:" in r.stderr and "chmod 600" in r.stderr,
          f"a password file others can read is refused: {r.stderr}")
finally:
    if server:
        server.stop()

print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
