#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Every golden case run with --format json prints JSON that parses."""
import json
import os
import sys

cases = sys.argv[1]
checked = failed = 0
for name in sorted(os.listdir(cases)):
    d = os.path.join(cases, name)
    try:
        args = [l.strip() for l in open(os.path.join(d, "cmd")) if not l.startswith("#")]
    except FileNotFoundError:
        continue
    if "json" not in args:
        continue
    text = open(os.path.join(d, "stdout"), encoding="utf-8").read()
    if not text.strip():
        continue
    checked += 1
    try:
        json.loads(text)
    except ValueError as e:
        failed += 1
        print(f"{name}: {e}")
print(f"{checked - failed} passed, {failed} failed")
sys.exit(1 if failed or checked == 0 else 0)
