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
    // A height the page cannot read was dropped by `style.height`, leaving the browser's 150px.
    const errors = [{ refresh: "https://portal.example/" }, { onRefreshError: true }, { refreshBeforeMs: -1 }, { refreshBeforeMs: NaN },
      { height: "100px; background: red" }, { height: "" }, { height: "tall" }].map((options) => {
      try {
        embedPortal(container, link, options);
        return "embedded";
      } catch (e) {
        // @ts-ignore
        return `${e.name}: ${e.message}`;
      }
    });
    const untouched = container.childElementCount === 0;
    // Absent callbacks (undefined or null) are allowed; so is any height CSS reads.
    embedPortal(container, link, { refresh: null, onRefreshError: undefined }).destroy();
    const heights = ["80vh", "50%", "0"].map((height) => {
      const embed = embedPortal(container, link, { height });
      const shown = embed.iframe.style.height;
      embed.destroy();
      return shown;
    });
    container.remove();
    return { errors, untouched, heights };
  });
  assert.deepEqual(result.heights, ["80vh", "50%", "0px"]);
  assert.deepEqual(result.errors, [
    "SeamInvalidOptionsError: the embedPortal options are invalid: `refresh` must be a function",
    "SeamInvalidOptionsError: the embedPortal options are invalid: `onRefreshError` must be a function",
    "SeamInvalidOptionsError: the embedPortal options are invalid: `refreshBeforeMs` must be a number of milliseconds, 0 or more",
    "SeamInvalidOptionsError: the embedPortal options are invalid: `refreshBeforeMs` must be a number of milliseconds, 0 or more",
    ...Array(3).fill("SeamInvalidOptionsError: the embedPortal options are invalid: `height` must be a CSS height, such as \"720px\" or \"80vh\""),
  ]);
  assert.ok(result.untouched, "no iframe was added");
});

test("an expires_at that is not a date-time string is refused, not taken as unknown (which would leave the link unrenewed)", async () => {
  const result = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const container = document.createElement("div");
    document.body.append(container);
    const url = `${base}/portal.html?token=1`;
    const refresh = () => ({ customer_portal: { url: `${base}/portal.html?token=2`, expires_at: Date.now() + 3_600_000 } });
    const throwing = Object.defineProperty({ url }, "expires_at", { get() { throw new Error("getter"); } });
    const refused = [{ url, expires_at: Date.now() + 3_600_000 }, { url, expires_at: new Date(Date.now() + 3_600_000) }, { url, expires_at: "in an hour" }, throwing].map((portal) => {
      try {
        embedPortal(container, { customer_portal: portal }, { refresh });
        return "embedded";
      } catch (e) {
        // @ts-ignore
        return `${e.name}: ${e.message}`;
      }
    });
    const untouched = container.childElementCount === 0;
    // Absent (undefined or null) is unknown: shown, and not renewed.
    const unknown = [undefined, null].map((expiry) => {
      const embed = embedPortal(container, { customer_portal: { url, expires_at: expiry } });
      const shown = embed.expiresAt;
      embed.destroy();
      return shown;
    });
    // A refresh that answers with such an expiry fails, and the link shown stays.
    const embed = embedPortal(container, { customer_portal: { url, expires_at: new Date(Date.now() + 3_600_000).toISOString() } }, { refresh });
    const refreshed = await embed.refresh().then(() => "ok", (/** @type {any} */ e) => `${e.name}: ${e.message}`);
    const src = embed.iframe.src.split("token=")[1];
    embed.destroy();
    container.remove();
    return { refused, untouched, unknown, refreshed, src };
  }, page.url().replace(/\/index\.html$/, ""));
  const notADateTime = "SeamInvalidOptionsError: the portal's expires_at must be a date-time string, such as \"2025-06-01T15:00:00.000Z\" (not a Date or a number)";
  assert.deepEqual(result.refused, [notADateTime, notADateTime, notADateTime, "SeamInvalidOptionsError: reading the portal's expires_at threw an exception (a getter or a proxy)"]);
  assert.ok(result.untouched, "no iframe was added");
  assert.deepEqual(result.unknown, [undefined, undefined]);
  assert.equal(result.refreshed, notADateTime);
  assert.equal(result.src, "1");
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
    // By hand after destroy(): resolves, and asks the backend for nothing.
    const afterDestroy = await embed.refresh().then(() => "resolved");
    return { afterFirst, manual, finalCalls: calls, attached: embed.iframe.isConnected, afterDestroy };
  }, page.url().replace(/\/index\.html$/, ""));
  assert.equal(result.afterFirst.calls, 1, "refreshed half-way through a short life");
  assert.match(result.afterFirst.src, /token=1$/);
  assert.equal(result.manual.calls, 2);
  assert.match(result.manual.src, /token=2$/);
  assert.equal(result.finalCalls, 2, "no refresh after destroy(), automatic or by hand");
  assert.equal(result.afterDestroy, "resolved");
  assert.equal(result.attached, false);
});

