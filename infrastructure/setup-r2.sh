#!/usr/bin/env bash
# Creates the three R2 buckets and their lifecycle rules on Cloudflare
# (needs `wrangler login` or CLOUDFLARE_API_TOKEN). Safe to re-run: existing
# buckets and rules are left as they are.
#
#   analytics-source     raw Iceberg event tables, kept forever (source of truth)
#   analytics-processed  dbt output (Iceberg tables under facts/, dimensions/,
#                        aggregates/); temp/ expires after 7 days. The 90-day
#                        retention of processed data is NOT an R2 lifecycle rule:
#                        expiring objects under a live Iceberg table deletes files
#                        its metadata still references and breaks the table.
#                        dbt rebuilds processed tables from raw (--full-refresh)
#                        and table maintenance expires old snapshots instead.
#   analytics-catalog    catalog state and schemas, kept forever
set -euo pipefail
wrangler() { npx --yes wrangler "$@"; }

for bucket in analytics-source analytics-processed analytics-catalog; do
  if wrangler r2 bucket info "$bucket" >/dev/null 2>&1; then
    echo "bucket $bucket exists"
  else
    wrangler r2 bucket create "$bucket"
  fi
done

rule() { # bucket name prefix days
  if wrangler r2 bucket lifecycle list "$1" 2>/dev/null | grep -q "$2"; then
    echo "rule $2 on $1 exists"
  else
    wrangler r2 bucket lifecycle add "$1" "$2" "$3" --expire-days "$4" --force
  fi
}
rule analytics-processed temp-7d temp/ 7
# Raw data and the catalog have no expiry; only abandoned multipart uploads are cleaned.
wrangler r2 bucket lifecycle add analytics-source abort-multipart "" --abort-multipart-days 7 --force 2>/dev/null || true
echo "done"
