// @ts-check
// The local Seam-compatible server on its own, and Seam's official client against it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { after, before, test } from "node:test";
import { SeamHttp, SeamHttpInvalidInputError, SeamHttpUnauthorizedError } from "@seamapi/http/connect";
import { submit } from "seam-portal";
import { LOCAL_WORKSPACE_ID, pathSegments, ServerConfigError, startSeamServer, validationErrorTree } from "../../server/seam-local.mjs";
import { seamRequestSchema } from "../support/references.mjs";

/** @type {Awaited<ReturnType<typeof startSeamServer>>} */
let server;
before(async () => {
  server = await startSeamServer({ portalTtlMs: 1500 });
});
after(() => server.close());

const url = () => `${server.url}/customers/create_portal`;
/** @param {unknown} body @param {Record<string, string>} [headers] @param {string} [to] */
const post = (body, headers = { authorization: "Bearer seam_local_key" }, to = url()) =>
  fetch(to, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

test("200: customer_portal, magic_link, ok, and a seam-request-id", async () => {
  const response = await post({ customer_data: { customer_key: "c1" } });
  assert.equal(response.status, 200);
  assert.match(String(response.headers.get("seam-request-id")), /^[0-9a-f-]{36}$/);
  const body = await response.json();
  assert.equal(body.ok, true);
  assert.deepEqual(body.magic_link, body.customer_portal);
  assert.equal(body.customer_portal.workspace_id, LOCAL_WORKSPACE_ID);
  assert.ok(Date.parse(body.customer_portal.expires_at) > Date.parse(body.customer_portal.created_at));
});

test("401 with Seam's error JSON for unknown keys, and for tokens without their workspace", async () => {
  for (const headers of /** @type {Record<string, string>[]} */ ([{ authorization: "Bearer seam_nope" }, { authorization: "Bearer seam_at_local_token" }, { authorization: "Basic x" },
    { authorization: "Bearer seam_at_local_token", "seam-workspace": "00000000-0000-4000-8000-000000000001" }])) {
    const response = await post({}, headers);
    assert.equal(response.status, 401);
    const body = await response.json();
    assert.equal(body.error.type, "unauthorized");
    assert.equal(body.ok, false);
  }
  const ok = await post({}, { authorization: "Bearer seam_at_local_token", "seam-workspace": LOCAL_WORKSPACE_ID });
  assert.equal(ok.status, 200);
});

test("400 invalid_input with a validation_errors tree shaped like Seam's (zod's format())", async () => {
  const body = { customer_data: { customer_key: " c", spaces: [{ space_key: "s", name: "n" }, { space_key: "" }] } };
  const response = await post(body);
  assert.equal(response.status, 400);
  const { error } = await response.json();
  assert.equal(error.type, "invalid_input");
  const zodTree = (await seamRequestSchema()).safeParse(body).error?.format();
  // The same fields are flagged, at the same places, as Seam's own schema flags them.
  /** @param {any} tree @param {string} path @returns {string[]} */
  const flagged = (tree, path = "") => Object.entries(tree).flatMap(([k, v]) =>
    k === "_errors" ? (v.length ? [path] : []) : flagged(v, path ? `${path}.${k}` : k));
  assert.deepEqual(flagged(error.validation_errors).sort(), flagged(zodTree).sort());
  assert.deepEqual(error.validation_errors.customer_data.spaces[1].name._errors, ["is required in a space"]);
  const notJson = await post("{oops");
  assert.equal(notJson.status, 400);
  // A body that is not UTF-8 is refused (it used to be validated with its bytes replaced).
  const latin1 = await fetch(url(), { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer seam_local_key" },
    body: Buffer.from('{"customer_data": {"customer_key": "café"}}', "latin1") });
  assert.equal(latin1.status, 400);
  assert.equal((await latin1.json()).error.type, "invalid_input");
});

test("validation_errors trees are built from the validator's paths", () => {
  assert.deepEqual(pathSegments('customer_data.spaces[2]["my key"].x'), ["customer_data", "spaces", "2", "my key", "x"]);
  assert.deepEqual(validationErrorTree([{ path: "", message: "root" }, { path: "a[0]", message: "m" }]),
    { _errors: ["root"], a: { _errors: [], 0: { _errors: ["m"] } } });
});

test("CORS: preflight allows Seam's headers, and responses expose seam-request-id", async () => {
  const preflight = await fetch(url(), { method: "OPTIONS", headers: { origin: "http://app.example", "access-control-request-method": "POST",
    "access-control-request-headers": "authorization, content-type, seam-workspace, seam-sdk-name, seam-sdk-version" } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("access-control-allow-origin"), "http://app.example");
  for (const h of ["authorization", "content-type", "seam-workspace", "seam-sdk-name", "seam-sdk-version"]) {
    assert.match(String(preflight.headers.get("access-control-allow-headers")), new RegExp(h));
  }
  const response = await post({});
  assert.match(String(response.headers.get("access-control-expose-headers")), /seam-request-id/);
});

test("the portal page shows what was configured, and expires when expires_at says", async () => {
  const response = await submit({ customer_data: { customer_key: "customer <b>42</b>", units: [{ unit_key: "u1", name: "Unit One" }] }, locale: "de-DE" },
    { apiKey: "seam_local_key", endpoint: server.url });
  const page = await fetch(response.customer_portal.url);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /customer &#60;b&#62;42&#60;\/b&#62;/, "escaped");
  assert.match(html, /de-DE/);
  assert.match(html, /Unit One/);
  const wrongToken = await fetch(response.customer_portal.url.replace(/token=.*/, "token=nope"));
  assert.equal(wrongToken.status, 404);
  await new Promise((resolve) => setTimeout(resolve, Date.parse(response.customer_portal.expires_at) - Date.now() + 50));
  assert.equal((await fetch(response.customer_portal.url)).status, 410);
});

test("faults are off unless asked for", async () => {
  const response = await fetch(`${server.url}/__faults`, { method: "POST", body: "[{\"status\":500}]" });
  assert.equal(response.status, 404);
  assert.equal(server.faults.length, 0);
});

test("proxy mode: requests without credentials go upstream with the server's key", async () => {
  /** @type {string[]} */
  const seen = [];
  const upstream = await startSeamServer({ apiKeys: ["seam_upstream_key"], onRequest: (headers) => seen.push(String(headers.authorization)) });
  const proxy = await startSeamServer({ upstream: { endpoint: upstream.url, apiKey: "seam_upstream_key" } });
  try {
    const response = await submit({ customer_data: { customer_key: "via proxy, café 😀" } }, { endpoint: proxy.url });
    assert.equal(response.customer_portal.customer_key, "via proxy, café 😀", "forwarded as it came");
    assert.ok(response.customer_portal.url.includes(upstream.url.split(":").pop() ?? "?"), "the upstream created it");
    assert.deepEqual(seen, ["Bearer seam_upstream_key"]);
  } finally {
    await proxy.close();
    await upstream.close();
  }
});

test("proxy mode: the server's key is added only for its own pages and allowedOrigins, never for another site's", async () => {
  /** @type {string[]} */
  const seen = [];
  const upstream = await startSeamServer({ apiKeys: ["seam_upstream_key"], onRequest: (headers) => seen.push(String(headers.authorization)) });
  const proxy = await startSeamServer({ upstream: { endpoint: upstream.url, apiKey: "seam_upstream_key" }, allowedOrigins: ["http://localhost:5173/"] });
  const port = new URL(proxy.url).port;
  const body = JSON.stringify({ customer_data: { customer_key: "from a page" } });
  /** @param {string} origin @param {string} [type] */
  const postFrom = (origin, type = "application/json") =>
    fetch(`${proxy.url}/customers/create_portal`, { method: "POST", headers: { origin, "content-type": type }, body });
  try {
    // Another site's page, with a JSON body or as a "simple" text/plain POST that skips CORS
    // preflight, and a DNS-rebinding page (another host name on the same port), a sandboxed one.
    for (const [origin, type] of /** @type {[string, string | undefined][]} */ ([["https://evil.example", undefined], ["https://evil.example", "text/plain"], [`http://evil.example:${port}`, undefined], ["null", undefined]])) {
      const response = await postFrom(origin, type);
      assert.equal(response.status, 403, origin);
      const answer = await response.json();
      assert.equal(answer.error.type, "origin_not_allowed");
      assert.match(answer.error.message, /own pages/);
    }
    assert.deepEqual(seen, [], "nothing reached upstream");
    // The server's own pages, under each name it answers to, and an allowed origin.
    for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`, "http://localhost:5173"]) {
      const response = await postFrom(origin);
      assert.equal(response.status, 200, origin);
      assert.equal((await response.json()).customer_portal.customer_key, "from a page");
    }
    assert.deepEqual(seen, Array(3).fill("Bearer seam_upstream_key"));
    // A host and port without a scheme parses as a URL of scheme `localhost:`: refused. (A
    // server started all the same is closed, or the test would never end.)
    const refusal = await startSeamServer({ allowedOrigins: ["localhost:5173"] }).then((started) => started.close(), (error) => error);
    assert.match(String(refusal?.message), /allowedOrigins \(SEAM_ALLOWED_ORIGINS for npm start\): "localhost:5173" is not an http: or https: origin/);
  } finally {
    await proxy.close();
    await upstream.close();
  }
});

test("proxy mode: Seam unreachable or too slow is a 502 or 504 in Seam's error JSON, naming neither the key nor the endpoint's path", async () => {
  const slow = await startSeamServer({ apiKeys: ["seam_upstream_key"], faults: true });
  // A port that was just free: nothing listens there.
  const gone = await startSeamServer();
  const goneUrl = gone.url;
  await gone.close();
  const unreachable = await startSeamServer({ upstream: { endpoint: `${goneUrl}/private/path?token=abc`, apiKey: "seam_upstream_key" } });
  const timingOut = await startSeamServer({ upstream: { endpoint: slow.url, apiKey: "seam_upstream_key", timeoutMs: 150 } });
  try {
    const request = { customer_data: { customer_key: "c" } };
    const refused = await post(request, {}, `${unreachable.url}/customers/create_portal`);
    assert.equal(refused.status, 502);
    const refusal = (await refused.json()).error;
    assert.equal(refusal.type, "upstream_unreachable");
    assert.equal(refusal.message, `Seam at ${new URL(goneUrl).origin} could not be reached (ECONNREFUSED)`);
    slow.faults.push({ delayMs: 1000 });
    const started = Date.now();
    const late = await post(request, {}, `${timingOut.url}/customers/create_portal`);
    assert.equal(late.status, 504);
    assert.ok(Date.now() - started < 900, "answered when the time was up, not when Seam was");
    const lateness = (await late.json()).error;
    assert.equal(lateness.type, "upstream_timeout");
    assert.equal(lateness.message, `Seam at ${new URL(slow.url).origin} did not answer within 150 ms`);
    for (const message of [refusal.message, lateness.message]) assert.doesNotMatch(message, /seam_upstream_key|private|token/);
    // An endpoint with credentials is refused at start (fetch would quote it in its error).
    const credentialsRefusal = await startSeamServer({ upstream: { endpoint: "https://user:secret@seam.example", apiKey: "k" } }).then((started) => started.close(), (error) => error);
    assert.equal(String(credentialsRefusal?.message), "upstream.endpoint (SEAM_ENDPOINT for npm start) must not hold a user name or password");
    // submit reports it as Seam's error answer, with its status and code.
    await assert.rejects(submit(request, { endpoint: unreachable.url }), { name: "SeamApiError", statusCode: 502, code: "upstream_unreachable" });
  } finally {
    await Promise.all([slow.close(), unreachable.close(), timingOut.close()]);
  }
});

test("Seam's official client creates a portal against the local server, and recognises its 400 and 401", async () => {
  const seam = SeamHttp.fromApiKey("seam_local_key", { endpoint: server.url });
  const magicLink = await seam.customers.createPortal({ customer_data: { customer_key: "official" }, locale: "en-US" });
  assert.equal(magicLink.customer_key, "official");
  assert.match(magicLink.url, /\/portal\//);
  assert.equal(magicLink.workspace_id, LOCAL_WORKSPACE_ID);
  await assert.rejects(seam.customers.createPortal({ customer_data: { customer_key: "" } }), (e) => {
    assert.ok(e instanceof SeamHttpInvalidInputError);
    assert.deepEqual(e.getValidationErrorMessages("customer_data"), []);
    return true;
  });
  const wrong = SeamHttp.fromApiKey("seam_wrong_key", { endpoint: server.url });
  await assert.rejects(wrong.customers.createPortal({ customer_data: { customer_key: "x" } }), SeamHttpUnauthorizedError);
});

/**
 * Holds a loopback port, as another program would: resolves with it and a function freeing it.
 * @param {number} [port] 0 for any free one
 */
async function holdPort(port = 0) {
  const holder = createServer();
  await new Promise((resolve, reject) => holder.once("error", reject).listen(port, "127.0.0.1", () => resolve(undefined)));
  return { port: /** @type {import("node:net").AddressInfo} */ (holder.address()).port, free: () => new Promise((resolve) => holder.close(() => resolve(undefined))) };
}

/**
 * Runs `npm start`'s server (server/index.mjs) with `env` until it exits or prints `until`,
 * then stops it (after 10 s at the latest); resolves with its exit code (null when stopped) and output.
 * @param {Record<string, string>} env @param {RegExp} until
 */
function runStart(env, until) {
  const child = spawn(process.execPath, ["server/index.mjs"], { cwd: new URL("../..", import.meta.url), env: { PATH: process.env.PATH, ...env } });
  let stdout = "", stderr = "";
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill(), 10_000);
    // Stopped a moment after: what it prints on the other stream at the same time arrives too.
    const seen = () => (until.test(stdout + stderr) ? setTimeout(() => child.kill(), 300) : undefined);
    child.stdout.on("data", (chunk) => (stdout += chunk, seen()));
    child.stderr.on("data", (chunk) => (stderr += chunk, seen()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test("a taken port: startSeamServer rejects (it used to crash the process), or moves on to the next when asked to", async () => {
  // Two free ports in a row: the first is held, the server is asked to start on it.
  let held, next;
  for (;;) {
    held = await holdPort();
    next = await holdPort(held.port + 1).catch(() => undefined);
    if (next) break;
    await held.free();
  }
  await next.free();
  try {
    const refusal = await startSeamServer({ port: held.port }).then((started) => started.close(), (error) => error);
    assert.ok(refusal instanceof ServerConfigError);
    assert.equal(refusal.message, `port ${held.port} on 127.0.0.1 is already in use, perhaps by an earlier npm start: stop it, or choose another port (PORT=8090 npm start)`);
    const moved = await startSeamServer({ port: held.port, portAttempts: 2 });
    try {
      assert.equal(new URL(moved.url).port, String(held.port + 1));
      assert.equal((await post({ customer_data: { customer_key: "moved" } }, undefined, `${moved.url}/customers/create_portal`)).status, 200);
    } finally {
      await moved.close();
    }
    for (const port of [-1, 65536, 1.5, NaN]) {
      const bad = await startSeamServer({ port }).then((started) => started.close(), (error) => error);
      assert.ok(bad instanceof ServerConfigError, String(port));
      assert.match(bad.message, /^the port must be a whole number from 0 to 65535, not /);
    }
  } finally {
    await held.free();
  }
});

test("npm start's server: a setting it cannot start with is one clear line and exit code 1, never a stack trace", async () => {
  const held = await holdPort();
  try {
    const cases = [
      [{ PORT: String(held.port), HOST: "127.0.0.1" }, `npm start: port ${held.port} on 127.0.0.1 is already in use, perhaps by an earlier npm start: stop it, or choose another port (PORT=8090 npm start)\n`],
      [{ PORT: "eighty" }, 'npm start: PORT must be a port number from 0 to 65535, not "eighty"\n'],
      [{ PORT: "70000" }, 'npm start: PORT must be a port number from 0 to 65535, not "70000"\n'],
      [{ PORT: "0", SEAM_ALLOWED_ORIGINS: "localhost:5173" }, 'npm start: allowedOrigins (SEAM_ALLOWED_ORIGINS for npm start): "localhost:5173" is not an http: or https: origin (such as http://localhost:5173)\n'],
      [{ PORT: "0", SEAM_API_KEY: "seam_k", SEAM_ENDPOINT: "connect.getseam.com" }, "npm start: upstream.endpoint (SEAM_ENDPOINT for npm start) is not an absolute URL\n"],
      // An address of no interface here (TEST-NET-3), and a name that resolves to none (.invalid).
      ...["203.0.113.7", "no-such-host.invalid"].map((host) => [{ PORT: "0", HOST: host },
        `npm start: cannot listen on ${host}: it is not an address or host name of this machine (HOST=localhost, the default, or HOST=0.0.0.0 for every interface)\n`]),
    ];
    for (const [env, message] of cases) {
      const { code, stdout, stderr } = await runStart(/** @type {Record<string, string>} */ (env), /$^/);
      assert.equal(code, 1, JSON.stringify(env));
      assert.equal(stderr, message);
      assert.equal(stdout, "");
    }
  } finally {
    await held.free();
  }
});

test("npm start's server in proxy mode on an address other machines reach warns that they can use the key", async () => {
  const exposed = await runStart({ PORT: "0", HOST: "0.0.0.0", SEAM_API_KEY: "seam_not_sent" }, /warning: .*\n/);
  assert.match(exposed.stdout, /^seam-portal demo: http:\/\/0\.0\.0\.0:\d+\/ \(proxy mode: creating real portals with SEAM_API_KEY\)\n$/);
  assert.equal(exposed.stderr, "warning: HOST=0.0.0.0 in proxy mode: any machine that can reach this server can create real portals with your SEAM_API_KEY through it\n");
  assert.doesNotMatch(exposed.stdout + exposed.stderr, /seam_not_sent/);
  const local = await runStart({ PORT: "0", SEAM_API_KEY: "seam_not_sent" }, /seam-portal demo: .*\n/);
  assert.equal(local.stderr, "");
});

test("npm start's server without PORT moves on from a taken 8080 to the next free port, and says so", async () => {
  // Taken by this test, or already by something else: the same situation for the server.
  const held = await holdPort(8080).catch(() => undefined);
  try {
    const { stdout, stderr } = await runStart({ HOST: "127.0.0.1" }, /seam-portal demo: .*\n/);
    const port = Number(/^port 8080 is in use: serving on (\d+) instead\n/.exec(stdout)?.[1]);
    assert.ok(port > 8080 && port < 8100, stdout + stderr);
    assert.match(stdout, new RegExp(`\nseam-portal demo: http://127\\.0\\.0\\.1:${port}/ \\(offline`));
    assert.equal(stderr, "");
  } finally {
    await held?.free();
  }
});
