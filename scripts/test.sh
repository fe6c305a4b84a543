#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run): idempotent set-up, type check, vitest (GPU tests on lavapipe
# where no other Vulkan driver is pinned), then the production build and the Playwright end-to-end tests in
# Chromium (WebGPU on SwiftShader) against it. Ends with an "N passed, N failed" line; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh image-tools chromium redis || exit 1

lavapipe=/usr/share/vulkan/icd.d/lvp_icd.json
if [ -z "${VK_ICD_FILENAMES:-}" ] && [ -f "$lavapipe" ]; then export VK_ICD_FILENAMES=$lavapipe; fi

npx svelte-kit sync || exit 1

echo "== type check (npm run check)"
check_status=0
npm run check || check_status=$?

echo "== tests (vitest)"
report=$(mktemp -t clovers-vitest-XXXXXX.json)
e2e_report=test-results/e2e/report.json
trap 'rm -f "$report"' EXIT
test_status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" || test_status=$?

echo "== end-to-end tests (build, then Playwright in Chromium)"
rm -f "$e2e_report"
e2e_status=0
if npm run build; then
  npx playwright test || e2e_status=$?
else
  e2e_status=1
  echo "build FAILED (npm run build)"
fi

summary=$(node -e '
  const fs = require("node:fs");
  let r;
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { console.log("no test report (vitest did not finish)"); process.exit(0); }
  const skipped = r.numPendingTests + r.numTodoTests;
  const failedSuites = r.numFailedTestSuites > 0 ? `, ${r.numFailedTestSuites} failed suites` : "";
  let passed = r.numPassedTests, failed = r.numFailedTests, skippedAll = skipped, extra = failedSuites;
  let e2e;
  try { e2e = JSON.parse(fs.readFileSync(process.argv[2], "utf8")); } catch { extra += ", no end-to-end report (Playwright did not run)"; }
  if (e2e) {
    const s = e2e.stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skippedAll += s.skipped;
    if (s.flaky) extra += `, ${s.flaky} flaky`;
  }
  console.log(`${passed} passed, ${failed} failed${skippedAll ? `, ${skippedAll} skipped` : ""}${extra}`);
' "$report" "$e2e_report")

[ "$check_status" = 0 ] || echo "type check FAILED (npm run check exited $check_status)"
echo "$summary"
[ "$check_status" = 0 ] && [ "$test_status" = 0 ] && [ "$e2e_status" = 0 ] && [ -f "$e2e_report" ]
