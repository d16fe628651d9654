// @ts-check
// init() in headless Chromium, through the packed package: what it takes, and what it says of
// what it cannot use.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { startStaticServer } from "../../server/static.mjs";
import { launch, openPage } from "../support/browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pages = mkdtempSync(join(tmpdir(), "seam-portal-init-"));
writeFileSync(join(pages, "index.html"), `<!doctype html><title>init</title><link rel="icon" href="data:,">`);

/** A Wasm module importing a function this package's glue does not provide (as one of another build would). */
const foreignImport = (() => {
  const text = (/** @type {string} */ s) => [s.length, ...Buffer.from(s)];
  const entry = [1, ...text("./seam_portal_bg.js"), ...text("__wbg_gone_0123"), 0, 0];
  return [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 2, entry.length, ...entry];
})();

test("init() says what is wrong with what it was given, stays uninitialised, and takes wasm-bindgen's { module_or_path }", async () => {
  const server = await startStaticServer({ "/pkg/": join(root, "node_modules", "seam-portal"), "/": pages });
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser, `${server.url}/index.html`);
    const result = await page.evaluate(async (foreign) => {
      // @ts-ignore: served by the test's server
      const portal = await import("/pkg/index.js");
      /** @type {Record<string, () => unknown>} */
      const sources = {
        number: () => 42,
        notFound: () => "/pkg/wasm/missing.wasm",
        html: () => new Response("<!doctype html><p>not found</p>", { headers: { "content-type": "text/html" } }),
        // An empty module links (it needs nothing), but is not this package's.
        empty: () => new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])),
        foreign: () => new Uint8Array(foreign),
      };
      /** @type {Record<string, string>} */
      const said = {};
      for (const [name, source] of Object.entries(sources)) {
        try {
          await portal.init(/** @type {any} */ (source()));
          said[name] = "initialised";
        } catch (e) {
          said[name] = `${/** @type {Error} */ (e).name}: ${/** @type {Error} */ (e).message}`;
        }
      }
      let uninitialised;
      try {
        portal.validate({});
      } catch (e) {
        uninitialised = /** @type {Error} */ (e).message;
      }
      await portal.init({ module_or_path: new URL("/pkg/wasm/seam_portal_bg.wasm", location.href) });
      return { said, uninitialised, ok: portal.validate({ customer_data: { customer_key: "c" } }).ok };
    }, foreignImport);
    const notOurs = "the .wasm given to init() is not the one this copy of seam-portal was built with (one of another version, kept by a cache or a CDN, or another module)";
    assert.equal(result.said.number, "TypeError: seam-portal: init() takes a URL (a string or a URL), a Request, a Response or a promise of one, the bytes, a WebAssembly.Module, or { module_or_path } holding one of those; got a number");
    assert.equal(result.said.notFound, "Error: seam-portal: fetching the .wasm failed with HTTP 404");
    assert.match(result.said.html, /^Error: seam-portal: what init\(\) loaded is not WebAssembly \(a server's HTML page where the \.wasm was not found\?\): /);
    assert.equal(result.said.empty, `Error: seam-portal: ${notOurs}`);
    assert.match(result.said.foreign, new RegExp(`^Error: seam-portal: ${notOurs.replace(/[().]/g, "\\$&")}: .*__wbg_gone_0123`));
    assert.match(String(result.uninitialised), /call `await init\(\)` once/, "a failed init() leaves the package uninitialised, for a later init() to try again");
    assert.equal(result.ok, true, "{ module_or_path } is taken, as wasm-bindgen's loaders take it");
    // The browser's own console line for the 404 it was asked to fetch; nothing else.
    assert.deepEqual(errors, ["Failed to load resource: the server responded with a status of 404 (Not Found)"]);
  } finally {
    await browser.close();
    await server.close();
  }
});