test("a portal whose handle is dropped and collected keeps its link fresh; it stops once the iframe has left the page, and refresh() starts it again", async () => {
  const base = page.url().replace(/\/index\.html$/, "");
  await page.evaluate((base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const container = document.createElement("div");
    container.id = "dropped";
    document.body.append(container);
    // @ts-ignore
    const seen = (window.dropped = { calls: 0 });
    const link = (/** @type {number} */ n) => ({ customer_portal: { url: `${base}/portal.html?token=${n}`, expires_at: new Date(Date.now() + 3000).toISOString() } });
    // No variable keeps the handle: only the page (its iframe) and the schedule hold the portal.
    embedPortal(container, link(0), { refresh: async () => link(++seen.calls) });
  }, base);
  // Collected, and its finalizer run, long before the refresh is due (at 1.5 s): held weakly,
  // as it was, the schedule stopped with the handle.
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < 3; i++) {
    await cdp.send("HeapProfiler.collectGarbage");
    await new Promise((r) => setTimeout(r, 50));
  }
  await cdp.detach();
  const result = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    // @ts-ignore
    const seen = window.dropped;
    const frame = /** @type {HTMLIFrameElement} */ (document.querySelector("#dropped iframe"));
    await new Promise((r) => setTimeout(r, 1700));
    const dropped = { calls: seen.calls, src: frame.src.split("token=")[1] };
    document.getElementById("dropped")?.remove();
    // Removed from the page: its next refresh (1.5 s after the last) finds it gone.
    await new Promise((r) => setTimeout(r, 1500));
    const removedCalls = seen.calls;
    // Kept by the page elsewhere (say, a cached view) and shown again: refresh() by hand
    // renews it and schedules the next.
    const container = document.createElement("div");
    document.body.append(container);
    let calls = 0;
    const link = (/** @type {number} */ n) => ({ customer_portal: { url: `${base}/portal.html?token=kept${n}`, expires_at: new Date(Date.now() + 1000).toISOString() } });
    const kept = embedPortal(container, link(0), { refresh: async () => link(++calls) });
    kept.iframe.remove();
    await new Promise((r) => setTimeout(r, 700));
    const detachedCalls = calls;
    container.append(kept.iframe);
    await kept.refresh();
    // The next is half-way through the new link's life, but a second after the last at least.
    await new Promise((r) => setTimeout(r, 1400));
    const afterShownAgain = calls;
    kept.destroy();
    container.remove();
    return { dropped, removedCalls, detachedCalls, afterShownAgain, src: kept.iframe.src.split("token=")[1] };
  }, base);
  assert.equal(result.dropped.calls, 1, "refreshed after its handle was collected");
  assert.equal(result.dropped.src, "1");
  assert.equal(result.removedCalls, 1, "not refreshed once its iframe left the page");
  assert.equal(result.detachedCalls, 0, "not refreshed while its iframe is out of the page");
  assert.equal(result.afterShownAgain, 2, "refresh() by hand, then the schedule again");
  assert.equal(result.src, "kept2");
});

