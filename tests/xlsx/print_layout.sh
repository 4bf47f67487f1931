#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Every kind of workbook printed as a buyer would hand it over: headless LibreOffice turns
# each into a PDF, and every page must be landscape A4, the sheets fitted to the page width
# (a report of four lines used to print 15 portrait pages, page 1 showing columns A:B only),
# and the first page must render to a picture (poppler).
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
# The most pages each may take: a sheet per page, a few for the long ones.
# A template's thousand empty input rows print nothing: a page per sheet.
declare -A most=([offer]=5 [realisation]=7 [calculator]=6 [compare]=4 [portfolio]=5
  [template-offer]=5 [template-realisation]=6 [bids]=4 [kpi]=2)
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
  if [ ! -s "$name-1.png" ]; then
    echo "FAIL: $name: page 1 did not render"
    fail=1
  fi
  echo "ok: $name: $pages landscape A4 pages"
done
exit $fail
