// Prints one line, "N passed, N failed", from vitest's JSON report. If the run stopped
// before vitest (lint or typecheck failed), that failure is counted as one failed check.
import fs from 'node:fs';

const status = Number(process.argv[2] ?? 0);
const file = '.test-results/vitest.json';
let passed = 0;
let failed = 0;
if (fs.existsSync(file)) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  if (status !== 0 && failed === 0) failed = 1;
} else if (status !== 0) {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