test("a later embedPortal in the same container takes the iframe over: the earlier portal stops, and its destroy() leaves the iframe", async () => {
  const result = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const container = document.createElement("div");
    document.body.append(container);
    let calls = 0;
    const first = embedPortal(container, { customer_portal: { url: `${base}/portal.html?token=first`, expires_at: new Date(Date.now() + 600).toISOString() } }, {
      refresh: async () => ({ customer_portal: { url: `${base}/portal.html?token=first${++calls}`, expires_at: new Date(Date.now() + 600).toISOString() } }),
    });
    const second = embedPortal(container, `${base}/portal.html?token=second`);
    await new Promise((r) => setTimeout(r, 600));
    const scheduled = { calls, src: second.iframe.src.split("token=")[1] };
    // By hand, the earlier portal asks its backend for nothing (a link nobody would see).
    await first.refresh();
    first.destroy();
    const afterFirst = { calls, src: second.iframe.src.split("token=")[1], attached: second.iframe.isConnected, same: first.iframe === second.iframe };
    second.destroy();
    const removed = !second.iframe.isConnected;
    container.remove();
    return { scheduled, afterFirst, removed };
  }, page.url().replace(/\/index\.html$/, ""));
  assert.deepEqual(result.scheduled, { calls: 0, src: "second" }, "the first portal's schedule did not put its link back");
  assert.deepEqual(result.afterFirst, { calls: 0, src: "second", attached: true, same: true });
  assert.equal(result.removed, true, "the portal that shows the iframe removes it");
});

test("a portal taken over by a later embedPortal is let go at once, not when its refresh would fall due", async () => {
  await page.evaluate((base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const container = document.createElement("div");
    container.id = "superseded";
    document.body.append(container);
    // @ts-ignore
    const seen = (window.superseded = { released: [] });
    // @ts-ignore
    window.supersededWatch = new FinalizationRegistry((/** @type {string} */ name) => seen.released.push(name));
    const link = (/** @type {string} */ token) => ({ customer_portal: { url: `${base}/portal.html?token=${token}`, expires_at: new Date(Date.now() + 3_600_000).toISOString() } });
    // Neither handle is kept. The first portal's renewal would fall due in 59 minutes: taken
    // over, it lets go of its callback now, not then.
    const first = async () => link("first-again");
    const second = async () => link("second-again");
    // @ts-ignore
    window.supersededWatch.register(first, "first");
    // @ts-ignore
    window.supersededWatch.register(second, "second");
    embedPortal(container, link("first"), { refresh: first });
    embedPortal(container, link("second"), { refresh: second });
  }, page.url().replace(/\/index\.html$/, ""));
  const cdp = await page.context().newCDPSession(page);
  /** @type {{ released: string[], src?: string }} */
  let seen = { released: [] };
  // The handles are collected and their finalizers run, then the callbacks Rust released.
  for (let i = 0; i < 10 && !seen.released.includes("first"); i++) {
    await cdp.send("HeapProfiler.collectGarbage");
    await new Promise((r) => setTimeout(r, 50));
    // @ts-ignore
    seen = await page.evaluate(() => ({ released: [...window.superseded.released], src: document.querySelector("#superseded iframe")?.src.split("token=")[1] }));
  }
  await cdp.detach();
  assert.deepEqual(seen, { released: ["first"], src: "second" }, "the superseded portal's callback was released; the portal shown keeps its schedule");
  await page.evaluate(() => document.getElementById("superseded")?.remove());
});

