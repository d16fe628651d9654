// @ts-check
// The demo end to end in headless Chromium, against the server `npm start` runs.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launch } from "../support/browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const artifacts = join(root, "tests", "artifacts");

/** @type {import("node:child_process").ChildProcess} */
let server;
let base = "";
/** @type {import("playwright-core").Browser} */
let browser;
/** @type {import("playwright-core").Page} */
let page;
/** @type {string[]} */
const consoleErrors = [];

/** Queues faults on the server (its fault mode is on for this test only). @param {object[]} faults */
const fault = (...faults) => fetch(`${base}/__faults`, { method: "POST", body: JSON.stringify(faults) });

before(async () => {
  server = spawn(process.execPath, [join(root, "server", "index.mjs")], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", SEAM_LOCAL_FAULTS: "1", SEAM_API_KEY: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  base = await new Promise((resolve, reject) => {
    server.stdout?.on("data", (d) => {
      const m = /seam-portal demo: (http:\/\/\S+?)\/ /.exec(String(d));
      if (m) resolve(m[1]);
    });
    server.on("exit", (code) => reject(new Error(`the server exited (${code})`)));
  });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.querySelector("[data-testid=verdict]")?.textContent?.startsWith("Valid"));
});
after(async () => {
  await browser?.close();
  server?.kill();
});

const testid = (/** @type {string} */ id) => page.locator(`[data-testid=${id}]`);

test("the page loads with a valid sample request and no console errors", async () => {
  assert.equal(await testid("create-portal").isEnabled(), true);
  const body = JSON.parse(String(await testid("request-json").textContent()));
  assert.equal(body.customer_data.customer_key, "customer_harbor_view");
  assert.ok(body.customer_data.units.length >= 2 && body.customer_data.reservations.length >= 2 && body.customer_data.guests.length >= 1);
  assert.deepEqual(consoleErrors, []);
});

test("emptying the customer key shows the issue and disables create", async () => {
  await testid("customer-key").fill("");
  assert.match(String(await testid("validation-issues").textContent()), /customer_data\.customer_key\s*must not be empty/);
  assert.equal(await testid("create-portal").isDisabled(), true);
  await testid("customer-key").fill("customer_harbor_view");
  assert.equal(await testid("create-portal").isEnabled(), true);
  // What is wrong with the text is said as the validator says it, where it is.
  await testid("customer-data").fill('{\n  "units": [{ "unit_key": "u", },]\n}');
  assert.match(String(await testid("validation-issues").textContent()), /customer_data\s*the text is not valid JSON: a trailing comma: JSON allows none before \} or \] \(line 2, column 32\)/);
  assert.equal(await testid("create-portal").isDisabled(), true);
  await testid("customer-data").fill("[]");
  assert.match(String(await testid("validation-issues").textContent()), /customer_data\s*expected a JSON object \(the resources, without customer_key\), got an array/);
  assert.equal(await testid("create-portal").isDisabled(), true);
  await page.reload();
  await page.waitForFunction(() => document.querySelector("[data-testid=verdict]")?.textContent?.startsWith("Valid"));
});

test("warnings are listed apart from errors", async () => {
  await page.selectOption("#landing-kind", "unit_key");
  await page.fill("#landing-key", "hv_999");
  assert.match(String(await testid("validation-warnings").textContent()), /landing_page\.manage\.unit_key/);
  assert.equal(await testid("create-portal").isEnabled(), true);
  await page.fill("#landing-key", "hv_101");
});

test("a valid request creates a portal: the iframe shows the returned URL, its page the customer key", async () => {
  await testid("locale").selectOption("pt-PT");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/customers/create_portal")),
    testid("create-portal").click(),
  ]);
  const { customer_portal } = await response.json();
  const frame = testid("portal-frame");
  await frame.waitFor();
  assert.equal(await frame.getAttribute("src"), customer_portal.url);
  assert.equal(await frame.getAttribute("allow"), "clipboard-write");
  const inside = page.frameLocator("[data-testid=portal-frame]");
  assert.equal(await inside.locator("[data-testid=portal-customer-key]").textContent(), "customer_harbor_view");
  assert.equal(await inside.locator("[data-testid=portal-locale]").textContent(), "pt-PT");
  assert.match(String(await testid("portal-expiry").textContent()), /expires at .* \(in about 60 minutes\)/);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "demo.png"), fullPage: true });

  await testid("new-link").click();
  await page.waitForFunction((old) => document.querySelector("[data-testid=portal-frame]")?.getAttribute("src") !== old, customer_portal.url);
  assert.deepEqual(consoleErrors, []);
});

