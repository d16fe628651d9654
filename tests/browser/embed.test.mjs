// @ts-check
// embedPortal in headless Chromium, through the packed package.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startStaticServer } from "../../server/static.mjs";
import { launch } from "../support/browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pages = mkdtempSync(join(tmpdir(), "seam-portal-embed-"));
writeFileSync(join(pages, "index.html"), `<!doctype html><title>embed</title><link rel="icon" href="data:,">
<div id="portal"></div>
<script type="module">
  import init, * as portal from "/pkg/index.js";
  await init();
  window.portal = portal;
  document.body.dataset.ready = "yes";
</script>`);
writeFileSync(join(pages, "portal.html"), "<!doctype html><title>a portal</title><p>portal</p>");

/** @type {Awaited<ReturnType<typeof startStaticServer>>} */
let server;
/** @type {import("playwright-core").Browser} */
let browser;
/** @type {import("playwright-core").Page} */
let page;

before(async () => {
  server = await startStaticServer({ "/pkg/": join(root, "node_modules", "seam-portal"), "/": pages });
  browser = await launch();
  page = await browser.newPage();
  await page.goto(`${server.url.replace("127.0.0.1", "localhost")}/index.html`);
  await page.waitForFunction(() => document.body.dataset.ready);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the iframe gets Seam's recommended attributes, and is reused", async () => {
  const result = await page.evaluate((base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const first = embedPortal("#portal", `${base}/portal.html?token=a`, { title: "Your portal", height: "500px" });
    const second = embedPortal(document.getElementById("portal"), { customer_portal: { url: `${base}/portal.html?token=b`, expires_at: "2099-01-01T00:00:00Z" } });
    const frame = second.iframe;
    return {
      same: first.iframe === frame,
      count: document.querySelectorAll("#portal iframe").length,
      allow: frame.getAttribute("allow"),
      title: frame.title,
      width: frame.style.width,
      height: frame.style.height,
      border: frame.style.borderStyle || frame.style.border,
      src: frame.src,
      expiresAt: second.expiresAt,
    };
  }, page.url().replace(/\/index\.html$/, ""));
  assert.equal(result.same, true);
  assert.equal(result.count, 1);
  assert.equal(result.allow, "clipboard-write");
  assert.equal(result.title, "Seam customer portal", "a later call without a title sets the default");
  assert.equal(result.width, "100%");
  assert.equal(result.height, "720px");
  assert.match(result.src, /token=b$/);
  assert.equal(result.expiresAt, "2099-01-01T00:00:00Z");
});

test("unsafe URLs are refused, without repeating them", async () => {
  const errors = await page.evaluate(() => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    return ["javascript:alert(1)//token=SECRET", "data:text/html,SECRET", "http://example.com/?token=SECRET", "/relative?token=SECRET", 42].map((url) => {
      try {
        embedPortal("#portal", url);
        return "embedded";
      } catch (e) {
        // @ts-ignore
        return `${e.name}: ${e.message}`;
      }
    });
  });
  for (const error of errors) {
    assert.match(error, /^SeamInvalidOptionsError: /);
    assert.ok(!error.includes("SECRET"), error);
  }
  const missing = await page.evaluate(() => {
    // @ts-ignore
    try { window.portal.embedPortal("#nowhere", "https://x.example/"); } catch (e) { return e.name; }
  });
  assert.equal(missing, "SeamInvalidOptionsError");
});

