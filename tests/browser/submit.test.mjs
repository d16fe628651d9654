// @ts-check
// submit() in headless Chromium, through the packed package: the browser paths (and
// validateJson's bytes, which a browser's TextDecoder decodes when `value` is read).
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { LOCAL_WORKSPACE_ID, startSeamServer } from "../../server/seam-local.mjs";
import { startStaticServer } from "../../server/static.mjs";
import { launch } from "../support/browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pages = mkdtempSync(join(tmpdir(), "seam-portal-browser-"));
writeFileSync(join(pages, "index.html"), `<!doctype html><title>submit</title><link rel="icon" href="data:,">
<script type="module">
  import init, * as portal from "/pkg/index.js";
  await init();
  window.portal = portal;
  document.body.dataset.ready = "yes";
</script>`);
const mounts = { "/pkg/": join(root, "node_modules", "seam-portal"), "/": pages };

/** @type {Awaited<ReturnType<typeof startSeamServer>>} */
let seam;
/** @type {Awaited<ReturnType<typeof startStaticServer>>} */
let otherOrigin;
/** @type {import("playwright-core").Browser} */
let browser;
/** @type {import("playwright-core").Page} */
let page;
/** @type {import("playwright-core").Page} */
let crossPage;

before(async () => {
  seam = await startSeamServer({ mounts, faults: true, log: (l) => process.env.DEBUG_SERVER && console.error(l) });
  otherOrigin = await startStaticServer(mounts);
  browser = await launch();
  page = await browser.newPage();
  await page.goto(`${seam.url}/index.html`);
  await page.waitForFunction(() => document.body.dataset.ready);
  crossPage = await browser.newPage();
  await crossPage.goto(`${otherOrigin.url}/index.html`);
  await crossPage.waitForFunction(() => document.body.dataset.ready);
});
after(async () => {
  await browser?.close();
  await seam?.close();
  await otherOrigin?.close();
});

/**
 * Runs submit in the page; returns the response, or the error's name, code and message.
 * @param {import("playwright-core").Page} on
 * @param {Record<string, unknown>} options
 */
function submitIn(on, options) {
  return on.evaluate(async (options) => {
    const request = { customer_data: { customer_key: "browser_customer" }, locale: "it-IT" };
    try {
      // @ts-ignore: set by the page
      const response = await window.portal.submit(request, options);
      return { ok: true, url: response.customer_portal.url, key: response.customer_portal.customer_key };
    } catch (e) {
      // @ts-ignore
      return { ok: false, name: e.name, code: e.code, message: e.message, isError: e instanceof window.portal.SeamPortalError };
    }
  }, options);
}

test("validateJson takes bytes in the browser too: a fetched body's ArrayBuffer, a Uint8Array; not UTF-8 is refused, saying where", async () => {
  const results = await page.evaluate(async () => {
    // @ts-ignore: set by the page
    const { validateJson } = window.portal;
    const text = JSON.stringify({ customer_data: { customer_key: "café 😀" } });
    const fetched = await new Response(text).arrayBuffer();
    const latin1 = Uint8Array.from('{"customer_data": {"customer_key": "café"}}', (c) => c.charCodeAt(0));
    const message = (/** @type {any} */ r) => (r.ok ? r.value.customer_data.customer_key : r.issues[0].message);
    // `value` is parsed when read, from the bytes as they were validated, not as they are now.
    const mutable = new TextEncoder().encode(text);
    const changed = validateJson(mutable);
    mutable.fill(32);
    return [validateJson(fetched), validateJson(new TextEncoder().encode(text)), changed, validateJson(latin1)].map(message);
  });
  assert.deepEqual(results, ["café 😀", "café 😀", "café 😀", "the text is not valid JSON: it is not UTF-8 (saved as Windows-1252 or Latin-1?) (line 1, column 40)"]);
});

test("a submit whose queueMicrotask throws (as when the stack runs out there) rejects, and later calls still settle", async () => {
  const results = await page.evaluate(async () => {
    // @ts-ignore: set by the page
    const { submit } = window.portal;
    const request = { customer_data: { customer_key: "browser_customer" } };
    const queue = window.queueMicrotask;
    /** @type {Promise<unknown>} */
    let cutShort;
    window.queueMicrotask = () => {
      throw new RangeError("Maximum call stack size exceeded");
    };
    try {
      cutShort = submit(request, { endpoint: "/" });
    } finally {
      window.queueMicrotask = queue;
    }
    const first = await cutShort.then(() => "resolved", (/** @type {Error} */ e) => e.name);
    const later = await Promise.race([
      submit(request, { endpoint: "/" }).then((/** @type {any} */ r) => r.customer_portal.customer_key),
      new Promise((resolve) => setTimeout(resolve, 5000, "hung")),
    ]);
    return [first, later];
  });
  assert.deepEqual(results, ["RangeError", "browser_customer"]);
});

test("without credentials, a relative endpoint (the app's own backend) is resolved against the page", async () => {
  const result = await submitIn(page, { endpoint: "/" });
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.key, "browser_customer");
});

test("an API key in a browser is refused unless dangerouslyAllowBrowser", async () => {
  const refused = await submitIn(page, { apiKey: "seam_local_key", endpoint: "/" });
  assert.equal(refused.name, "SeamInvalidOptionsError");
  assert.ok(refused.isError);
  assert.ok(!String(refused.message).includes("seam_local_key"));
  const personal = await submitIn(page, { personalAccessToken: "seam_at_local_token", workspaceId: "w", endpoint: "/" });
  assert.equal(personal.name, "SeamInvalidOptionsError");
  const allowed = await submitIn(crossPage, { apiKey: "seam_local_key", endpoint: seam.url, dangerouslyAllowBrowser: true });
  assert.equal(allowed.ok, true, `cross-origin, through CORS: ${JSON.stringify(allowed)}`);
});

test("a console session token needs no dangerouslyAllowBrowser: it is the signed-in user's own session", async () => {
  const result = await submitIn(crossPage, { consoleSessionToken: "ey_local_console_session", workspaceId: LOCAL_WORKSPACE_ID, endpoint: seam.url });
  assert.equal(result.ok, true, `cross-origin, through CORS: ${JSON.stringify(result)}`);
  const wrong = await submitIn(crossPage, { consoleSessionToken: "ey_local_console_session", workspaceId: "another", endpoint: seam.url });
  assert.equal(wrong.name, "SeamUnauthorizedError");
});

test("401, timeouts and dropped connections reject with the package's errors", async () => {
  const unauthorized = await submitIn(crossPage, { apiKey: "seam_wrong", endpoint: seam.url, dangerouslyAllowBrowser: true });
  assert.equal(unauthorized.name, "SeamUnauthorizedError");
  seam.faults.push({ delayMs: 500 });
  const slow = await submitIn(page, { endpoint: "/", timeoutMs: 100 });
  assert.equal(slow.name, "SeamTimeoutError");
  // Chromium itself re-sends a request when a reused keep-alive connection dies before any
  // answer, once per idle connection it holds (up to 6 per host): drop all of those attempts.
  seam.faults.push(...Array.from({ length: 10 }, () => ({ drop: true })));
  const dropped = await submitIn(page, { endpoint: "/" });
  seam.faults.length = 0;
  assert.equal(dropped.name, "SeamNetworkError");
  seam.faults.push({ status: 429, headers: { "retry-after": "0" } });
  assert.equal((await submitIn(page, { endpoint: "/" })).ok, true, "retried after 429");
});

test("no credentials and no endpoint is an error in a browser too", async () => {
  const result = await submitIn(page, {});
  assert.equal(result.name, "SeamInvalidOptionsError");
});