test("taking over the iframe of a portal whose renewal timer has fired, was cancelled or was replaced runs none of its released callbacks", async () => {
  /** @type {string[]} */
  const pageErrors = [];
  const listen = (/** @type {Error} */ e) => pageErrors.push(String(e));
  page.on("pageerror", listen);
  const result = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const link = (/** @type {string} */ token, /** @type {number} */ ms) => ({ customer_portal: { url: `${base}/portal.html?token=${token}`, expires_at: new Date(Date.now() + ms).toISOString() } });
    const container = document.createElement("div");
    document.body.append(container);
    const calls = { fired: 0, cancelled: 0, replaced: 0 };
    // Fired: its renewal falls due half-way through a 0.5 s link and brings one already
    // expired, which ends the schedule.
    embedPortal(container, link("fired", 500), { refresh: async () => (calls.fired++, link("fired-again", -1000)), onRefreshError: () => {} });
    await new Promise((r) => setTimeout(r, 600));
    // Cancelled: a refresh() by hand brings an expired link, which stops the pending timer.
    const cancelled = embedPortal(container, link("cancelled", 3_600_000), { refresh: async () => (calls.cancelled++, link("cancelled-again", -1000)) });
    const refusal = await cancelled.refresh().then(() => "resolved", (/** @type {any} */ e) => e.name);
    // Replaced: a refresh() by hand schedules the next renewal with a new timer.
    const replaced = embedPortal(container, link("replaced", 3_600_000), { refresh: async () => (calls.replaced++, link("replaced-again", 3_600_000)) });
    await replaced.refresh();
    const last = embedPortal(container, link("last", 3_600_000));
    await new Promise((r) => setTimeout(r, 100));
    const shown = last.iframe.src.split("token=")[1];
    last.destroy();
    container.remove();
    return { calls, refusal, shown };
  }, page.url().replace(/\/index\.html$/, ""));
  page.off("pageerror", listen);
  assert.deepEqual(result, { calls: { fired: 1, cancelled: 1, replaced: 1 }, refusal: "SeamInvalidOptionsError", shown: "last" });
  assert.deepEqual(pageErrors, [], "no released callback was called");
});

test("a failed automatic refresh is reported and tried again while the link lasts, not after", async () => {
  const result = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const portal = (/** @type {(n: number) => Promise<unknown>} */ answer, /** @type {number} */ lifeMs) => {
      const container = document.createElement("div");
      document.body.append(container);
      /** @type {{ calls: number, errors: string[] }} */
      const seen = { calls: 0, errors: [] };
      const embed = embedPortal(container, { customer_portal: { url: `${base}/portal.html?token=0`, expires_at: new Date(Date.now() + lifeMs).toISOString() } }, {
        refresh: () => answer(++seen.calls),
        onRefreshError: (/** @type {any} */ e) => seen.errors.push(e.message),
      });
      return { seen, embed, container };
    };
    const link = (/** @type {number} */ n) => ({ customer_portal: { url: `${base}/portal.html?token=${n}`, expires_at: new Date(Date.now() + 60_000).toISOString() } });
    // Due at 1.2 s (half-way), fails; tried again half-way to the expiry (1.8 s), but no
    // sooner than a second later: at 2.2 s, before the link expires at 2.4 s.
    const flaky = portal(async (n) => { if (n === 1) throw new Error("backend down"); return link(n); }, 2400);
    // Due at 0.6 s, fails; tried again at 1.6 s (a second later), fails; the link expired at
    // 1.2 s, so not again.
    const down = portal(async () => { throw new Error("backend down"); }, 1200);
    await new Promise((r) => setTimeout(r, 1400));
    const early = { flaky: flaky.seen.calls, down: down.seen.calls };
    await new Promise((r) => setTimeout(r, 1600));
    const late = { flaky: { ...flaky.seen, src: flaky.embed.iframe.src.split("token=")[1] }, down: down.seen };
    for (const { embed, container } of [flaky, down]) {
      embed.destroy();
      container.remove();
    }
    return { early, late };
  }, page.url().replace(/\/index\.html$/, ""));
  assert.deepEqual(result.early, { flaky: 1, down: 1 }, "each failed once, its next try not yet due");
  assert.deepEqual(result.late.flaky, { calls: 2, errors: ["backend down"], src: "2" }, "tried again, and the new link shown");
  assert.deepEqual(result.late.down, { calls: 2, errors: ["backend down", "backend down"] }, "not tried once the link has expired");
});

