// @ts-check
// submit() through the packed package, against the local Seam-compatible server.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import {
  PortalValidationError,
  SeamApiError,
  SeamInvalidInputError,
  SeamInvalidOptionsError,
  SeamInvalidResponseError,
  SeamInvalidTokenError,
  SeamNetworkError,
  SeamPortalError,
  SeamTimeoutError,
  SeamUnauthorizedError,
  submit,
} from "seam-portal";
import { LOCAL_WORKSPACE_ID, startSeamServer } from "../../server/seam-local.mjs";

const API_KEY = "seam_local_key";
const PAT = "seam_at_local_token";
const CONSOLE_SESSION = "ey_local_console_session";
/** @type {Awaited<ReturnType<typeof startSeamServer>>} */
let server;
/** @type {Array<{ headers: import("node:http").IncomingHttpHeaders, body: string }>} */
let received = [];
/** @type {string[]} */
const logs = [];
/** Every error any test saw, checked for secrets at the end. @type {unknown[]} */
const errors = [];

before(async () => {
  server = await startSeamServer({ faults: true, onRequest: (headers, body) => received.push({ headers, body }), log: (l) => logs.push(l) });
});
after(() => server.close());
beforeEach(() => {
  received = [];
  server.faults.length = 0;
});

const request = () => ({ customer_data: { customer_key: "customer_1", spaces: [{ space_key: "s1", name: "Space 1" }] }, locale: /** @type {const} */ ("fr-FR") });
const options = (/** @type {Record<string, unknown>} */ extra = {}) => ({ apiKey: API_KEY, endpoint: server.url, ...extra });

/**
 * Expects `promise` to reject with an instance of `type`; returns the error.
 * @template {abstract new (...args: any) => any} T
 * @param {Promise<unknown>} promise
 * @param {T} type
 * @returns {Promise<InstanceType<T>>}
 */
async function rejection(promise, type) {
  try {
    await promise;
  } catch (error) {
    errors.push(error);
    assert.ok(error instanceof type, `expected ${type.name}, got ${error}`);
    return /** @type {InstanceType<T>} */ (error);
  }
  assert.fail(`expected ${type.name}, but it resolved`);
}

