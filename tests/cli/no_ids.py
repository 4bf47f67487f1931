# SPDX-License-Identifier: EUPL-1.2
"""No Dutch output of the golden cases shows a catalogue or program id where a name exists.

Every case's stdout and stderr is scanned (ids.py says which ids and which places are the
user's own), except what is not Dutch text for a reader: cases that ask for English
(--lang en) or JSON (--format json, for scripts), `sroi export` (a data file) and the stdout
of `sroi blocks` (the list that shows each id beside its name, to type into a file). After an
unknown value, the list of known ones ("(bekend: …)") is what may be typed, and so not counted.

Usage: no_ids.py SOURCE_DIR
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ids  # noqa: E402

KNOWN_LIST = re.compile(r"\(bekend: [^)]*\)")


def arguments(case):
    with open(os.path.join(case, "cmd"), encoding="utf-8") as f:
        return [a for a in f.read().split("\n") if a and not a.startswith("#")]


def scanned(case, stream):
    args = arguments(case)
    pairs = list(zip(args, args[1:]))
    if ("--lang", "en") in pairs or ("--format", "json") in pairs:
        return False
    verb, skip = "", False
    for a in args:  # the first word that is not a global option or its value
        if skip or a.startswith("-"):
            skip = not skip and a in ("--format", "--lang", "--db", "--regions-dir", "--user")
            continue
        verb = a
        break
    if verb == "export" or (verb == "blocks" and stream == "stdout"):
        return False
    return True


def main():
    src = sys.argv[1]
    known = ids.id_list(src)
    # The scanner itself must see what it is for: an id in plain Dutch text is found, the same
    # id quoted or as an option's value is not.
    probe = ids.leaks("regel 1: participatiewet-gt2 telt [provisional-line]\n"
                      "onbekend bouwblok 'participatiewet-gt3'; zie sroi blocks --block ww-gt1",
                      known)
    if [(n, i) for n, i, _ in probe] != [(1, "participatiewet-gt2"), (1, "provisional-line")]:
        print(f"FAIL: the scanner itself: {probe}")
        return 1
    if len(known) < 40:
        print(f"FAIL: only {len(known)} ids found to scan for")
        return 1
    found, files = [], 0
    for case in sorted(glob.glob(os.path.join(src, "tests", "cli", "cases", "*"))):
        for stream in ("stdout", "stderr"):
            if not scanned(case, stream):
                continue
            files += 1
            with open(os.path.join(case, stream), encoding="utf-8") as f:
                text = KNOWN_LIST.sub(" ", f.read())
            for n, i, line in ids.leaks(text, known):
                found.append(f"{os.path.basename(case)}/{stream}:{n}: {i} ({known[i]}): {line}")
    for f in found:
        print("FAIL:", f)
    print(f"{files} Dutch outputs scanned for {len(known)} ids: {len(found)} shown where a name "
          f"exists")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