test("the note of when the link expires counts down, and an automatic renewal shows the new link and updates the note", async () => {
  // A page of its own, its clock faked so that an hour passes at once (the local server's links
  // live an hour, and are renewed a minute before they expire); the server's clock is real.
  const clocked = await browser.newPage();
  await clocked.clock.install();
  await clocked.goto(`${base}/`);
  await clocked.waitForFunction(() => document.querySelector("[data-testid=verdict]")?.textContent?.startsWith("Valid"));
  const ours = (/** @type {string} */ id) => clocked.locator(`[data-testid=${id}]`);
  await ours("create-portal").click();
  await ours("portal-frame").waitFor();
  const first = { src: await ours("portal-frame").getAttribute("src"), note: String(await ours("portal-expiry").textContent()) };
  assert.match(first.note, /\(in about 60 minutes\)/);
  await clocked.clock.fastForward("10:00");
  await clocked.waitForFunction(() => /\(in about 50 minutes\)/.test(document.querySelector("[data-testid=portal-expiry]")?.textContent ?? ""));
  // The renewed link then expires at least a second after the first, by the server's (real)
  // clock, so that the note's time (to the second) tells the two apart.
  await new Promise((r) => setTimeout(r, 1100));
  const renewed = clocked.waitForResponse((r) => r.url().endsWith("/customers/create_portal"));
  await clocked.clock.fastForward("49:30");
  const { customer_portal } = await (await renewed).json();
  await clocked.waitForFunction((old) => document.querySelector("[data-testid=portal-frame]")?.getAttribute("src") !== old, first.src);
  assert.equal(await ours("portal-frame").getAttribute("src"), customer_portal.url);
  const expected = await clocked.evaluate((expires) => new Date(expires).toLocaleString(), customer_portal.expires_at);
  assert.ok(!first.note.includes(expected));
  await clocked.waitForFunction((time) => document.querySelector("[data-testid=portal-expiry]")?.textContent?.includes(time), expected);
  // Half a minute left by the page's clock (an hour after the server made the link, by the real one).
  assert.match(String(await ours("portal-expiry").textContent()), /\(in about [01] minutes?\)/);
  await clocked.close();
});

test("401 and 400 answers are shown as readable errors, and focused", async () => {
  await fault({ status: 401, body: { error: { type: "unauthorized", message: "Unauthorized" }, ok: false } });
  await testid("create-portal").click();
  await testid("error").waitFor();
  assert.match(String(await testid("error").textContent()), /refused the credentials \(401 Unauthorized\)/);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "error");

  await fault({ status: 400, body: { error: { type: "invalid_input", message: "Invalid input", validation_errors: {
    _errors: [], customer_data: { _errors: [], units: { _errors: [], 1: { _errors: [], name: { _errors: ["Required"] } } } } } }, ok: false } });
  await testid("create-portal").click();
  await page.waitForFunction(() => /units\[1\]\.name/.test(document.querySelector("[data-testid=error]")?.textContent ?? ""));
  const text = String(await testid("error").textContent());
  assert.match(text, /Seam refused the request's input/);
  assert.match(text, /customer_data\.units\[1\]\.name Required/);
  assert.ok(!text.includes("{"), "not raw JSON");
});

test("network errors and timeouts are explained", async () => {
  // Chromium re-sends once per idle keep-alive connection when one dies before answering.
  await fault(...Array.from({ length: 10 }, () => ({ drop: true })));
  await testid("create-portal").click();
  await page.waitForFunction(() => /no answer/.test(document.querySelector("[data-testid=error]")?.textContent ?? ""));
  await fetch(`${base}/__faults`, { method: "DELETE" });
});

test("on a narrow screen nothing overflows sideways", async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px too wide`);
  await page.screenshot({ path: join(artifacts, "demo-narrow.png") });
});
