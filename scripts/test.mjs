// @ts-check
// `npm test`: every test, in order, after `npm run build` has built pkg/.
//   1. Rust, native: model, validator, spec conformance
//   2. Rust in Wasm, the boundary suite: in Node, then in headless Chromium
//   3. the packed package in Node: API, robustness, verdicts against ajv and Seam's zod schema,
//      submit against the local Seam-compatible server, the server itself, Seam's official client
//   4. TypeScript: the generated types, with tsc --strict; and every JS file, as its // @ts-check
//      asks: the package's JS that runs in browsers too and the demo's page without Node's types,
//      all that runs in Node (the Node entry, command, server, scripts, bench, tests) with them
//   5. the packed package in headless Chromium: submit's browser paths, embedPortal, the demo
//   6. packaging: the tarball in ESM, CJS, TypeScript, Vite, webpack and plain-page consumers
//   7. fuzzing: a short run of every fuzz target (SKIP_FUZZ=1 skips it)
//   8. the benchmark, with a short time budget: that every measurement still runs (its figures
//      are not checked: speed lives in `npm run bench`, never in a test)
// Prints each runner's output, then one line with the totals.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startClosingProxy } from "./closing-proxy.mjs";
import { wasmCargo } from "./toolchain.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const browser = process.env.SKIP_BROWSER !== "1";
const wasmTestEnv = {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: "wasm-bindgen-test-runner",
  CHROMEDRIVER: process.env.CHROMEDRIVER ?? "/usr/bin/chromedriver",
};

/**
 * Runs a command, echoing its output, and counts the tests it reports.
 * @param {string} title
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @param {{ oneCheck?: boolean }} [options] oneCheck: the command reports no count, and a clean
 *   run is one passing check
 * @returns {Promise<{ passed: number, failed: number, code: number | null }>}
 */
function step(title, command, args, env = process.env, { oneCheck = false } = {}) {
  console.log(`\n=== ${title}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => { process.stdout.write(d); output += d; });
    child.stderr.on("data", (d) => { process.stderr.write(d); output += d; });
    child.on("close", (code) => {
      let passed = 0;
      let failed = 0;
      // cargo test: "test result: ok. 22 passed; 0 failed; …"; node --test: "# pass 14" / "# fail 0".
      for (const m of output.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
        passed += Number(m[1]);
        failed += Number(m[2]);
      }
      for (const m of output.matchAll(/^# pass (\d+)$/gm)) passed += Number(m[1]);
      for (const m of output.matchAll(/^# fail (\d+)$/gm)) failed += Number(m[1]);
      // The fuzz smoke's own closing line: "4 passed, 0 failed".
      for (const m of output.matchAll(/^(\d+) passed, (\d+) failed$/gm)) {
        passed += Number(m[1]);
        failed += Number(m[2]);
      }
      if (oneCheck) code === 0 ? passed++ : failed++;
      if (code !== 0 && failed === 0) failed = 1;
      resolve({ passed, failed, code });
    });
  });
}

/** Installs the packed tarball as node_modules/seam-portal, as a user's `npm install` would. */
function installPackedPackage() {
  const cache = join(root, ".cache");
  mkdirSync(cache, { recursive: true });
  const tarball = execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", cache, "--silent"], { encoding: "utf8" }).trim();
  const target = join(root, "node_modules", "seam-portal");
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync("tar", ["xzf", join(cache, tarball), "-C", target, "--strip-components=1"]);
}

const wasm = wasmCargo();
const results = [];
results.push(await step("Rust (native): model, validator, spec conformance", "cargo", ["test"]));
results.push(await step("Rust in Wasm: boundary suite in Node", wasm.cargo, ["test", ...wasm.args, "--test", "node"], { ...wasm.env, ...wasmTestEnv }));
if (browser) {
  // Through a proxy that closes each connection (scripts/closing-proxy.mjs says why), given to
  // Chromium in a copy of webdriver.json.
  const proxy = await startClosingProxy();
  const capabilities = JSON.parse(readFileSync(join(root, "webdriver.json"), "utf8"));
  capabilities["goog:chromeOptions"].args.push(`--proxy-server=${proxy.url}`, "--proxy-bypass-list=<-loopback>");
  const webdriverJson = join(root, ".cache", "webdriver.json");
  mkdirSync(dirname(webdriverJson), { recursive: true });
  writeFileSync(webdriverJson, JSON.stringify(capabilities));
  results.push(await step("Rust in Wasm: boundary suite in headless Chromium", wasm.cargo, ["test", ...wasm.args, "--test", "browser"], { ...wasm.env, ...wasmTestEnv, WASM_BINDGEN_TEST_WEBDRIVER_JSON: webdriverJson }));
  await proxy.close();
}
installPackedPackage();
results.push(await step("Node: the packed package (API, robustness, references)", process.execPath, ["--test", "tests/node/"]));
// One tsc run per program: each has its own types (browser-only, Node, the demo's page).
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
for (const [what, project] of [
  ["generated types, tsc --strict", "tests/types"],
  ["the package's JS for browsers and Node (snippets, loader, browser entry), --strict", "tests/types/tsconfig.js.json"],
  ["the JS that runs in Node (Node entry, command line, server, scripts, bench, tests), --strict with Node's types", "tests/types/tsconfig.node.json"],
  ["the demo's page script, --strict", "tests/types/tsconfig.www.json"],
]) {
  results.push(await step(`TypeScript: ${what}`, process.execPath, [tsc, "-p", project], process.env, { oneCheck: true }));
}
if (browser) {
  results.push(await step("Browser: init, submit, embedPortal and the demo in headless Chromium", process.execPath, ["--test", "tests/browser/"]));
  results.push(await step("Packaging: ESM, CJS, TypeScript, Vite, webpack, plain page", process.execPath, ["--test", "tests/packaging/"]));
}

if (process.env.SKIP_FUZZ !== "1") {
  results.push(await step("Fuzzing: a short smoke of every target", process.execPath, ["scripts/fuzz-smoke.mjs"]));
}

results.push(await step("Benchmark: a short smoke of every measurement", process.execPath, ["--expose-gc", "bench/run.mjs"], { ...process.env, BENCH_MS: "10" }, { oneCheck: true }));

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.some((r) => r.code !== 0) ? 1 : 0);
