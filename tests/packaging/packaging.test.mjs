// @ts-check
// Packs the package (`npm pack`) and installs the tarball into scratch consumers, the way users
// get it: Node ESM, Node CJS, both in one process, bundled for Node, TypeScript (ESM and CJS), Vite
// and webpack builds, and a plain `<script type="module">` page in headless Chromium.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { startStaticServer } from "../../server/static.mjs";
import { launch, openPage } from "../support/browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "seam-portal-packaging-"));
const tarball = join(scratch, execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", scratch, "--silent"], { encoding: "utf8" }).trim());

/**
 * A consumer folder with the tarball installed and the given files.
 * @param {string} name
 * @param {Record<string, string>} files
 */
function consumer(name, files) {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, ...(name.endsWith("-esm") ? { type: "module" } : {}) }));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: dir, stdio: "inherit" });
  return dir;
}

/** @param {string} dir @param {string} file */
const node = (dir, file) => execFileSync(process.execPath, [file], { cwd: dir, encoding: "utf8" }).trim();

const check = `
  const valid = validate({ customer_data: { customer_key: "c" } });
  const invalid = validate({ customer_data: { customer_key: "" } });
  let thrown;
  try { new PortalRequestBuilder(" c").build(); } catch (e) { thrown = e; }
  console.log(JSON.stringify([valid.ok, invalid.ok, thrown instanceof PortalValidationError, thrown instanceof Error]));
`;

test("the tarball holds what the package needs, and nothing else", () => {
  const listing = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean).sort();
  assert.ok(listing.includes("package/wasm/seam_portal_bg.wasm"));
  assert.equal(listing.filter((f) => f.endsWith(".wasm")).length, 1, "one .wasm");
  assert.ok(!listing.some((f) => f.includes("node-entry") || f.endsWith(".rs")), listing.join(", "));
});

test("every relative link in the packed README and docs names a file the tarball holds", () => {
  const listing = new Set(execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean));
  const pages = [...listing].filter((f) => f.endsWith(".md"));
  assert.ok(pages.includes("package/README.md") && pages.includes("package/docs/performance.md"), pages.join(", "));
  let links = 0;
  for (const page of pages) {
    const text = execFileSync("tar", ["xzOf", tarball, page], { encoding: "utf8" });
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      links++;
      const resolved = posix.normalize(posix.join(posix.dirname(page), target));
      assert.ok(listing.has(resolved), `${page} links to ${target}, which the tarball does not hold`);
    }
  }
  assert.ok(links >= 5, `only ${links} relative links found: the pattern no longer matches`);
});

test("Node ESM: import", () => {
  const dir = consumer("consumer-esm", { "index.js": `import { validate, PortalRequestBuilder, PortalValidationError } from "seam-portal";${check}` });
  assert.equal(node(dir, "index.js"), "[true,false,true,true]");
});

test("npx seam-portal runs the installed command", () => {
  const dir = join(scratch, "consumer-esm");
  writeFileSync(join(dir, "body.json"), JSON.stringify({ customer_data: { customer_key: "c" } }));
  const out = execFileSync("npx", ["--no-install", "seam-portal", "validate", "body.json"], { cwd: dir, encoding: "utf8" });
  assert.match(out, /^valid/m);
});

test("Node CJS: require", () => {
  const dir = consumer("consumer-cjs", { "index.js": `const { validate, PortalRequestBuilder, PortalValidationError } = require("seam-portal");${check}` });
  assert.equal(node(dir, "index.js"), "[true,false,true,true]");
});

test("Node: import and require in one process load one Wasm instance", () => {
  const dir = consumer("consumer-both-esm", {
    "index.js": `
      import { createRequire } from "node:module";
      import * as esm from "seam-portal";
      const cjs = createRequire(import.meta.url)("seam-portal");
      console.log(esm.validate === cjs.validate && esm.PortalValidationError === cjs.PortalValidationError);`,
  });
  assert.equal(node(dir, "index.js"), "true");
});

