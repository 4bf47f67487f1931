#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Figures that follow the data, in the portal (issue 25): a portal whose register's figures
count up to another day, or whose region model a coordinator changes, stores the figures anew
in the background after the next page, and `db verify` then finds them equal to a fresh
computation. Waits on the register's state, never on a clock.

usage: figures.py SROI_BINARY SOURCE_DIR
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from harness import Failures, Portal  # noqa: E402

SROI, SRC = sys.argv[1], sys.argv[2]
f = Failures()


def info(p):
    return json.loads(p.run("--format", "json", "db", "info").stdout)


def verify(p):
    r = p.run("--format", "json", "db", "verify", check=False)
    return r.returncode, json.loads(r.stdout)


def until(condition, limit=240):
    """Whether `condition` became true: asked again every 0.2 s, for at most `limit` s (a
    bound for a stuck portal, not a speed the test needs)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def utrecht_realised(p):
    rows = json.loads(p.run("--format", "json", "status", "--contract", "U-2027-003").stdout)
    return rows[0]["realised_cents"]


def another_day():
    """The register's figures count up to 30-6-2027; the portal's day is 31-12-2027."""
    p = Portal(SROI, SRC, data_dir=True)
    try:
        p.run("db", "revalue", "--as-of", "2027-06-30")
        f.check(info(p)["figures_day"] == "2027-06-30", "revalue set the figures' day")
        p.start()
        cookie = p.sign_in("koper")[0]
        status, _, body = p.request("GET", "/", cookie=cookie)
        f.check(status == 200, f"dashboard: {status}")
        f.check(until(lambda: info(p)["figures_day"] == "2027-12-31"),
                f"the portal stored the figures of its day: {info(p)['figures_day']}")
        code, v = verify(p)
        f.check(code == 0 and v["figures"] == "ok" and v["figures_waiting_candidates"] == 0,
                f"db verify after the portal stored them: {code} {v}")
    finally:
        p.stop()


def region_changed():
    """A coordinator activates Utrecht's version with a 38-hour full-time week: the contract
    of Utrecht is valued again (its figure falls) and stored in the background."""
    p = Portal(SROI, SRC, data_dir=True)
    try:
        before = utrecht_realised(p)
        p.start()
        cookie = p.sign_in("ucoord")[0]
        own = open(os.path.join(SRC, "regions", "utrecht.toml")).read()
        text = own.replace('version = "current"', 'version = "V2028.1"').replace(
            'supersedes = "2019"', 'supersedes = "current"').replace(
            "[fulltime_hours]\nvalue = 36", "[fulltime_hours]\nvalue = 38")
        f.check(text.count("value = 38") == 1, "the model's full-time week was changed")
        status, _, body = p.upload(cookie, "/admin/regions/check", "utrecht.toml", text,
                                   {"csrf": p.csrf(cookie, "/admin/regions")})
        f.check(status == 200, f"check: {status}")
        status, _, _ = p.request("POST", "/admin/regions/activate", cookie=cookie,
                                 form={"csrf": p.csrf(cookie, "/admin/regions")})
        f.check(status == 200, f"activate: {status}")
        koper = p.sign_in("koper")[0]
        status, _, page = p.request("GET", "/", cookie=koper)
        f.check(status == 200, f"dashboard after the activation: {status}")

        def stored():
            code, v = verify(p)
            return code == 0 and v["figures_changed_regions"] == 0 and \
                v["figures_waiting_candidates"] == 0
        f.check(until(stored), f"the changed region's figures were stored: {verify(p)}")
        after = utrecht_realised(p)
        f.check(after != before, f"Utrecht's figure follows its new model: {before} → {after}")
    finally:
        p.stop()


for test in (another_day, region_changed):
    print("--", test.__name__, flush=True)
    test()
f.exit()
