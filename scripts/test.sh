#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run): idempotent set-up, type check, vitest (GPU tests on lavapipe
# where no other Vulkan driver is pinned). Ends with an "N passed, N failed" line; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh image-tools || exit 1

lavapipe=/usr/share/vulkan/icd.d/lvp_icd.json
if [ -z "${VK_ICD_FILENAMES:-}" ] && [ -f "$lavapipe" ]; then export VK_ICD_FILENAMES=$lavapipe; fi

npx svelte-kit sync || exit 1

echo "== type check (npm run check)"
check_status=0
npm run check || check_status=$?

echo "== tests (vitest)"
report=$(mktemp -t clovers-vitest-XXXXXX.json)
trap 'rm -f "$report"' EXIT
test_status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" || test_status=$?

summary=$(node -e '
  const fs = require("node:fs");
  let r;
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { console.log("no test report (vitest did not finish)"); process.exit(0); }
  const skipped = r.numPendingTests + r.numTodoTests;
  const failedSuites = r.numFailedTestSuites > 0 ? `, ${r.numFailedTestSuites} failed suites` : "";
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}${failedSuites}`);
' "$report")

[ "$check_status" = 0 ] || echo "type check FAILED (npm run check exited $check_status)"
echo "$summary"
[ "$check_status" = 0 ] && [ "$test_status" = 0 ]