test("an embedPortal cut short while its handle is made (the stack running out) schedules nothing, and the next works", async () => {
  const result = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal, EmbeddedPortal } = window.portal;
    const container = document.createElement("div");
    document.body.append(container);
    let calls = 0;
    const link = () => ({ customer_portal: { url: `${base}/portal.html?token=${calls}`, expires_at: new Date(Date.now() + 400).toISOString() } });
    const options = { refresh: async () => (calls++, link()) };
    // wasm-bindgen's glue registers each handle for finalization as it makes it: the stack
    // running out there is an exception at the last step of the call. (Its closures are
    // registered too: those calls go through.)
    const register = FinalizationRegistry.prototype.register;
    FinalizationRegistry.prototype.register = function (/** @type {object} */ target, /** @type {unknown} */ held, /** @type {object} */ token) {
      if (target instanceof EmbeddedPortal) throw new RangeError("Maximum call stack size exceeded");
      return register.call(this, target, held, token);
    };
    let thrown;
    try {
      embedPortal(container, link(), options);
    } catch (e) {
      thrown = e instanceof RangeError;
    } finally {
      FinalizationRegistry.prototype.register = register;
    }
    await new Promise((r) => setTimeout(r, 500));
    const cutShortCalls = calls;
    const embed = embedPortal(container, link(), options);
    await new Promise((r) => setTimeout(r, 350));
    embed.destroy();
    container.remove();
    return { thrown, cutShortCalls, calls };
  }, page.url().replace(/\/index\.html$/, ""));
  assert.equal(result.thrown, true);
  assert.equal(result.cutShortCalls, 0, "the portal nobody holds is not refreshed");
  assert.equal(result.calls, 1, "a later portal refreshes");
});

test("a container in another document of the page gets its iframe there; an element named iframe that is not one is refused", async () => {
  const result = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const host = document.createElement("iframe");
    document.body.append(host);
    const inner = /** @type {Document} */ (host.contentDocument);
    const container = inner.body.appendChild(inner.createElement("div"));
    const embed = embedPortal(container, `${base}/portal.html?token=inner`);
    const frame = embed.iframe;
    const other = { inInner: frame.ownerDocument === inner, src: frame.src.split("token=")[1] };
    embed.destroy();
    host.remove();
    const svgHolder = document.createElement("div");
    const fake = document.createElementNS("http://www.w3.org/2000/svg", "iframe");
    fake.setAttribute("data-seam-portal", "");
    svgHolder.append(fake);
    let refused;
    try {
      embedPortal(svgHolder, `${base}/portal.html`);
    } catch (e) {
      // @ts-ignore
      refused = `${e.name}: ${e.message}`;
    }
    return { other, refused };
  }, page.url().replace(/\/index\.html$/, ""));
  assert.deepEqual(result.other, { inInner: true, src: "inner" });
  assert.equal(result.refused, "SeamInvalidOptionsError: the container's portal frame is not an iframe");
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

test("a refresh() made while a refresh is on its way joins it: one link asked for, not two that could arrive in either order", async () => {
  const result = await page.evaluate(async (base) => {
    // @ts-ignore
    const { embedPortal } = window.portal;
    const link = (/** @type {number} */ n, /** @type {number} */ ms) => ({ customer_portal: { url: `${base}/portal.html?token=${n}`, expires_at: new Date(Date.now() + ms).toISOString() } });
    const wait = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
    // The first call answers last: asked twice, its older link used to replace the newer.
    let calls = 0;
    const slowFirst = () => {
      const n = ++calls;
      return wait(n === 1 ? 300 : 20).then(() => link(n, 3_600_000));
    };
    const clicked = embedPortal("#portal", link(0, 3_600_000), { refresh: slowFirst });
    const both = await Promise.all([clicked.refresh(), clicked.refresh()]);
    const twice = { calls, src: clicked.iframe.src.split("token=")[1], both: both.length };
    await clicked.refresh();
    const again = { calls, src: clicked.iframe.src.split("token=")[1] };
    clicked.destroy();
    // The automatic refresh, due a second in (half-way through a 2-second link), falls during a
    // refresh() whose backend takes 1.5 s: it joins it.
    let automaticCalls = 0;
    const slow = () => {
      automaticCalls++;
      return wait(1500).then(() => link(10 + automaticCalls, 3_600_000));
    };
    const due = embedPortal("#portal", link(10, 2000), { refresh: slow });
    await due.refresh();
    await wait(300);
    const joined = { calls: automaticCalls, src: due.iframe.src.split("token=")[1] };
    due.destroy();
    return { twice, again, joined };
  }, page.url().replace(/\/index\.html$/, ""));
  assert.deepEqual(result.twice, { calls: 1, src: "1", both: 2 });
  assert.deepEqual(result.again, { calls: 2, src: "2" }, "once settled, the next refresh() asks again");
  assert.deepEqual(result.joined, { calls: 1, src: "11" });
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