test("bundled for Node (esbuild, webpack): a clear error saying what is missing and how to bundle; kept external, it works", () => {
  const dir = consumer("consumer-node-bundle", {
    "main.mjs": `import { validate } from "seam-portal"; console.log(validate({ customer_data: { customer_key: "c" } }).ok);`,
    "main.cjs": `const { validate } = require("seam-portal"); console.log(validate({ customer_data: { customer_key: "c" } }).ok);`,
  });
  const esbuild = join(root, "node_modules", ".bin", "esbuild");
  const bundle = (/** @type {string} */ entry, /** @type {string} */ out, /** @type {string[]} */ flags = []) => {
    execFileSync(esbuild, [entry, "--bundle", "--platform=node", `--outfile=${out}`, "--log-level=error", ...flags], { cwd: dir });
    return spawnSync(process.execPath, [out], { cwd: dir, encoding: "utf8" });
  };
  // The package's code moved into out/, without node.cjs (the ESM entry's) or the .wasm (the
  // CommonJS entry's, which esbuild follows): each says what it cannot find, and where.
  const cases = /** @type {[string, string, string[], RegExp][]} */ ([
    ["main.mjs", "out/esm.mjs", ["--format=esm"], /cannot find its Node code \(node\.cjs\) at .*out\/node\.cjs\./],
    ["main.mjs", "out/esm.cjs", ["--format=cjs"], /cannot find its Node code \(node\.cjs\) at \.\/node\.cjs \(this bundle has no import\.meta\.url/],
    ["main.cjs", "out/require.cjs", ["--format=cjs"], /cannot find its WebAssembly module at .*out\/wasm\/seam_portal_bg\.wasm\./],
  ]);
  for (const [entry, out, flags, missing] of cases) {
    const run = bundle(entry, out, flags);
    assert.notEqual(run.status, 0, `${out} ran`);
    assert.match(run.stderr, missing, out);
    assert.match(run.stderr, /keep seam-portal external \(esbuild: --packages=external or --external:seam-portal; webpack: externals\)/, out);
  }
  // As the error says: the package left to node_modules.
  for (const format of ["esm", "cjs"]) {
    const run = bundle("main.mjs", `external.${format === "esm" ? "mjs" : "cjs"}`, [`--format=${format}`, "--packages=external"]);
    assert.equal(run.stderr, "");
    assert.equal(run.stdout.trim(), "true");
  }
  // webpack's node target follows node.mjs's createRequire into node.cjs, and leaves the .wasm
  // behind; with the package in `externals`, it loads it from node_modules.
  const webpack = (/** @type {string} */ out, /** @type {boolean} */ external) => {
    const config = { mode: "production", target: "node", context: dir, entry: "./main.mjs", output: { path: join(dir, out), filename: "main.js" },
      externals: external ? { "seam-portal": "commonjs seam-portal" } : {} };
    execFileSync(process.execPath, ["-e", `require(${JSON.stringify(join(root, "node_modules", "webpack"))})(${JSON.stringify(config)},
      (error, stats) => { if (error || stats.hasErrors()) { console.error(error ?? stats.toString("errors-only")); process.exit(1); } });`], { cwd: dir, stdio: "inherit" });
    return spawnSync(process.execPath, [join(out, "main.js")], { cwd: dir, encoding: "utf8" });
  };
  const bundled = webpack("webpack-bundled", false);
  assert.notEqual(bundled.status, 0);
  assert.match(bundled.stderr, /cannot find its WebAssembly module at .*webpack-bundled\/wasm\/seam_portal_bg\.wasm\..*keep seam-portal external/);
  const kept = webpack("webpack-external", true);
  assert.equal(kept.stderr, "");
  assert.equal(kept.stdout.trim(), "true");
});

test("TypeScript: ESM and CJS consumers type-check with moduleResolution nodenext", () => {
  const dir = consumer("consumer-ts", {
    "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", types: [] } }),
    "esm.mts": `import init, { validate, type CreatePortalRequest } from "seam-portal";\nawait init();\nconst r: CreatePortalRequest = { locale: "de-DE" };\nconsole.log(validate(r).ok);\n`,
    "cjs.cts": `import { validate, type CreatePortalRequest } from "seam-portal";\nconst r: CreatePortalRequest = { locale: "de-DE" };\nconsole.log(validate(r).ok);\n`,
  });
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { stdio: "inherit" });
});

