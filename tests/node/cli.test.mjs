// @ts-check
// The seam-portal command, from the packed package.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startSeamServer } from "../../server/seam-local.mjs";

const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "node_modules", "seam-portal", "cli.mjs");
const dir = mkdtempSync(join(tmpdir(), "seam-portal-cli-"));
const file = (/** @type {string} */ name, /** @type {unknown} */ body) => {
  const path = join(dir, name);
  writeFileSync(path, typeof body === "string" ? body : JSON.stringify(body));
  return path;
};
const valid = file("valid.json", { customer_data: { customer_key: "cli_customer" }, customer_date: {} });
const invalid = file("invalid.json", { customer_data: { customer_key: "", spaces: [{ space_key: "s" }] } });

/** @type {Awaited<ReturnType<typeof startSeamServer>>} */
let server;
before(async () => {
  server = await startSeamServer();
});
after(() => server.close());

/**
 * Runs the command (asynchronously: the server answering it runs in this process); the
 * environment holds no Seam variables unless given.
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, input?: string }} [options]
 * @returns {Promise<{ code: number | null, out: string, err: string }>}
 */
function run(args, { env = {}, input } = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SEAM_")));
  const child = spawn(process.execPath, [cli, ...args], { env: { ...clean, ...env } });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  child.stdin.end(input ?? "");
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

test("validate: a valid file exits 0 and shows its warnings", async () => {
  const { code, out } = await run(["validate", valid]);
  assert.equal(code, 0);
  assert.match(out, /warning {2}customer_date: .*did you mean `customer_data`/);
  assert.match(out, /^valid \(1 warning\)$/m);
});

test("validate: an invalid file exits 1 and prints every issue with its path", async () => {
  const { code, out } = await run(["validate", invalid]);
  assert.equal(code, 1);
  assert.match(out, /error {4}customer_data\.customer_key: must not be empty \[too_short\]/);
  assert.match(out, /error {4}customer_data\.spaces\[0\]\.name: is required in a space \[required\]/);
  assert.match(out, /invalid: 2 problems/);
});

test("validate --json, and standard input", async () => {
  const { code, out } = await run(["validate", "-", "--json"], { input: "{\"locale\": 5}" });
  assert.equal(code, 1);
  const result = JSON.parse(out);
  assert.equal(result.ok, false);
  assert.equal(result.issues[0].path, "locale");
  assert.equal((await run(["validate", file("broken.json", "{oops")])).code, 1);
  // A file an editor saved with a byte order mark: refused, as JSON.parse refuses it, saying why.
  const bom = await run(["validate", file("bom.json", "\uFEFF{}")]);
  assert.equal(bom.code, 1);
  assert.match(bom.out, /starts with a byte order mark \(U\+FEFF\)/);
});

test("validate and create read files as UTF-8 bytes: other encodings are refused, saying where", async () => {
  const body = '{"customer_data": {"customer_key": "café"}}';
  const latin1 = join(dir, "latin1.json");
  writeFileSync(latin1, Buffer.from(body, "latin1"));
  const refused = await run(["validate", latin1]);
  assert.equal(refused.code, 1);
  assert.match(refused.out, /^error {4}\(request\): the text is not valid JSON: it is not UTF-8 \(saved as Windows-1252 or Latin-1\?\) \(line 1, column 40\) \[invalid_json\]$/m);
  const utf16 = join(dir, "utf16.json");
  writeFileSync(utf16, Buffer.from(`\ufeff${body}`, "utf16le"));
  assert.match((await run(["validate", utf16])).out, /it is UTF-16, not UTF-8 \(line 1, column 1\)/);
  // Nothing is sent with its characters replaced (it used to be, as U+FFFD).
  const env = { SEAM_API_KEY: "seam_local_key", SEAM_ENDPOINT: server.url };
  const create = await run(["create", latin1, "--json"], { env });
  assert.equal(create.code, 1);
  assert.match(create.err, /nothing was sent/);
  // UTF-8 arrives as written.
  const sent = await run(["create", file("utf8.json", body), "--json"], { env });
  assert.equal(sent.code, 0);
  assert.equal(JSON.parse(sent.out).customer_portal.customer_key, "café");
});

test("usage errors exit 2; --help exits 0", async () => {
  assert.equal((await run([])).code, 2);
  assert.equal((await run(["frobnicate"])).code, 2);
  assert.equal((await run(["validate"])).code, 2);
  assert.equal((await run(["validate", join(dir, "missing.json")])).code, 2);
  assert.equal((await run(["create", valid, "--timeout", "soon"])).code, 2);
  const help = await run(["create", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.out, /Exit codes/);
  assert.equal((await run(["--help"])).code, 0);
  assert.match((await run(["--version"])).out, /^\d+\.\d+\.\d+/);
});

test("create prints the URL, or the whole response with --json", async () => {
  const env = { SEAM_API_KEY: "seam_local_key" };
  const { code, out } = await run(["create", valid, "--endpoint", server.url], { env });
  assert.equal(code, 0);
  assert.match(out.trim(), /^http:\/\/localhost:\d+\/portal\/[0-9a-f-]+\?token=/);
  const json = await run(["create", valid, "--json"], { env: { ...env, SEAM_ENDPOINT: server.url } });
  assert.equal(json.code, 0);
  assert.equal(JSON.parse(json.out).customer_portal.customer_key, "cli_customer");
});

test("create --json: standard output is one JSON document on failure too, and diagnostics go to standard error", async () => {
  const key = { SEAM_API_KEY: "seam_local_key" };
  const invalidJson = await run(["create", invalid, "--endpoint", server.url, "--json"], { env: key });
  assert.equal(invalidJson.code, 1);
  const refusal = JSON.parse(invalidJson.out);
  assert.equal(refusal.ok, false);
  assert.deepEqual(refusal.issues.map((/** @type {any} */ i) => `${i.path}:${i.code}`), ["customer_data.customer_key:too_short", "customer_data.spaces[0].name:required"]);
  assert.match(invalidJson.err, /the request is invalid \(2 problems\); nothing was sent/);
  // Without --json, standard output holds only the URL: the issues are diagnostics.
  const invalidText = await run(["create", invalid, "--endpoint", server.url], { env: key });
  assert.equal(invalidText.out, "");
  assert.match(invalidText.err, /error {4}customer_data\.customer_key: must not be empty \[too_short\]/);
  const refused = await run(["create", valid, "--endpoint", server.url, "--json"], { env: { SEAM_API_KEY: "seam_wrong_SECRET" } });
  assert.equal(refused.code, 3);
  const { ok, error } = JSON.parse(refused.out);
  assert.deepEqual({ ok, name: error.name, code: error.code, statusCode: error.statusCode }, { ok: false, name: "SeamUnauthorizedError", code: "unauthorized", statusCode: 401 });
  assert.match(error.requestId, /^[0-9a-f-]{36}$/);
  assert.ok(!refused.out.includes("SECRET") && !refused.err.includes("SECRET"));
  const missing = await run(["create", valid, "--json"]);
  assert.equal(missing.code, 2);
  assert.equal(JSON.parse(missing.out).error.name, "SeamInvalidOptionsError");
  const unanswered = await run(["create", valid, "--endpoint", "http://127.0.0.1:9", "--json"], { env: key });
  assert.equal(unanswered.code, 4);
  assert.equal(JSON.parse(unanswered.out).error.name, "SeamNetworkError");
});

test("create: an invalid request exits 1 before sending; a missing key exits 2; a refused key exits 3; no answer exits 4", async () => {
  assert.equal((await run(["create", invalid, "--endpoint", server.url], { env: { SEAM_API_KEY: "seam_local_key" } })).code, 1);
  const missing = await run(["create", valid]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no credentials/);
  const refused = await run(["create", valid, "--endpoint", server.url], { env: { SEAM_API_KEY: "seam_wrong_SECRET" } });
  assert.equal(refused.code, 3);
  assert.match(refused.err, /unauthorized, HTTP 401, request [0-9a-f-]{36}/);
  assert.ok(!refused.err.includes("SECRET"));
  const wrongKind = await run(["create", valid, "--endpoint", server.url], { env: { SEAM_API_KEY: "seam_cst_SECRET" } });
  assert.equal(wrongKind.code, 2);
  assert.ok(!wrongKind.err.includes("SECRET"));
  assert.equal((await run(["create", valid, "--endpoint", "http://127.0.0.1:9"], { env: { SEAM_API_KEY: "seam_local_key" } })).code, 4);
});
