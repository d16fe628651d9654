// @ts-check
// `npm run bench`: the package against its references, in one Node process.
// For bodies of about 1 KB, 100 KB, 1 MB and 10 MB: the median time per call of
// validate(object), validateJson(text), JSON.stringify of the body (the floor: a request must be
// serialised to be sent), JSON.parse of its text, ajv compiled from the spec (it validates an
// already-parsed object) and Seam's zod models; with ratios. Then the shipped .wasm's size.
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { validate, validateJson } from "../pkg/node.mjs";
import { compileAjv, seamRequestSchema } from "../tests/support/references.mjs";
import { bodyOfSize } from "./bodies.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SIZES = [["1 KB", 1e3], ["100 KB", 1e5], ["1 MB", 1e6], ["10 MB", 1e7]];
const BUDGET_MS = Number(process.env.BENCH_MS ?? 1500);

/**
 * Median milliseconds per call of `fn`, over as many calls as fit in the time budget (at
 * least 5, after 2 warm-up calls).
 * @param {() => unknown} fn
 */
function median(fn) {
  fn();
  fn();
  const times = [];
  const start = performance.now();
  while (times.length < 5 || (performance.now() - start < BUDGET_MS && times.length < 10_000)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const ajv = compileAjv();
const zod = await seamRequestSchema();
const ms = (/** @type {number} */ x) => (x < 0.1 ? x.toFixed(4) : x < 10 ? x.toFixed(3) : x.toFixed(1));
const ratio = (/** @type {number} */ a, /** @type {number} */ b) => `${(a / b).toFixed(2)}x`;

console.log(`seam-portal benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? "?"} (${cpus().length} cores)\n`);
console.log("| body | validate | validateJson | JSON.stringify | JSON.parse | ajv | zod | validate / ajv | validateJson / ajv | validate / zod | validate / stringify |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const [label, bytes] of SIZES) {
  const body = bodyOfSize(/** @type {number} */ (bytes));
  const text = JSON.stringify(body);
  if (!validate(body).ok || !validateJson(text).ok || !ajv(body) || !zod.safeParse(body).success) throw new Error(`the ${label} body is not valid`);
  const t = {
    validate: median(() => validate(body)),
    validateJson: median(() => validateJson(text)),
    stringify: median(() => JSON.stringify(body)),
    parse: median(() => JSON.parse(text)),
    ajv: median(() => ajv(body)),
    zod: median(() => zod.safeParse(body)),
  };
  console.log(`| ${label} (${(text.length / 1e3).toFixed(0)} kB) | ${ms(t.validate)} ms | ${ms(t.validateJson)} ms | ${ms(t.stringify)} ms | ${ms(t.parse)} ms | ${ms(t.ajv)} ms | ${ms(t.zod)} ms | ` +
    `${ratio(t.validate, t.ajv)} | ${ratio(t.validateJson, t.ajv)} | ${ratio(t.validate, t.zod)} | ${ratio(t.validate, t.stringify)} |`);
}

const wasm = readFileSync(join(root, "pkg", "wasm", "seam_portal_bg.wasm"));
const gzip = gzipSync(wasm, { level: 9 }).length;
const brotli = brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`\nseam_portal_bg.wasm: ${(wasm.length / 1024).toFixed(1)} KiB raw, ${(gzip / 1024).toFixed(1)} KiB gzip, ${(brotli / 1024).toFixed(1)} KiB brotli`);