test("success: the response is checked and returned; the request went as given, with Seam's headers", async () => {
  const body = request();
  const response = await submit(body, options());
  assert.equal(response.ok, true);
  assert.equal(response.customer_portal.customer_key, "customer_1");
  assert.equal(response.customer_portal.workspace_id, LOCAL_WORKSPACE_ID);
  assert.match(response.customer_portal.url, /^http:\/\/localhost:\d+\/portal\//);
  assert.equal(received.length, 1);
  const { headers, body: sent } = received[0];
  assert.equal(headers.authorization, `Bearer ${API_KEY}`);
  assert.equal(headers["content-type"], "application/json");
  assert.equal(headers["seam-sdk-name"], "seam-portal");
  assert.match(String(headers["seam-sdk-version"]), /^\d+\.\d+\.\d+/);
  assert.equal(headers["seam-workspace"], undefined);
  assert.deepEqual(JSON.parse(sent), body, "exactly as given: no defaults filled in");
});

test("a personal access token sends seam-workspace", async () => {
  await submit(request(), { personalAccessToken: PAT, workspaceId: LOCAL_WORKSPACE_ID, endpoint: server.url });
  assert.equal(received[0].headers["seam-workspace"], LOCAL_WORKSPACE_ID);
});

test("a console session token (the spec's console_session_with_workspace) sends seam-workspace, and the environment's keys are not read with it", async () => {
  process.env.SEAM_API_KEY = API_KEY;
  process.env.SEAM_PERSONAL_ACCESS_TOKEN = PAT;
  try {
    await submit(request(), { consoleSessionToken: CONSOLE_SESSION, workspaceId: LOCAL_WORKSPACE_ID, endpoint: server.url });
    assert.equal(received[0].headers.authorization, `Bearer ${CONSOLE_SESSION}`);
    assert.equal(received[0].headers["seam-workspace"], LOCAL_WORKSPACE_ID);
    // The workspace may come from SEAM_WORKSPACE_ID, as for a personal access token.
    process.env.SEAM_WORKSPACE_ID = LOCAL_WORKSPACE_ID;
    assert.equal((await submit(request(), { consoleSessionToken: CONSOLE_SESSION, endpoint: server.url })).ok, true);
    assert.equal(received[1].headers["seam-workspace"], LOCAL_WORKSPACE_ID);
    delete process.env.SEAM_WORKSPACE_ID;
    // Seam (here, the local server) refuses a session used in another workspace.
    await rejection(submit(request(), { consoleSessionToken: CONSOLE_SESSION, workspaceId: "another", endpoint: server.url }), SeamUnauthorizedError);
  } finally {
    delete process.env.SEAM_API_KEY;
    delete process.env.SEAM_PERSONAL_ACCESS_TOKEN;
    delete process.env.SEAM_WORKSPACE_ID;
  }
  // Before anything is sent: no workspace, a token of another kind, two credentials at once.
  received = [];
  /** @type {Error} */
  let error = await rejection(submit(request(), { consoleSessionToken: "eySECRET", endpoint: server.url }), SeamInvalidOptionsError);
  assert.equal(error.message, "consoleSessionToken needs workspaceId (or SEAM_WORKSPACE_ID): a console session acts in one workspace");
  for (const [token, kind] of [["seam_at1_SECRET", "a personal access token"], ["seam_SECRET", "an API key"], ["seam_cst1_SECRET", "a client session token"], ["SECRET", undefined]]) {
    error = await rejection(submit(request(), { consoleSessionToken: token, workspaceId: "w", endpoint: server.url }), SeamInvalidTokenError);
    assert.match(error.message, kind ? new RegExp(`^consoleSessionToken is ${kind}, not a console session token`) : /^consoleSessionToken is not a Seam console session token/);
  }
  error = await rejection(submit(request(), options({ apiKey: "eySECRET" })), SeamInvalidTokenError);
  assert.equal(error.message, "apiKey is a console session token (a JWT), not an API key: pass it as consoleSessionToken, with workspaceId");
  error = await rejection(submit(request(), options({ consoleSessionToken: "eySECRET", workspaceId: "w" })), SeamInvalidOptionsError);
  assert.equal(error.message, "give one of apiKey, personalAccessToken and consoleSessionToken, not several");
  assert.equal(received.length, 0);
});

test("an invalid request rejects with PortalValidationError and nothing is sent", async () => {
  const error = await rejection(submit(/** @type {any} */ ({ locale: "xx" }), options()), PortalValidationError);
  assert.equal(error.issues[0].path, "locale");
  assert.equal(received.length, 0);
});

test("a request whose objects have toJSON (a builder, a date library's date) is refused, not sent as toJSON rewrites it", async () => {
  // JSON.stringify sends what toJSON returns, not the properties validation would read:
  // these all used to validate as valid and then send an invalid body.
  const { PortalRequestBuilder } = await import("seam-portal");
  const builder = new PortalRequestBuilder(" has spaces ");
  const rewritten = { customer_data: { customer_key: "fine" }, toJSON: () => ({ customer_data: { customer_key: " bad " } }) };
  const day = { valueOf: () => 0, toJSON: () => "2025-06-01T00:00:00" };  // no Z: Seam refuses it
  const reservation = { reservation_key: "r", starts_at: day };
  const bodies = [
    [builder, ""],
    [rewritten, ""],
    [{ customer_data: { customer_key: "c", reservations: [reservation] } }, "customer_data.reservations[0].starts_at"],
  ];
  for (const [body, path] of bodies) {
    const error = await rejection(submit(/** @type {any} */ (body), options()), PortalValidationError);
    assert.deepEqual(error.issues.map((i) => [i.path, i.code]), [[path, "invalid_type"]]);
    assert.match(error.issues[0].message, /toJSON/);
  }
  assert.equal(received.length, 0);
});

test("what is sent is what was validated, even when a getter answers differently on a later read", async () => {
  const { withDefaults } = await import("seam-portal");
  // The function in an unknown property makes validation walk the value, reading each
  // property once; serialising reads them again. Before, that second read went out unchecked.
  const changing = () => {
    let reads = 0;
    return { customer_data: { get customer_key() { return ++reads > 2 ? " changed " : "fine"; } }, extra: () => 1 };
  };
  const throwing = () => {
    let reads = 0;
    return { customer_data: { get customer_key() { if (++reads > 2) throw new Error("gone"); return "fine"; } }, extra: () => 1 };
  };
  for (const [make, code] of /** @type {const} */ ([[changing, "leading_or_trailing_whitespace"], [throwing, "unreadable"]])) {
    const error = await rejection(submit(/** @type {any} */ (make()), options()), PortalValidationError);
    assert.deepEqual(error.issues.map((i) => i.code), [code]);
    assert.throws(() => withDefaults(/** @type {any} */ (make())), (/** @type {any} */ e) => e instanceof PortalValidationError && e.issues[0].code === code);
  }
  assert.equal(received.length, 0);
  // Read the same every time, such a value is sent, as JSON.stringify writes it.
  await submit(/** @type {any} */ ({ customer_data: { get customer_key() { return "fine"; } }, extra: () => 1 }), options());
  assert.equal(received[0].body, '{"customer_data":{"customer_key":"fine"}}');
});

test("wrong token kinds are refused before sending, without repeating the token", async () => {
  for (const apiKey of ["seam_cst1_SECRET", "seam_pk1_SECRET", "seam_at1_SECRET", "eyJSECRET.x.y", "SECRET"]) {
    const error = await rejection(submit(request(), options({ apiKey })), SeamInvalidTokenError);
    assert.ok(!error.message.includes("SECRET"));
  }
  await rejection(submit(request(), { personalAccessToken: "seam_SECRET", workspaceId: "w", endpoint: server.url }), SeamInvalidTokenError);
  assert.equal(received.length, 0);
});

test("a credential or workspace id a header cannot carry is refused by name, before sending, without repeating it", async () => {
  for (const bad of ["\n", "\r\nx-injected: 1", "\0", "é"]) {
    /** @type {Error} */
    let error = await rejection(submit(request(), options({ apiKey: `seam_SECRET${bad}` })), SeamInvalidTokenError);
    assert.match(error.message, /^apiKey holds characters an HTTP header cannot carry/);
    assert.ok(!error.message.includes("SECRET"));
    error = await rejection(submit(request(), { personalAccessToken: PAT, workspaceId: `SECRET${bad}`, endpoint: server.url }), SeamInvalidOptionsError);
    assert.match(error.message, /^workspaceId holds characters/);
    assert.ok(!error.message.includes("SECRET"));
  }
  assert.equal(received.length, 0);
});

test("options whose getters or proxies throw reject with SeamInvalidOptionsError naming the option, and nothing is sent", async () => {
  const throwing = () => {
    throw new Error("from the caller's getter");
  };
  let error = await rejection(submit(request(), { ...options(), get timeoutMs() { return throwing(); } }), SeamInvalidOptionsError);
  assert.match(error.message, /^reading the submit option `timeoutMs` threw/);
  error = await rejection(submit(request(), new Proxy(options(), { get: throwing })), SeamInvalidOptionsError);
  assert.match(error.message, /^reading the submit option `apiKey` threw/);
  // A proxy where a string or a number belongs: a type error, described without running its
  // traps (serde-wasm-bindgen's description of a value would run them).
  const trapped = new Proxy({}, { get: throwing, getPrototypeOf: throwing, has: throwing, ownKeys: throwing });
  for (const [name, expected] of [["endpoint", "a string"], ["retries", "a whole number from 0 to 4294967295"], ["timeoutMs", "a number"]]) {
    error = await rejection(submit(request(), options({ [name]: trapped })), SeamInvalidOptionsError);
    assert.equal(error.message, `the submit options are invalid: \`${name}\` must be ${expected}, not an object`);
  }
  const trappedFunction = new Proxy(() => {}, { get: throwing, getPrototypeOf: throwing, has: throwing, ownKeys: throwing });
  error = await rejection(submit(request(), /** @type {any} */ (trappedFunction)), SeamInvalidOptionsError);
  assert.equal(error.message, "the submit options are invalid: they must be an object, not a function");
  error = await rejection(submit(request(), options({ apiKey: trappedFunction })), SeamInvalidOptionsError);
  assert.equal(error.message, "the submit options are invalid: `apiKey` must be a string, not a function");
  assert.equal(received.length, 0);
});

test("an option of the wrong type is named, with the kind of value given but never the value", async () => {
  /** @type {[Record<string, unknown>, string][]} */
  const cases = [
    [{ retries: "SECRET" }, "`retries` must be a whole number from 0 to 4294967295, not a string"],
    [{ retries: -1 }, "`retries` must be a whole number from 0 to 4294967295, not a negative number"],
    [{ retries: 1.5 }, "`retries` must be a whole number from 0 to 4294967295, not a fractional or infinite number"],
    [{ timeoutMs: "SECRET" }, "`timeoutMs` must be a number, not a string"],
    [{ dangerouslyAllowBrowser: "SECRET" }, "`dangerouslyAllowBrowser` must be a boolean, not a string"],
    [{ apiKey: 12345 }, "`apiKey` must be a string, not a number"],
    [{ workspaceId: ["SECRET"] }, "`workspaceId` must be a string, not an object"],
    [{ retries: 2 ** 32 }, "`retries` must be a whole number from 0 to 4294967295, not a number beyond 4294967295"],
    [{ retries: NaN }, "`retries` must be a whole number from 0 to 4294967295, not NaN"],
    [{ timeoutMs: 1000n }, "`timeoutMs` must be a number, not a BigInt"],
    [{ endpoint: Symbol("SECRET") }, "`endpoint` must be a string, not a symbol"],
  ];
  for (const [bad, message] of cases) {
    const error = await rejection(submit(request(), options(bad)), SeamInvalidOptionsError);
    assert.equal(error.message, `the submit options are invalid: ${message}`);
  }
  const error = await rejection(submit(request(), /** @type {any} */ ("SECRET")), SeamInvalidOptionsError);
  assert.equal(error.message, "the submit options are invalid: they must be an object, not a string");
  assert.equal(received.length, 0);
});

test("options set to null or undefined take their defaults; each option is read once, and unknown ones never", async () => {
  const response = await submit(request(), options({ timeoutMs: null, retries: undefined, maxRetryDelayMs: null, signal: null, fetch: null, personalAccessToken: null }));
  assert.equal(response.customer_portal.customer_key, "customer_1");
  /** @type {string[]} */
  const reads = [];
  const counted = new Proxy(options({ notAnOption: 1 }), { get: (target, key, receiver) => (reads.push(String(key)), Reflect.get(target, key, receiver)) });
  await submit(request(), counted);
  assert.deepEqual([...reads].sort(), ["apiKey", "consoleSessionToken", "dangerouslyAllowBrowser", "endpoint", "fetch", "maxRetryDelayMs", "personalAccessToken", "retries", "signal", "timeoutMs", "workspaceId"]);
});

test("a personal access token without a workspace id is an error before sending", async () => {
  const error = await rejection(submit(request(), { personalAccessToken: PAT, endpoint: server.url }), SeamInvalidOptionsError);
  assert.match(error.message, /workspaceId/);
  assert.equal(received.length, 0);
});

test("no credentials for Seam's own endpoint is an error; a custom endpoint without credentials is allowed", async () => {
  await rejection(submit(request(), {}), SeamInvalidOptionsError);
  const response = await submit(request(), { endpoint: server.url });
  assert.equal(response.ok, true);
  assert.equal(received[0].headers.authorization, undefined);
});

test("401: SeamUnauthorizedError with the request id", async () => {
  const error = await rejection(submit(request(), options({ apiKey: "seam_unknown_SECRET" })), SeamUnauthorizedError);
  assert.ok(error instanceof SeamApiError && error instanceof SeamPortalError && error instanceof Error);
  assert.equal(error.statusCode, 401);
  assert.equal(error.code, "unauthorized");
  assert.match(error.requestId, /^[0-9a-f-]{36}$/);
});

test("400 invalid_input: nested validation_errors are flattened", async () => {
  server.faults.push({ status: 400, body: { error: { type: "invalid_input", message: "Invalid input", validation_errors: {
    _errors: [], customer_data: { _errors: [], spaces: { _errors: [], 0: { _errors: [], space_key: { _errors: ["Must not have leading or trailing whitespace"] } } } } } } } });
  const error = await rejection(submit(request(), options()), SeamInvalidInputError);
  assert.equal(error.code, "invalid_input");
  assert.equal(error.statusCode, 400);
  assert.deepEqual(error.validationErrors, [{ path: "customer_data.spaces[0].space_key", messages: ["Must not have leading or trailing whitespace"] }]);
});

test("an error's data reaches the SeamApiError as JSON.parse reads it", async () => {
  const data = { limit: 5, keys: ["a", "b"], nested: { ok: null, big: 1e21 } };
  server.faults.push({ status: 409, body: { error: { type: "conflict", message: "Already exists", data } } });
  const error = await rejection(submit(request(), options()), SeamApiError);
  assert.equal(error.code, "conflict");
  assert.equal(error.message, "Already exists");
  assert.deepEqual(error.data, data);
  server.faults.push({ status: 409, body: { error: { type: "conflict", message: "No data", data: null } } });
  assert.equal((await rejection(submit(request(), options()), SeamApiError)).data, undefined);
});

test("429 then 200 honours Retry-After, in seconds and as a date", async () => {
  server.faults.push({ status: 429, headers: { "retry-after": "1" } });
  let started = Date.now();
  assert.equal((await submit(request(), options())).ok, true);
  assert.ok(Date.now() - started >= 900, "waited for Retry-After");
  assert.equal(received.length, 2);
  server.faults.push({ status: 429, headers: { "retry-after": new Date(Date.now() + 1500).toUTCString() } });
  started = Date.now();
  assert.equal((await submit(request(), options())).ok, true);
  assert.ok(Date.now() - started >= 400);
});

test("a Retry-After beyond the cap ends the retries at once", async () => {
  server.faults.push({ status: 429, headers: { "retry-after": "3600" } });
  const error = await rejection(submit(request(), options()), SeamApiError);
  assert.equal(error.statusCode, 429);
  assert.equal(received.length, 1);
});

test("maxRetryDelayMs: Infinity sets no limit; a negative number or NaN is refused, not replaced by the default", async () => {
  for (const maxRetryDelayMs of [-1, NaN]) {
    const error = await rejection(submit(request(), options({ maxRetryDelayMs })), SeamInvalidOptionsError);
    assert.match(error.message, /maxRetryDelayMs must be a number of milliseconds, 0 or more/);
  }
  assert.equal(received.length, 0);
  // An hour's Retry-After, which the default limit would end at once (above), is waited out:
  // the call ends only when the caller aborts it, after the one attempt.
  server.faults.push({ status: 429, headers: { "retry-after": "3600" } });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  await assert.rejects(submit(request(), options({ signal: controller.signal, maxRetryDelayMs: Infinity })), (e) => e instanceof Error && e.name === "AbortError");
  assert.equal(received.length, 1);
});

test("503 three times: two retries, then SeamApiError", async () => {
  server.faults.push({ status: 503 }, { status: 503 }, { status: 503 });
  const error = await rejection(submit(request(), options()), SeamApiError);
  assert.equal(error.statusCode, 503);
  assert.equal(received.length, 3);
});

test("retries: 0 sends once", async () => {
  server.faults.push({ status: 503 });
  await rejection(submit(request(), options({ retries: 0 })), SeamApiError);
  assert.equal(received.length, 1);
});

test("500 is not retried", async () => {
  server.faults.push({ status: 500, body: { error: { type: "internal_server_error", message: "Boom" } } });
  const error = await rejection(submit(request(), options()), SeamApiError);
  assert.equal(error.code, "internal_server_error");
  assert.equal(received.length, 1);
});

test("a slow answer is a SeamTimeoutError, not retried", async () => {
  server.faults.push({ delayMs: 400 });
  const error = await rejection(submit(request(), options({ timeoutMs: 100 })), SeamTimeoutError);
  assert.equal(error.timeoutMs, 100);
  assert.match(error.message, /^no answer from http:\/\/[^ ]+\/customers\/create_portal within 100 ms$/);
  assert.equal(received.length, 1);
});

test("waits beyond a timer's 32-bit limit (about 24.8 days) are kept, not cut to nothing", async () => {
  // A timer of more than 2^31 - 1 ms fires at once: the 40-day limit would time out this
  // 200 ms answer.
  server.faults.push({ delayMs: 200 });
  const days = 24 * 3600 * 1000;
  assert.equal((await submit(request(), options({ timeoutMs: 40 * days }))).ok, true);
  // A 30-day Retry-After under a 40-day cap is waited out, not retried at once: the call ends
  // only when the caller aborts it, after the one attempt.
  server.faults.push({ status: 503, headers: { "retry-after": String(30 * 24 * 3600) } });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  await assert.rejects(submit(request(), options({ signal: controller.signal, maxRetryDelayMs: 40 * days })), (e) => e instanceof Error && e.name === "AbortError");
  assert.equal(received.length, 2);
});

test("a caller's abort rejects with the signal's reason, distinct from a timeout", async () => {
  server.faults.push({ delayMs: 400 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(submit(request(), options({ signal: controller.signal })), (e) => {
    errors.push(e);
    return e instanceof Error && e.name === "AbortError" && !(e instanceof SeamTimeoutError);
  });
  const reason = new Error("user left the page");
  await assert.rejects(submit(request(), options({ signal: AbortSignal.abort(reason) })), (e) => e === reason);
  // An abort during a retry's backoff ends the wait.
  server.faults.push({ status: 503, headers: { "retry-after": "5" } });
  const late = new AbortController();
  setTimeout(() => late.abort(), 200);
  const started = Date.now();
  await assert.rejects(submit(request(), options({ signal: late.signal })), (e) => e instanceof Error && e.name === "AbortError");
  assert.ok(Date.now() - started < 4000);
});

test("a signal shared by more than 10 calls in flight raises no listener-leak warning, and each call removes its listener", async () => {
  // Node warns of a "possible EventTarget memory leak" past 10 listeners; one signal for a
  // page's or a batch's calls is no leak. (Node's fetch raises the limit the same way.)
  /** @type {Error[]} */
  const warnings = [];
  const onWarning = (/** @type {Error} */ warning) => warnings.push(warning);
  process.on("warning", onWarning);
  try {
    const controller = new AbortController();
    const calls = Array.from({ length: 20 }, () => submit(request(), options({ signal: controller.signal })));
    assert.equal((await Promise.all(calls)).length, 20);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(warnings.map((w) => w.name), []);
    const { EventEmitter } = await import("node:events");
    assert.equal(EventEmitter.getEventListeners(controller.signal, "abort").length, 0);
  } finally {
    process.off("warning", onWarning);
  }
});

test("a look-alike signal whose getters throw rejects the call, and the process lives", async () => {
  const throwing = () => { throw new Error("SECRET from a getter"); };
  // Passes `instanceof AbortSignal`, then throws on every read.
  const fake = new Proxy({}, { getPrototypeOf: () => AbortSignal.prototype, get: throwing });
  const error = await rejection(submit(request(), options({ signal: fake })), SeamInvalidOptionsError);
  assert.match(error.message, /signal\.aborted/);
  // A real signal whose reason cannot be read, aborted while the call waits for an answer.
  server.faults.push({ delayMs: 400 });
  const controller = new AbortController();
  const real = controller.signal;
  const reasonThrows = new Proxy(real, {
    get: (target, key) => {
      if (key === "reason") throwing();
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(submit(request(), options({ signal: reasonThrows })), (e) => {
    errors.push(e);
    return e instanceof Error && e.name === "AbortError" && /reason/.test(e.message);
  });
});

test("a dropped connection is a SeamNetworkError, not retried", async () => {
  server.faults.push({ drop: true });
  const error = await rejection(submit(request(), options()), SeamNetworkError);
  assert.equal(error.code, "network_error");
  assert.equal(received.length, 1);
  await rejection(submit(request(), options({ endpoint: "http://127.0.0.1:9" })), SeamNetworkError);
});

test("an HTML 502 is a SeamInvalidResponseError with the status", async () => {
  server.faults.push({ status: 502, body: "<html><body>Bad gateway</body></html>" });
  const error = await rejection(submit(request(), options()), SeamInvalidResponseError);
  assert.equal(error.statusCode, 502);
  assert.match(error.message, /text\/html/);
});

test("a 200 with missing fields, or an unsafe URL, is a SeamInvalidResponseError", async () => {
  const portal = { url: "https://x.example/p?token=SECRET", customer_key: "c", expires_at: "2025-06-01T00:00:00Z", workspace_id: LOCAL_WORKSPACE_ID, created_at: "2025-06-01T00:00:00Z" };
  const { workspace_id: _, ...missing } = portal;
  for (const customer_portal of [missing, { ...portal, url: "javascript:alert(document.cookie)//?token=SECRET" }, { ...portal, url: "data:text/html,SECRET" }, { ...portal, url: "http://evil.example/?token=SECRET" }]) {
    server.faults.push({ status: 200, body: { customer_portal, magic_link: customer_portal, ok: true } });
    const error = await rejection(submit(request(), options()), SeamInvalidResponseError);
    assert.equal(error.statusCode, 200);
    assert.ok(!error.message.includes("SECRET"), error.message);
  }
  server.faults.push({ status: 200, body: "not json" });
  await rejection(submit(request(), options()), SeamInvalidResponseError);
});

test("in Node, SEAM_API_KEY and SEAM_ENDPOINT (or SEAM_API_URL) are read when the options omit them", async () => {
  process.env.SEAM_API_KEY = API_KEY;
  process.env.SEAM_ENDPOINT = server.url;
  try {
    assert.equal((await submit(request())).ok, true);
    assert.equal(received[0].headers.authorization, `Bearer ${API_KEY}`);
    // SEAM_API_URL, the older name Seam's SDK still reads, when SEAM_ENDPOINT is not set.
    delete process.env.SEAM_ENDPOINT;
    process.env.SEAM_API_URL = server.url;
    assert.equal((await submit(request())).ok, true);
    assert.equal(received.length, 2);
    process.env.SEAM_ENDPOINT = server.url;
    process.env.SEAM_API_URL = "https://unused.example";
    assert.equal((await submit(request())).ok, true);
    assert.equal(received.length, 3);
    process.env.SEAM_PERSONAL_ACCESS_TOKEN = PAT;
    await rejection(submit(request()), SeamInvalidOptionsError);
  } finally {
    delete process.env.SEAM_API_KEY;
    delete process.env.SEAM_ENDPOINT;
    delete process.env.SEAM_API_URL;
    delete process.env.SEAM_PERSONAL_ACCESS_TOKEN;
  }
});

test("an empty environment variable counts as unset, and an environment whose reads throw (as Deno's without permission) as empty", async () => {
  process.env.SEAM_API_KEY = "";
  try {
    // No credentials, then: refused for Seam's endpoint, allowed for a backend of one's own.
    await rejection(submit(request()), SeamInvalidOptionsError);
    assert.equal((await submit(request(), { endpoint: server.url })).ok, true);
    assert.equal(received[0].headers.authorization, undefined);
  } finally {
    delete process.env.SEAM_API_KEY;
  }
  const env = process.env;
  process.env = new Proxy(env, { get: () => { throw new Error("PermissionDenied: env access"); } });
  try {
    assert.equal((await submit(request(), { endpoint: server.url })).ok, true);
    assert.equal(received[1].headers.authorization, undefined);
  } finally {
    process.env = env;
  }
});

test("a custom fetch is used, called as fetch(url, init) with the request's JSON text", async () => {
  /** @type {[unknown, RequestInit][]} */
  const calls = [];
  /** @type {(url: string, init: RequestInit) => Promise<Response>} */
  const fetchSpy = (url, init) => {
    calls.push([url, init]);
    return fetch(url, init);
  };
  const body = request();
  assert.equal((await submit(body, options({ fetch: fetchSpy }))).ok, true);
  assert.equal(calls.length, 1);
  const [url, init] = calls[0];
  assert.equal(url, `${server.url}/customers/create_portal`);
  assert.equal(init.method, "POST");
  assert.equal(init.body, JSON.stringify(body));
  assert.ok(init.signal instanceof AbortSignal);
  assert.equal(init.signal.aborted, false);
  const headers = /** @type {Record<string, string>} */ (init.headers);
  assert.match(headers["seam-sdk-version"], /^\d+\.\d+\.\d+/);
  assert.deepEqual(headers, {
    "content-type": "application/json",
    accept: "application/json",
    "seam-sdk-name": "seam-portal",
    "seam-sdk-version": headers["seam-sdk-version"],
    authorization: `Bearer ${API_KEY}`,
  });
  // Each call has headers of its own: one call's credentials never reach another's.
  await submit(body, { ...options({ fetch: fetchSpy }), apiKey: undefined, personalAccessToken: PAT, workspaceId: LOCAL_WORKSPACE_ID });
  assert.equal(/** @type {Record<string, string>} */ (calls[1][1].headers).authorization, `Bearer ${PAT}`);
  assert.equal(/** @type {Record<string, string>} */ (calls[1][1].headers)["seam-workspace"], LOCAL_WORKSPACE_ID);
  assert.notEqual(calls[1][1].headers, calls[0][1].headers);
  assert.equal(/** @type {Record<string, string>} */ (calls[0][1].headers)["seam-workspace"], undefined);
  await rejection(submit(request(), options({ fetch: async () => "not a response" })), SeamInvalidResponseError);
  await rejection(submit(request(), options({ endpoint: "/relative" })), SeamInvalidOptionsError);
  await rejection(submit(request(), options({ timeoutMs: -1 })), SeamInvalidOptionsError);
});

test("the request and options are read during the call, and fetch is called before it returns: changing them afterwards changes nothing sent", async () => {
  let fetchCalls = 0;
  /** @type {(url: string, init: RequestInit) => Promise<Response>} */
  const fetchSpy = (url, init) => (fetchCalls++, fetch(url, init));
  const body = request();
  const sentText = JSON.stringify(body);
  const opts = options({ fetch: fetchSpy });
  const pending = submit(body, opts);
  assert.equal(fetchCalls, 1, "fetch is called within submit's call");
  // A caller reusing its objects at once: the request made invalid, the credentials replaced.
  body.customer_data.customer_key = "";
  opts.apiKey = "seam_other_key";
  const response = await pending;
  assert.equal(response.customer_portal.customer_key, "customer_1");
  assert.equal(received.length, 1);
  assert.equal(received[0].body, sentText);
  assert.equal(received[0].headers.authorization, `Bearer ${API_KEY}`);
  // Failures found before sending are rejections too, never a throw out of the call.
  const invalid = submit({ locale: /** @type {any} */ ("xx-XX") }, options());
  assert.ok(invalid instanceof Promise);
  await rejection(invalid, PortalValidationError);
  await rejection(submit(request(), { endpoint: "not a url" }), SeamInvalidOptionsError);
});

test("/customers/create_portal is appended to the endpoint's path, keeping its query and dropping its fragment", async () => {
  /** @type {string[]} */
  const urls = [];
  const fetch = async (/** @type {string} */ url) => (urls.push(url), new Response("{}", { status: 500 }));
  for (const endpoint of ["https://x.example", "https://x.example/", "https://x.example/base?v=1", "https://x.example/base//#part", "https://x.example/a%20b/?q=1&r=2#f"]) {
    await rejection(submit(request(), { apiKey: API_KEY, endpoint, fetch, retries: 0 }), SeamInvalidResponseError);
  }
  assert.deepEqual(urls, [
    "https://x.example/customers/create_portal",
    "https://x.example/customers/create_portal",
    "https://x.example/base/customers/create_portal?v=1",
    "https://x.example/base/customers/create_portal",
    "https://x.example/a%20b/customers/create_portal?q=1&r=2",
  ]);
});

test("a custom fetch's answer that is not a Response, or whose reads throw, rejects with SeamInvalidResponseError", async () => {
  const throwing = () => { throw new Error("SECRET from a getter"); };
  const trap = () => new Proxy({}, { get: throwing, has: throwing, getPrototypeOf: throwing });
  const body = JSON.stringify({ customer_portal: { url: "https://x.example/p", customer_key: "c", expires_at: "2030-01-01T00:00:00Z",
    workspace_id: LOCAL_WORKSPACE_ID, created_at: "2025-01-01T00:00:00Z" }, ok: true });
  const headers = new Headers({ "content-type": "application/json" });
  const text = async () => body;
  /** @type {Record<string, unknown>} */
  const answers = {
    "a string": "not a response",
    "no status": { text, headers },
    "a fractional status": { status: 200.5, text, headers },
    "a status getter that throws": { get status() { return throwing(); }, text, headers },
    "headers that are a throwing proxy": { status: 200, text, headers: trap() },
    "a headers.get that throws": { status: 200, text, headers: { get: throwing } },
    "a text that is not a function": { status: 200, text: "{}", headers },
  };
  for (const [what, answer] of Object.entries(answers)) {
    const error = await rejection(submit(request(), options({ fetch: async () => answer })), SeamInvalidResponseError);
    assert.match(error.message, /not a Response/, what);
  }
  // A text() that throws or rejects is an answer cut short, as when a connection drops.
  for (const text of [throwing, async () => throwing()]) {
    await rejection(submit(request(), options({ fetch: async () => ({ status: 200, text, headers }) })), SeamNetworkError);
  }
  // A look-alike that reads well is used as a Response.
  const response = await submit(request(), options({ fetch: async () => ({ status: 200, text, headers }) }));
  assert.equal(response.customer_portal.url, "https://x.example/p");
});

test("an endpoint fetch cannot send to is refused before anything is sent, without quoting it", async () => {
  for (const endpoint of ["https://user:SECRET@example.com", "https://:SECRET@example.com", "ftp://example.com/SECRET", "data:text/plain,SECRET"]) {
    let called = false;
    const error = await rejection(submit(request(), options({ endpoint, fetch: async () => { called = true; return new Response("{}"); } })), SeamInvalidOptionsError);
    assert.match(error.message, /endpoint must/);
    assert.equal(called, false, endpoint);
  }
  // The endpoint resolved last is remembered, and a different one is used as soon as it is given.
  /** @type {string[]} */
  const seen = [];
  /** @type {(url: string, init: RequestInit) => Promise<Response>} */
  const recorder = async (url, init) => { seen.push(url); return fetch(url.replace("http://other.example", server.url), init); };
  await submit(request(), options({ fetch: recorder }));
  await rejection(submit(request(), options({ fetch: recorder, endpoint: "https://user:SECRET@example.com" })), SeamInvalidOptionsError);
  await submit(request(), options({ fetch: recorder, endpoint: "http://other.example" }));
  await submit(request(), options({ fetch: recorder }));
  assert.deepEqual(seen, [`${server.url}/customers/create_portal`, "http://other.example/customers/create_portal", `${server.url}/customers/create_portal`]);
});

test("no secret appears in any error's message or stack, nor in the server's log", () => {
  assert.ok(errors.length >= 20, `${errors.length} errors seen`);
  for (const error of errors) {
    const text = `${/** @type {Error} */ (error).message}\n${/** @type {Error} */ (error).stack}`;
    for (const secret of [API_KEY, PAT, CONSOLE_SESSION, "SECRET", "token="]) assert.ok(!text.includes(secret), `${secret} in: ${text}`);
  }
  assert.ok(logs.length > 0);
  for (const line of logs) assert.ok(!line.includes(API_KEY) && !line.includes("token="), line);
});
