#!/usr/bin/env bash
# The one test command (README): installs what the tests need on a fresh Debian machine, starts a
# throwaway PostgreSQL on loopback, runs lint, typecheck, unit, end-to-end and security checks, and
# prints one line "N passed, N failed". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 CI="${CI:-true}"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
# The appendix DOCX/XLSX are rendered to PNG and checked (test/e2e/tally/report-render.spec.ts):
# LibreOffice headless, poppler's pdftoppm/pdftotext, and Times New Roman's metrics (Liberation Serif).
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
[ -d /usr/share/fonts/truetype/liberation ] || need_apt+=(fonts-liberation)
# Feed exports are loaded by the real DNS servers' checkers (shared/export/exports.test.ts): named-checkzone,
# unbound-checkconf, dnsmasq --test. Suricata has no Debian package on the build machines.
command -v named-checkzone >/dev/null 2>&1 || need_apt+=(bind9utils)
command -v unbound-checkconf >/dev/null 2>&1 || need_apt+=(unbound)
command -v dnsmasq >/dev/null 2>&1 || need_apt+=(dnsmasq-base)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> apt-get install ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null || { echo "apt-get install failed" >&2; exit 2; }
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund || { echo "npm ci failed" >&2; exit 2; }
fi

# shellcheck source=scripts/pg-test.sh
source scripts/pg-test.sh
pg_start || { echo "could not start the test PostgreSQL" >&2; exit 2; }
trap pg_stop EXIT

mkdir -p .reports
rm -f .reports/*.json
status=0
step() { echo "==> $*"; "$@" || { echo "FAILED: $*" >&2; status=1; }; }
# A check that is not a test runner (typecheck, lint, build) counts as one test in the summary line,
# so a failed lint shows in "N passed, N failed" and not only in the exit status.
check() {
  local name=$1; shift
  local ok=true
  echo "==> $*"
  "$@" || { echo "FAILED: $*" >&2; status=1; ok=false; }
  node -e 'const fs=require("fs"),f=".reports/checks.json";const l=fs.existsSync(f)?JSON.parse(fs.readFileSync(f,"utf8")):[];l.push({name:process.argv[1],ok:process.argv[2]==="true"});fs.writeFileSync(f,JSON.stringify(l,null,2)+"\n")' "$name" "$ok"
}

check typecheck npm run --silent typecheck
check lint npm run --silent lint
# Unused files, exports and dependencies (knip.json), and import circles, type-only ones included.
check unused npm run --silent check:unused
check cycles npm run --silent check:cycles
check build npm run --silent build
step npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest.json
step npx playwright test
step npm run --silent electronegativity

node scripts/summarize-tests.mjs .reports/vitest.json .reports/playwright.json .reports/checks.json || status=1
exit $status
