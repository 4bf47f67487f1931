# SPDX-License-Identifier: EUPL-1.2
"""The ids a person should never read in Dutch output where a name exists, and a scanner that
finds them in text.

The ids come from where the program keeps them, not from a list written here: the catalogue's
target groups, measures and bonuses (buildingblocks/catalogue.toml), every region's blocks and
bonuses (regions/*.toml), the units (lib/sroi/model/region.cpp), every enum's output id
(EnumIds tables under lib/) and the input files' column keys (lib/sroi/config/line_rows.cpp).
Counted are ids a reader recognises as machine words: those joined by '-' or '_'
("participatiewet-gt2", "hours_per_week", "provisional-line"); a one-word id such as
"wajong" or "werkervaringsplek" is also a plain Dutch word.

Not counted, because the person wrote them or asked for them: text between quotes ('…', ‘…’,
"…": what the user typed, echoed), an option's value (`--block ww-gt1`), file names and paths,
and a region's id with its version ("oost-nederland V05": the region's short name, as the user
types it after --region).
"""
import glob
import os
import re
import tomllib

ENUM_ENTRY = re.compile(r'\{\s*[A-Za-z:]+,\s*"([a-z0-9][a-z0-9_-]*)"')


def machine_word(s):
    return "-" in s or "_" in s


def id_list(src):
    """{id: where it comes from} for every machine id of the shipped model and the program."""
    ids = {}
    with open(os.path.join(src, "buildingblocks", "catalogue.toml"), "rb") as f:
        cat = tomllib.load(f)
    for kind, entries in cat.items():
        if isinstance(entries, list):
            for e in entries:
                if isinstance(e, dict) and "id" in e:
                    ids[e["id"]] = f"catalogue {kind}"
    regions = set()
    for path in sorted(glob.glob(os.path.join(src, "regions", "*.toml"))):
        with open(path, "rb") as f:
            r = tomllib.load(f)
        regions.add(r.get("id", ""))
        for kind in ("block", "bonus"):
            for e in r.get(kind, []):
                ids.setdefault(e["id"], f"{os.path.basename(path)} {kind}")
    sources = glob.glob(os.path.join(src, "lib", "sroi", "**", "*.hpp"), recursive=True)
    sources.append(os.path.join(src, "lib", "sroi", "model", "region.cpp"))
    for path in sources:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if "EnumIds<" not in text and not path.endswith("region.cpp"):
            continue
        for m in ENUM_ENTRY.finditer(text):
            ids.setdefault(m.group(1), os.path.relpath(path, src))
    with open(os.path.join(src, "lib", "sroi", "config", "line_rows.cpp"), encoding="utf-8") as f:
        for key in re.findall(r'\{"([a-z][a-z0-9_]*)",', f.read()):
            ids.setdefault(key, "input column key")
    return {i: w for i, w in ids.items() if machine_word(i) and i not in regions}


def id_names(src):
    """{id: the names it is shown by}: the catalogue's (English and Dutch) and each region's."""
    names = {}
    with open(os.path.join(src, "buildingblocks", "catalogue.toml"), "rb") as f:
        for entries in tomllib.load(f).values():
            if isinstance(entries, list):
                for e in entries:
                    if isinstance(e, dict) and "id" in e:
                        names.setdefault(e["id"], set()).update(
                            n for n in (e.get("name"), e.get("name_nl")) if n)
    for path in glob.glob(os.path.join(src, "regions", "*.toml")):
        with open(path, "rb") as f:
            r = tomllib.load(f)
        for kind in ("block", "bonus"):
            for e in r.get(kind, []):
                if e.get("name"):
                    names.setdefault(e["id"], set()).add(e["name"])
    return names


QUOTED = re.compile(r"'[^'\n]*'|‘[^’\n]*’|\"[^\"\n]*\"|“[^”\n]*”")
OPTION_VALUE = re.compile(r"--[a-z-]+[ =]\S+")
PATH = re.compile(r"\S*[/\\]\S*|\S+\.(?:toml|csv|xlsx|json|db)\b")


def leaks(text, ids):
    """Each (line number, id, line) where an id stands in `text` as a reader would read it."""
    pattern = re.compile(r"(?<![\w.@-])(" + "|".join(
        re.escape(i) for i in sorted(ids, key=len, reverse=True)) + r")(?![\w-])")
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        plain = PATH.sub(" ", OPTION_VALUE.sub(" ", QUOTED.sub(" ", line)))
        for m in pattern.finditer(plain):
            out.append((n, m.group(1), line.strip()))
    return out
