#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# A realisation whose explanation has more rows than a sheet holds (1,048,576): it continues on
# "Toelichting (2)" instead of failing at Excel's row limit. 250,000 lines of 5 steps each.
set -euo pipefail
SROI=$1 SRC=$2
export SROI_TODAY=2099-12-31  # count the realisation in full
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
awk 'BEGIN { print "candidate,block,start,end,hours_per_week"
  for (i = 0; i < 250000; i++) printf "K-%07d,nug,2027-01-01,2027-06-30,%d\n", i, 12 + i % 24 }' >big.csv
"$SROI" --regions-dir "$SRC/regions" realisation big.csv --region oost-nederland --value 5000000 \
  --percentage 5 --start 2027-01-01 --end 2027-12-31 --xlsx big.xlsx >/dev/null 2>err.txt ||
  { cat err.txt; echo "0 passed, 1 failed"; exit 1; }
sheets=$(/usr/bin/python3 -c "
import re, zipfile
z = zipfile.ZipFile('big.xlsx')
print(','.join(re.findall(r'<sheet name=\"([^\"]+)\"', z.read('xl/workbook.xml').decode())))")
if [ "$sheets" != "Samenvatting,Regels,Toelichting,Toelichting (2),Bouwblokken,Voortgang,Bijlage" ]; then
  echo "sheets: $sheets"; echo "0 passed, 1 failed"; exit 1
fi
echo "1 passed, 0 failed"