test("TypeScript: every resolution mode finds declarations of the module kind it loads (are the types wrong?)", () => {
  // attw brings its own TypeScript 5, which, unlike the TypeScript 7 above, refuses to let
  // CommonJS \`require\` declarations that are ES modules (TS1479 under node16 and nodenext).
  // It exits with 1 on any problem, which execFileSync throws; the JSON shows which.
  const attw = join(root, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
  let report;
  try {
    report = JSON.parse(execFileSync(process.execPath, [attw, "--format", "json", tarball], { encoding: "utf8" }));
  } catch (error) {
    const output = /** @type {{ stdout?: string }} */ (error).stdout;
    assert.fail(output ? JSON.stringify(JSON.parse(output).problems, null, 2) : String(error));
  }
  assert.deepEqual(report.problems, {});
  const kinds = Object.fromEntries(Object.entries(report.analysis.entrypoints["."].resolutions)
    .map(([mode, r]) => [mode, /** @type {any} */ (r).resolution?.fileName.replace(/^.*\/seam-portal\//, "")]));
  assert.deepEqual(kinds, { node10: "index.d.ts", "node16-cjs": "node.d.cts", "node16-esm": "index.d.ts", bundler: "index.d.ts" });
});

/** A bundled app's code: the package imported by name, initialised, and used. */
const bundledApp = `
  import init, { validate } from "seam-portal";
  await init();
  document.body.dataset.result = JSON.stringify([validate({ customer_data: { customer_key: "c" } }).ok, validate({ locale: 1 }).ok]);`;

/**
 * Serves `folder` and opens `path` in Chromium: the bundled app ran, validated, and nothing
 * failed on the page (the .wasm fetched from where the bundler put it).
 * @param {string} folder
 * @param {string} path
 */
async function assertBundledAppWorks(folder, path) {
  const server = await startStaticServer({ "/": folder });
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser, `${server.url}${path}`);
    await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 15000 });
    assert.equal(await page.evaluate(() => document.body.dataset.result), "[true,false]");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
}

test("Vite: a build emits one .wasm, and the page works in Chromium", async () => {
  const dir = consumer("consumer-vite", {
    "index.html": `<!doctype html><title>vite</title><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>`,
    "main.js": bundledApp,
  });
  // In a child process: Vite's esbuild service would otherwise keep this one alive.
  execFileSync(process.execPath, [join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn", "--target", "es2022"], { cwd: dir, stdio: "inherit" });
  const assets = readdirSync(join(dir, "dist", "assets"));
  assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 1, assets.join(", "));
  await assertBundledAppWorks(join(dir, "dist"), "/");
});

test("webpack: a build emits one .wasm, and the page works in Chromium", async () => {
  const dir = consumer("consumer-webpack", {
    "index.html": `<!doctype html><title>webpack</title><link rel="icon" href="data:,"><script src="./dist/main.js"></script>`,
    "main.js": bundledApp,
  });
  // webpack's own handling of \`new URL("./x.wasm", import.meta.url)\` (an asset), and of top-level
  // await; no configuration beyond the entry and the mode. In a child process, as for Vite.
  const build = `require(${JSON.stringify(join(root, "node_modules", "webpack"))})({ mode: "production", context: process.cwd(), entry: "./main.js", output: { path: process.cwd() + "/dist", filename: "main.js" } },
    (error, stats) => { if (error || stats.hasErrors() || stats.hasWarnings()) { console.error(error ?? stats.toString("errors-warnings")); process.exit(1); } });`;
  execFileSync(process.execPath, ["-e", build], { cwd: dir, stdio: "inherit" });
  const emitted = readdirSync(join(dir, "dist"));
  assert.equal(emitted.filter((f) => f.endsWith(".wasm")).length, 1, emitted.join(", "));
  await assertBundledAppWorks(dir, "/index.html");
});

test("A plain <script type=module> page: init() once, and a clear error before it", async () => {
  const dir = consumer("consumer-page", {
    "index.html": `<!doctype html><title>plain</title><link rel="icon" href="data:,"><script type="module">
      import init, { validate, PortalRequestBuilder, PortalValidationError } from "./node_modules/seam-portal/index.js";
      import * as namespace from "./node_modules/seam-portal/index.js";
      let early;
      try { validate({}); } catch (e) { early = e.message; }
      const first = init();
      const same = first === init();
      await first;
      let thrown;
      try { new PortalRequestBuilder("").build(); } catch (e) { thrown = e; }
      document.body.dataset.result = JSON.stringify({ early, same, names: Object.keys(namespace), ok: validate({ customer_data: { customer_key: "c" } }).ok,
        error: thrown instanceof PortalValidationError && thrown.issues[0].path });
    </script>`,
  });
  const server = await startStaticServer({ "/": dir });
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser, `${server.url}/index.html`);
    await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 15000 });
    const result = JSON.parse(String(await page.evaluate(() => document.body.dataset.result)));
    assert.match(result.early, /call `await init\(\)` once/);
    assert.equal(result.same, true, "init() returns one memoised promise");
    assert.deepEqual(result.names.filter((/** @type {string} */ n) => n.startsWith("__") || n === "createError" || n === "start"), [],
      "wasm-bindgen's glue stays private");
    assert.ok(result.names.includes("submit") && result.names.includes("SeamApiError"));
    assert.equal(result.ok, true);
    assert.equal(result.error, "customer_data.customer_key");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
