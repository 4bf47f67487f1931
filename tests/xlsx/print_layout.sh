#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Every kind of workbook printed as a buyer would hand it over: headless LibreOffice turns
# each into a PDF, and every page must be landscape A4, a sheet one page wide where its text
# then stays at 8 pt or more (a report of four lines used to print 15 portrait pages, page 1
# showing columns A:B only; shrunk to one page wide, 19 columns printed at 4 pt), and the first
# page must render to a picture (poppler).
set -euo pipefail
SROI="$1"
SRC="$2"
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc"; exit 1; }
command -v pdfinfo >/dev/null || { echo "pdfinfo not found: apt-get install poppler-utils"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export SROI_DB="$work/r.db" LANG=C.UTF-8 SROI_TODAY=2099-12-31
R=(--regions-dir "$SRC/regions")
"$SROI" "${R[@]}" offer "$SRC/samples/offer-oost-nederland.toml" --xlsx offer.xlsx >/dev/null 2>&1
"$SROI" "${R[@]}" realisation "$SRC/samples/realisation-utrecht.toml" --xlsx realisation.xlsx \
  >/dev/null 2>&1
"$SROI" "${R[@]}" publish oost-nederland --xlsx calculator.xlsx >/dev/null 2>&1
"$SROI" "${R[@]}" compare --xlsx compare.xlsx >/dev/null 2>&1
"$SROI" "${R[@]}" template offer --region oost-nederland --xlsx template-offer.xlsx >/dev/null 2>&1
"$SROI" "${R[@]}" template realisation --region den-haag --xlsx template-realisation.xlsx \
  >/dev/null 2>&1
"$SROI" db init >/dev/null
"$SROI" "${R[@]}" contract add "$SRC/samples/register/contracts" >/dev/null 2>&1
"$SROI" "${R[@]}" import "$SRC/samples/register/realisations" >/dev/null 2>&1
"$SROI" "${R[@]}" report --xlsx portfolio.xlsx --as-of 2027-12-31 >/dev/null 2>&1
"$SROI" "${R[@]}" bids "$SRC/samples/tender" --rule proportional --maximum 200000 --points 30 \
  --xlsx bids.xlsx >/dev/null 2>&1
"$SROI" "${R[@]}" --db kpi.db db init >/dev/null
"$SROI" "${R[@]}" --db kpi.db contract add "$SRC/samples/kpi/oost/contracts" >/dev/null 2>&1
"$SROI" "${R[@]}" --db kpi.db import "$SRC/samples/kpi/oost/realisations" >/dev/null 2>&1
"$SROI" "${R[@]}" --db kpi.db kpi --from 2027-01-01 --to 2027-12-31 --by supplier --xlsx kpi.xlsx \
  >/dev/null 2>&1

timeout 300 soffice "-env:UserInstallation=file://$work/profile" --headless --norestore \
  --convert-to pdf offer.xlsx realisation.xlsx calculator.xlsx compare.xlsx portfolio.xlsx \
  template-offer.xlsx template-realisation.xlsx bids.xlsx kpi.xlsx \
  >/dev/null 2>&1

fail=0
# The most pages each may take: a sheet wider than a page at 8 pt prints across two or three
# pages (headings and first column repeated) rather than shrunk; a template's thousand empty
# input rows print nothing.
declare -A most=([offer]=10 [realisation]=10 [calculator]=12 [compare]=7 [portfolio]=6
  [template-offer]=12 [template-realisation]=11 [bids]=9 [kpi]=8)
for name in offer realisation calculator compare portfolio template-offer template-realisation \
  bids kpi; do
  pdf="$name.pdf"
  if [ ! -s "$pdf" ]; then
    echo "FAIL: $name: LibreOffice wrote no PDF"
    fail=1
    continue
  fi
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  if [ "$pages" -gt "${most[$name]}" ]; then
    echo "FAIL: $name: $pages pages, at most ${most[$name]} expected"
    fail=1
  fi
  # "Page    3 size: 841.89 x 595.304 pts (A4)": wider than high, A4.
  while read -r w h; do
    if ! awk -v w="$w" -v h="$h" 'BEGIN { exit !(w > h && w > 840 && w < 843) }'; then
      echo "FAIL: $name: a page of $w x $h pt is not landscape A4"
      fail=1
    fi
  done < <(pdfinfo -f 1 -l "$pages" "$pdf" | awk '/^Page +[0-9]+ size:/ {print $4, $6}')
  pdftoppm -png -r 40 -f 1 -l 1 "$pdf" "$name" >/dev/null 2>&1
  first=$(ls "$name"-*1.png 2>/dev/null | head -1)  # page 1: name-1.png, or name-01.png
  if [ -z "$first" ] || [ ! -s "$first" ]; then
    echo "FAIL: $name: page 1 did not render"
    fail=1
  fi
  # No printed text below 8 pt: LibreOffice scales a sheet to fit, so a wide sheet would print
  # its 11 pt text at 5 pt. pdftohtml at zoom 1 gives each font's size in points.
  smallest=$(pdftohtml -xml -i -stdout -zoom 1 "$pdf" 2>/dev/null |
    grep -o '<fontspec [^>]*size="[0-9.]*"' | sed 's/.*size="\([0-9.]*\)"/\1/' | sort -g | head -1)
  if [ -z "$smallest" ] || awk -v s="$smallest" 'BEGIN { exit !(s < 8) }'; then
    echo "FAIL: $name: the smallest printed text is ${smallest:-unknown} pt (at least 8)"
    fail=1
  fi
  echo "ok: $name: $pages landscape A4 pages, smallest text ${smallest} pt"
done
exit $fail
