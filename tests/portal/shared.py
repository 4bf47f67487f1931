#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Two portal instances on one PostgreSQL register (issue 25): suppliers hand in files through
both at once, with candidates that work on both contracts, while a buyer reads its dashboard on
both. Every hand-in is stored, readers were served while the imports ran, the audit log stays
one chain, and every stored figure equals a fresh computation (`db verify`); both instances
and the command line then show the same status. Runs only against the shared store (CTest's
pg fixture); it waits on the work done, never on a clock.

usage: shared.py SROI_BINARY SOURCE_DIR
"""
import json
import os
import random
import sys
import threading

sys.path.insert(0, os.path.dirname(__file__))
from harness import Failures, Portal  # noqa: E402

SROI, SRC = sys.argv[1], sys.argv[2]
f = Failures()
if not os.environ.get("SROI_TEST_PG"):
    raise SystemExit("shared.py needs the tests' PostgreSQL server (run it through ctest)")

FILES_PER_WORKER = 6
CONTRACTS = ("ON-2027-001", "ON-2027-002")


def hand_in_file(worker, k, rng):
    """A realisation file of 3–8 rows: most candidates of its own, some shared by every worker
    and both contracts (their hours and counting periods are valued together)."""
    rows = ["candidate,block,start,end,hours_per_week"]
    for i in range(rng.randint(3, 8)):
        who = f"G-{rng.randint(1, 6)}" if i % 3 == 0 else f"W{worker}-{k}-{i}"
        month = rng.randint(4, 12)
        day = 1 + (worker * 7 + k * 3 + i) % 28  # no two rows of the register are the same
        rows.append(f"{who},nug,2027-{month:02d}-{day:02d},2028-03-31,{rng.randint(8, 36)}")
    return "\n".join(rows) + "\n"


def main():
    one = Portal(SROI, SRC)
    two = Portal(SROI, SRC, shared=one)
    try:
        one.start()
        two.start()
        results, reads = [], []
        lock = threading.Lock()
        done = threading.Event()

        def supplier(portal, worker):
            rng = random.Random(worker)
            cookie = portal.sign_in("lev")[0]
            for k in range(FILES_PER_WORKER):
                contract = CONTRACTS[(worker + k) % 2]
                fields = {"csrf": portal.csrf(cookie)}
                status, body = portal.upload_done(cookie, f"/contracts/{contract}/import",
                                                  f"w{worker}-{k}.csv",
                                                  hand_in_file(worker, k, rng), fields)
                with lock:
                    results.append((worker, k, status, body[:300] if status != 200 else ""))

        def buyer(portal):
            cookie = portal.sign_in("koper")[0]
            while not done.is_set():
                status = portal.request("GET", "/", cookie=cookie)[0]
                with lock:
                    reads.append((status, len(results)))

        workers = [threading.Thread(target=supplier, args=(p, w))
                   for w, p in enumerate((one, two, one, two))]
        readers = [threading.Thread(target=buyer, args=(p,)) for p in (one, two)]
        for t in readers + workers:
            t.start()
        for t in workers:
            t.join()
        done.set()
        for t in readers:
            t.join()

        refused = [r for r in results if r[2] != 200]
        f.check(len(results) == 4 * FILES_PER_WORKER and not refused,
                f"every hand-in through either instance was stored: {refused}")
        # Reads answered while hand-ins were still coming in: readers were not held up.
        during = [r for r in reads if r[1] < len(results)]
        f.check(all(r[0] == 200 for r in reads), f"a dashboard failed: {set(r[0] for r in reads)}")
        f.check(len(during) > 0, f"no dashboard was read while the imports ran ({len(reads)} reads)")

        r = one.run("--format", "json", "db", "verify", check=False)
        v = json.loads(r.stdout)
        f.check(r.returncode == 0 and v["audit_chain"] == "ok" and v["figures"] == "ok" and
                v["figures_waiting_candidates"] == 0,
                f"db verify after both instances wrote: {r.returncode} {v}")
        imports = json.loads(one.run("--format", "json", "imports").stdout)
        f.check(len(imports) == 3 + 4 * FILES_PER_WORKER,
                f"imports in the register: {len(imports)}")
        cli = {row["contract"]: row["realised_cents"]
               for row in json.loads(one.run("--format", "json", "status").stdout)}
        for portal, name in ((one, "one"), (two, "two")):
            cookie = portal.sign_in("lev")[0]
            rows = json.loads(portal.request("GET", "/api/v1/status", cookie=cookie)[2])
            seen = {row["contract"]: row["realised_cents"] for row in rows}
            f.check(all(seen[c] == cli[c] for c in seen) and set(seen) >= set(CONTRACTS),
                    f"instance {name} shows the register's figures: {seen} vs {cli}")
    finally:
        two.proc and two.proc.terminate()
        two.proc = None
        two.stop()
        one.stop()


main()
f.exit()