test("options of the wrong kind are refused before the page changes, not replaced by defaults", async () => {
  const result = await page.evaluate(() => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const container = document.createElement("div");
    document.body.append(container);
    const link = { customer_portal: { url: "https://portal.example/", expires_at: new Date(Date.now() + 3600_000).toISOString() } };
    const errors = [{ refresh: "https://portal.example/" }, { onRefreshError: true }, { refreshBeforeMs: -1 }, { refreshBeforeMs: NaN }].map((options) => {
      try {
        embedPortal(container, link, options);
        return "embedded";
      } catch (e) {
        // @ts-ignore
        return `${e.name}: ${e.message}`;
      }
    });
    const untouched = container.childElementCount === 0;
    // Absent callbacks (undefined or null) are allowed.
    embedPortal(container, link, { refresh: null, onRefreshError: undefined }).destroy();
    container.remove();
    return { errors, untouched };
  });
  assert.deepEqual(result.errors, [
    "SeamInvalidOptionsError: the embedPortal options are invalid: `refresh` must be a function",
    "SeamInvalidOptionsError: the embedPortal options are invalid: `onRefreshError` must be a function",
    "SeamInvalidOptionsError: the embedPortal options are invalid: `refreshBeforeMs` must be a number of milliseconds, 0 or more",
    "SeamInvalidOptionsError: the embedPortal options are invalid: `refreshBeforeMs` must be a number of milliseconds, 0 or more",
  ]);
  assert.ok(result.untouched, "no iframe was added");
});

test("a look-alike element is refused with SeamInvalidOptionsError, and what Rust held is freed", async () => {
  const result = await page.evaluate(() => {
    // @ts-ignore
    const { embedPortal, wasmMemoryBytes } = window.portal;
    const lookAlikes = [new Proxy(document.createElement("div"), {}), Object.create(Element.prototype), Object.setPrototypeOf(document.createTextNode("t"), Element.prototype)];
    const errors = lookAlikes.map((container) => {
      if (!(container instanceof Element)) return "not a look-alike";
      try {
        embedPortal(container, "https://x.example/");
        return "embedded";
      } catch (e) {
        // @ts-ignore
        return `${e.name}: ${e.message}`;
      }
    });
    // Each refusal returns through Rust, which frees the options it copied: 8 MB of titles
    // would stay in Wasm memory if an exception unwound past it instead.
    const title = "t".repeat(400_000);
    embedPortal(document.createElement("div"), "https://x.example/", { title });
    const before = wasmMemoryBytes();
    for (let i = 0; i < 20; i++) {
      try { embedPortal(lookAlikes[0], "https://x.example/", { title }); } catch { /* refused */ }
    }
    return { errors, grown: wasmMemoryBytes() - before };
  });
  assert.deepEqual(result.errors, Array(3).fill("SeamInvalidOptionsError: the container must be an element or a CSS selector"));
  assert.ok(result.grown < 1 << 20, `Wasm memory grew by ${result.grown} bytes`);
});

test("with a refresh callback, the link is replaced before it expires; destroy() stops it", async () => {
  const result = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    let calls = 0;
    const link = (/** @type {number} */ n, /** @type {number} */ ms) => ({ customer_portal: { url: `${base}/portal.html?token=${n}`, expires_at: new Date(Date.now() + ms).toISOString() } });
    const embed = embedPortal("#portal", link(0, 600), { refresh: async () => link(++calls, 600), refreshBeforeMs: 60000 });
    await new Promise((r) => setTimeout(r, 450));
    const afterFirst = { calls, src: embed.iframe.src };
    await embed.refresh();
    const manual = { calls, src: embed.iframe.src };
    embed.destroy();
    await new Promise((r) => setTimeout(r, 700));
    return { afterFirst, manual, finalCalls: calls, attached: embed.iframe.isConnected };
  }, page.url().replace(/\/index\.html$/, ""));
  assert.equal(result.afterFirst.calls, 1, "refreshed half-way through a short life");
  assert.match(result.afterFirst.src, /token=1$/);
  assert.equal(result.manual.calls, 2);
  assert.match(result.manual.src, /token=2$/);
  assert.equal(result.finalCalls, 2, "no refresh after destroy()");
  assert.equal(result.attached, false);
});

test("a link that lives longer than a timer's 32-bit limit (about 24.8 days) is not refreshed at once", async () => {
  const calls = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    let calls = 0;
    const link = () => ({ customer_portal: { url: `${base}/portal.html?token=long`, expires_at: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString() } });
    const embed = embedPortal("#portal", link(), { refresh: async () => (calls++, link()) });
    await new Promise((r) => setTimeout(r, 300));
    embed.destroy();
    return calls;
  }, page.url().replace(/\/index\.html$/, ""));
  // 30 days is beyond the limit: a browser wraps such a delay to 32 bits, here below 0, and
  // fires at once (Node fires at 1 ms); each new link would then set another such timer.
  assert.equal(calls, 0);
});

