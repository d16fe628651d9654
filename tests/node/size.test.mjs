// @ts-check
// The size budget of the shipped .wasm (size is deterministic for a given build, so a test
// can hold it; speed lives in the benchmark instead).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { gzipSync } from "node:zlib";

const BUDGET_GZIP = 150 * 1024;

test(`the shipped _bg.wasm is at most ${BUDGET_GZIP / 1024} KiB gzipped`, () => {
  const wasm = readFileSync(createRequire(import.meta.url).resolve("seam-portal/package.json").replace(/package\.json$/, "wasm/seam_portal_bg.wasm"));
  const gzip = gzipSync(wasm, { level: 9 }).length;
  assert.ok(gzip <= BUDGET_GZIP, `${(gzip / 1024).toFixed(1)} KiB gzip`);
});