test("links that are expired or nearly so when they arrive are not refreshed in a loop", async () => {
  const result = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const link = (/** @type {string} */ token, /** @type {number} */ ms) => ({ customer_portal: { url: `${base}/portal.html?token=${token}`, expires_at: new Date(Date.now() + ms).toISOString() } });
    // A device clock an hour ahead: every link the backend gives looks expired.
    let calls = 0;
    /** @type {unknown[]} */
    const errors = [];
    const skewed = embedPortal("#portal", link("old", -3600_000), { refresh: async () => link(`new${++calls}`, -3600_000), onRefreshError: (/** @type {unknown} */ e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 300));
    const src = skewed.iframe.src;
    const expiresAt = skewed.expiresAt;
    const automaticCalls = calls;
    // Asked for by hand, such a link is shown too, and the call says why nothing follows.
    const manual = await skewed.refresh().then(() => "resolved", (/** @type {any} */ e) => `${e.name}: ${e.message}`);
    const manualSrc = skewed.iframe.src;
    skewed.destroy();
    // A backend whose links live 50 ms: refreshed no more than once a second.
    let shortCalls = 0;
    const short = embedPortal("#portal", link("s", 50), { refresh: async () => link(`s${++shortCalls}`, 50) });
    await new Promise((r) => setTimeout(r, 600));
    short.destroy();
    return {
      calls: automaticCalls,
      src,
      manual,
      manualSrc,
      expired: Date.parse(expiresAt) < Date.now(),
      // @ts-ignore
      errors: errors.map((e) => `${e.name}: ${e.message}`),
      shortCalls,
    };
  }, page.url().replace(/\/index\.html$/, ""));
  assert.equal(result.calls, 1, "the expired link given is replaced once, then no more");
  assert.match(result.src, /token=new1$/, "the refreshed link is shown");
  assert.equal(result.expired, true, "expiresAt is the refreshed link's, as given");
  assert.equal(result.manual, result.errors[0]);
  assert.match(result.manualSrc, /token=new2$/);
  assert.deepEqual(result.errors, ["SeamInvalidOptionsError: the refreshed link's expires_at has already passed by this device's clock (is it wrong?): it is shown, but not refreshed automatically"]);
  assert.equal(result.shortCalls, 1, "refreshed at 25 ms, then not again within a second");
});

test("refresh() takes a value, a promise or any thenable, and rejects when the callback's promise misbehaves", async () => {
  const result = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const link = (/** @type {number} */ n) => ({ customer_portal: { url: `${base}/portal.html?token=${n}`, expires_at: new Date(Date.now() + 3_600_000).toISOString() } });
    const outcome = async (/** @type {() => unknown} */ refresh) => {
      const embed = embedPortal("#portal", link(0), { refresh });
      const settled = await Promise.race([
        embed.refresh().then(() => `ok ${embed.iframe.src.split("token=")[1]}`, (/** @type {any} */ e) => `rejected ${e?.message ?? e}`),
        new Promise((r) => setTimeout(() => r("pending"), 1000)),
      ]);
      embed.destroy();
      return settled;
    };
    const brokenThen = Promise.resolve(link(9));
    brokenThen.then = () => { throw new Error("then threw"); };
    return {
      value: await outcome(() => link(1)),
      promise: await outcome(async () => link(2)),
      thenable: await outcome(() => ({ then: (/** @type {(value: unknown) => void} */ resolve) => resolve(link(3)) })),
      brokenThen: await outcome(() => brokenThen),
      rejecting: await outcome(() => Promise.reject(new Error("backend down"))),
    };
  }, page.url().replace(/\/index\.html$/, ""));
  assert.deepEqual(result, {
    value: "ok 1",
    promise: "ok 2",
    thenable: "ok 3",
    brokenThen: "rejected then threw",
    rejecting: "rejected backend down",
  });
});
