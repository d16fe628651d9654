// @ts-check
// The README's bad-input table, one test per row: each input gets issues or a clear error,
// never a trap, and the module keeps working afterwards.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runInNewContext } from "node:vm";
import { PortalRequestBuilder, submit, validate, validateJson, wasmMemoryBytes, withDefaults } from "seam-portal";

const minimal = () => ({ customer_data: { customer_key: "c" } });

/** After each row: the module still answers correctly. */
function stillWorks() {
  assert.equal(validate(minimal()).ok, true);
  assert.equal(validateJson(JSON.stringify(minimal())).ok, true);
  assert.equal(new PortalRequestBuilder("c").build().customer_data?.customer_key, "c");
}

/** @param {{ ok: boolean, issues?: Array<{ code: string, path: string }> }} result */
const codes = (result) => (result.ok ? [] : /** @type {any} */ (result).issues.map((/** @type {any} */ i) => `${i.path}:${i.code}`));

test("non-object roots", () => {
  for (const root of [null, [], 1, "x", true, undefined]) assert.deepEqual(codes(validate(root)), [":invalid_type"]);
  for (const text of ["null", "[]", "1", "\"x\"", "true"]) assert.deepEqual(codes(validateJson(text)), [":invalid_type"]);
  stillWorks();
});

test("10 MB strings", () => {
  const big = "x".repeat(10 * 1024 * 1024);
  assert.equal(validate({ customer_data: { customer_key: big } }).ok, true);
  assert.deepEqual(codes(validate({ customization_profile_id: big })), ["customization_profile_id:invalid_format"]);
  assert.equal(/** @type {any} */ (validate({ customization_profile_id: big })).issues[0].message.length < 300, true, "the message quotes a prefix");
  assert.deepEqual(codes(validateJson(big)), [":invalid_json"]);
  // As unknown keys, at the root and among landing page keys: named in full by the path, cut in
  // the message.
  for (const [body, path] of /** @type {[object, string][]} */ ([
    [{ ...minimal(), [big]: 1 }, big],
    [{ ...minimal(), landing_page: { [big]: 1 } }, `landing_page.${big}`],
  ])) {
    for (const result of [validate(body), validateJson(JSON.stringify(body))]) {
      assert.equal(result.ok, true);
      const [warning] = result.warnings;
      assert.equal(warning.path, path);
      assert.equal(warning.code, "unknown_property");
      assert.ok(warning.message.startsWith(`\`${"x".repeat(60)}…\` is not a`), warning.message.slice(0, 100));
      assert.ok(warning.message.length < 200);
    }
  }
  stillWorks();
});

test("100 000 levels of nesting", () => {
  const text = `{"extra":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
  assert.deepEqual(codes(validateJson(text)), [":invalid_json"]);
  /** @type {any} */
  let deep = [];
  const body = { ...minimal(), extra: deep };
  for (let i = 0; i < 100_000; i++) deep = deep[0] = [];
  assert.match(codes(validate(body)).join(), /extra(\[0\])+:not_json/);
  // The value is read down to 128 levels, as JSON text is, and the issue is where it stops.
  const issue = /** @type {any} */ (validate(body)).issues[0];
  assert.equal(issue.path, `extra${"[0]".repeat(127)}`);
  assert.equal(issue.message, "nested deeper than 128 levels (the limit JSON text has too)");
  stillWorks();
});

test("lone surrogates", () => {
  const result = validate({ customer_data: { customer_key: "\ud800key" } });
  assert.equal(result.ok, true);
  assert.deepEqual(result.warnings.map((w) => w.code), ["lone_surrogate"]);
  // Unpaired surrogates in the text itself are read as U+FFFD (a JS string reaches Wasm as
  // UTF-8); escaped ones are read as JSON.parse reads them, with the same warning as from JS.
  assert.equal(validateJson('{"customer_data":{"customer_key":"\ud800"}}').ok, true);
  const escaped = validateJson('{"customer_data":{"customer_key":"\\ud800"}}');
  assert.equal(escaped.ok, true);
  assert.deepEqual(escaped.warnings.map((w) => `${w.path}:${w.code}`), ["customer_data.customer_key:lone_surrogate"]);
  assert.equal(/** @type {any} */ (escaped).value.customer_data.customer_key, "\ud800");
  // JSON.stringify escapes lone surrogates, so objects holding them are read through that text and get
  // the same report as the walk gives.
  assert.deepEqual(validate({ customer_data: { customer_key: "a\udc00", spaces: [{ space_key: "\ud800", name: 1 }] } }), {
    ok: false,
    issues: [{ path: "customer_data.spaces[0].name", code: "invalid_type", message: "expected a string, got a number" }],
    warnings: [{ path: "customer_data.customer_key", code: "lone_surrogate", message: "contains an unpaired UTF-16 surrogate: it is sent as a \\u escape and shown as \ufffd" },
      { path: "customer_data.spaces[0].space_key", code: "lone_surrogate", message: "contains an unpaired UTF-16 surrogate: it is sent as a \\u escape and shown as \ufffd" }],
  });
  // Two lone halves that meet where one string ends and the next begins are still two
  // warnings, not a pair.
  const split = validate({ customer_data: { customer_key: "c\ud83d", "\ude00": 1 } });
  assert.deepEqual(split.warnings.map((w) => `${w.path}:${w.code}`).sort(), ["customer_data.customer_key:lone_surrogate", 'customer_data["\ufffd"]:unknown_property']);
  // Metadata keys are free-form, so a lone surrogate in one gets its own warning, on every route.
  const metadata = { customer_data: { customer_key: "c", reservations: [{ reservation_key: "r", custom_metadata: { "k\ud800": "v", "\ud83d\ude00": true } }] } };
  const keyWarning = { path: 'customer_data.reservations[0].custom_metadata["k\ufffd"]', code: "lone_surrogate", message: "this key contains an unpaired UTF-16 surrogate: it is sent as a \\u escape and shown here as \ufffd" };
  for (const result of [validate(metadata), validate({ ...metadata, extra: () => 1 }), validateJson(JSON.stringify(metadata))]) {
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.deepEqual(result.warnings.filter((w) => w.path !== "extra"), [keyWarning]);
  }
  stillWorks();
});

test("NaN, Infinity, BigInt, Symbol, functions and cycles from JS", () => {
  const geolocation = (/** @type {unknown} */ latitude) => ({ customer_data: { customer_key: "c", spaces: [{ space_key: "s", name: "n", geolocation: { latitude, longitude: 0 } }] } });
  assert.deepEqual(codes(validate(geolocation(NaN))), ["customer_data.spaces[0].geolocation.latitude:not_finite"]);
  assert.deepEqual(codes(validate(geolocation(Infinity))), ["customer_data.spaces[0].geolocation.latitude:not_finite"]);
  assert.deepEqual(codes(validate(geolocation(1n))), ["customer_data.spaces[0].geolocation.latitude:invalid_type"]);
  assert.deepEqual(codes(validate({ locale: Symbol("en-US") })), ["locale:invalid_type"]);
  assert.deepEqual(codes(validate({ is_embedded: () => true })), ["is_embedded:invalid_type"]);
  /** @type {any} */
  const cyclic = { ...minimal(), extra: {} };
  cyclic.extra.back = cyclic.extra;
  assert.deepEqual(codes(validate(cyclic)), ["extra.back:not_json"]);
  assert.throws(() => withDefaults(cyclic), /cycle/);
  // Where the request has a value, the value's own issue, which names the cycle.
  /** @type {any} */
  const inside = { customer_data: { customer_key: "c" } };
  inside.customer_data.spaces = [{ space_key: "s", name: "n", geolocation: inside.customer_data }];
  assert.deepEqual(/** @type {any} */ (validate(inside)).issues, [{ path: "customer_data.spaces[0].geolocation", code: "invalid_type", message: "expected an object (a geolocation), got an object that contains itself (a cycle): JSON.stringify throws on it" }]);
  // Keys landing_page.manage ignores are still sent: JSON must carry them too (this once passed,
  // and submit then failed in JSON.stringify). A Date beside the landing page is sent as a
  // string: a second landing page, perhaps.
  const manage = (/** @type {object} */ extra) => ({ ...minimal(), landing_page: { manage: { property_key: "p", ...extra } } });
  assert.deepEqual(codes(validate(manage({ zz: [1n] }))), ["landing_page.manage.zz[0]:not_json"]);
  assert.deepEqual(codes(validate(manage({ space_key: { back: cyclic } }))), ["landing_page.manage.space_key.back.extra.back:not_json"]);
  const throwing = manage({});
  Object.defineProperty(throwing.landing_page.manage, "zz", { get() { throw new Error("no"); }, enumerable: true });
  assert.deepEqual(codes(validate(throwing)), ["landing_page.manage.zz:unreadable"]);
  assert.deepEqual(codes(validate(manage({ space_key: new Date(0) }))), ["landing_page.manage.space_key:invalid_type"]);
  // The same object twice, not inside itself, is no cycle: JSON sends it twice.
  const shared = { space_key: "s", name: "n" };
  assert.deepEqual(codes(validate({ customer_data: { customer_key: "c", spaces: [shared, shared] } })), []);
  stillWorks();
});

test("boxed primitives are read as JSON.stringify sends them, on either path", () => {
  // A function in an unknown property makes JSON.stringify drop it, so validate walks the value
  // instead of reading its JSON text: both paths must agree.
  const paths = (/** @type {object} */ body) => {
    const walked = validate({ ...body, extra: () => 1 });
    // Only the walk sees the function (JSON.stringify drops it): proof that it ran.
    assert.ok(walked.warnings.some((w) => w.path === "extra" && w.code === "lossy_value"), "the walk ran");
    return [validate(body), walked];
  };
  const space = (/** @type {Record<string, unknown>} */ fields) =>
    ({ customer_data: { customer_key: new String("c"), spaces: [{ space_key: "s", name: "n", ...fields }] }, is_embedded: new Boolean(true) });
  for (const result of paths(space({ duration_minutes: new Number(60), geolocation: { latitude: new Number(1), longitude: 0 } }))) {
    assert.equal(result.ok, true, JSON.stringify(result));
  }
  for (const [fields, expected] of /** @type {const} */ ([
    [{ duration_minutes: new Number(NaN) }, "customer_data.spaces[0].duration_minutes:not_finite"],
    [{ duration_minutes: new String("60") }, "customer_data.spaces[0].duration_minutes:invalid_type"],
    [{ duration_minutes: Object(60n) }, "customer_data.spaces[0].duration_minutes:invalid_type"],
  ])) {
    for (const result of paths(space(fields))) assert.deepEqual(codes(result), [expected]);
  }
  // A boxed NaN where null is allowed: JSON would send null, but the value is still not one.
  const metadata = { customer_data: { customer_key: "c", property_listings: [{ property_listing_key: "p", name: "n", custom_metadata: { x: new Number(NaN) } }] } };
  for (const result of paths(metadata)) assert.deepEqual(codes(result), ["customer_data.property_listings[0].custom_metadata.x:invalid_type"]);
  // The same from another realm (an iframe, a vm context), where `instanceof Number` is false.
  const foreign = { customer_data: { customer_key: "c", property_listings: [{ property_listing_key: "p", name: "n", custom_metadata: { x: runInNewContext("new Number(NaN)") } }] } };
  for (const result of paths(foreign)) assert.deepEqual(codes(result), ["customer_data.property_listings[0].custom_metadata.x:invalid_type"]);
  assert.deepEqual(codes(validate({ customer_data: { customer_key: runInNewContext("new String('c')"), spaces: [{ space_key: "s", name: "n", duration_minutes: runInNewContext("new Number(60)") }] } })), []);
  stillWorks();
});

test("objects with toJSON are refused where the request has a value, and submit sends nothing", async () => {
  // A date library's date: sent as what toJSON returns (here without the Z Seam requires).
  const day = { toJSON: () => "2025-06-01T00:00:00" };
  const reservations = [{ reservation_key: "r", starts_at: day }];
  const expected = ["customer_data.reservations[0].starts_at:invalid_type"];
  assert.deepEqual(codes(validate({ customer_data: { customer_key: "c", reservations } })), expected);
  assert.throws(() => new PortalRequestBuilder("c").addReservation(/** @type {any} */ (reservations[0])).build(), (/** @type {any} */ e) =>
    e.issues.map((/** @type {any} */ i) => `${i.path}:${i.code}`).join() === expected.join());
  // The builder itself, and an object whose own toJSON rewrites it, at the root.
  const builder = new PortalRequestBuilder("c");
  const rewritten = { customer_data: { customer_key: "c" }, toJSON: () => ({ customer_data: { customer_key: " x " } }) };
  for (const root of [builder, rewritten]) {
    assert.deepEqual(codes(validate(root)), [":invalid_type"]);
    assert.match(/** @type {any} */ (validate(root)).issues[0].message, /toJSON.*builder\.build\(\)/);
    assert.throws(() => withDefaults(/** @type {any} */ (root)), /toJSON/);
    let sent = 0;
    const fetch = async () => (sent++, new Response("{}"));
    await assert.rejects(submit(/** @type {any} */ (root), { apiKey: "seam_test_key", fetch }), (/** @type {any} */ e) =>
      e.name === "PortalValidationError" && /toJSON/.test(e.message));
    assert.equal(sent, 0);
  }
  // Arrays too: JSON.stringify calls an array's toJSON (own, or on Array.prototype, which old
  // libraries add) rather than reading its items.
  const spaces = Object.assign([{ space_key: "s", name: "n" }], { toJSON: () => "no spaces" });
  const listed = { customer_data: { customer_key: "c", spaces } };
  assert.deepEqual(codes(validate(listed)), ["customer_data.spaces:invalid_type"]);
  assert.match(/** @type {any} */ (validate(listed)).issues[0].message, /toJSON/);
  assert.throws(() => withDefaults(/** @type {any} */ (listed)), /toJSON/);
  // Where the spec defines nothing, JSON sends whatever toJSON returns and Seam ignores it.
  assert.deepEqual(codes(validate({ ...minimal(), extra: day })), []);
  stillWorks();
});

test("Maps and Sets, which JSON.stringify sends as {}, are refused where the request has a value, and submit sends nothing", async () => {
  const metadata = (/** @type {unknown} */ custom_metadata) => ({ customer_data: { customer_key: "c", reservations: [{ reservation_key: "r", custom_metadata }] } });
  const at = "customer_data.reservations[0].custom_metadata";
  class Registry extends Map {}
  const cases = [
    // The root, whose entries would all be lost: Seam would get `{}`.
    [new Map([["customer_data", { customer_key: "c" }]]), ":invalid_type"],
    [metadata(new Map([["floor", "2"]])), `${at}:invalid_type`],
    [metadata(new Registry([["floor", "2"]])), `${at}:invalid_type`],
    [metadata(new WeakMap()), `${at}:invalid_type`],
    [{ customer_data: { customer_key: "c", spaces: new Set([{ space_key: "s", name: "n" }]) } }, "customer_data.spaces:invalid_type"],
    // Another realm's (an iframe's, a vm context's).
    [metadata(runInNewContext("new Map([['floor', '2']])")), `${at}:invalid_type`],
  ];
  for (const [body, expected] of cases) {
    assert.deepEqual(codes(validate(body)), [expected]);
    const message = /** @type {any} */ (validate(body)).issues[0].message;
    assert.match(message, /a Map or Set, which JSON\.stringify sends as \{\}, without its entries \(pass a plain object, such as Object\.fromEntries\(map\), or an array, such as \[\.\.\.set\]\)/);
    assert.throws(() => withDefaults(/** @type {any} */ (body)), /Map or Set/);
    let sent = 0;
    const fetch = async () => (sent++, new Response("{}"));
    await assert.rejects(submit(/** @type {any} */ (body), { apiKey: "seam_test_key", fetch }), (/** @type {any} */ e) =>
      e.name === "PortalValidationError" && /Map or Set/.test(e.message));
    assert.equal(sent, 0);
  }
  // An object that only inherits from Map.prototype has no entries to lose: it is read as an
  // object, as JSON.stringify reads it. Where the spec defines nothing, Seam ignores whatever
  // is sent: an unknown property, nothing more.
  assert.deepEqual(codes(validate(metadata(Object.assign(Object.create(Map.prototype), { floor: "2" })))), []);
  // A Map given keys of its own is sent as those, like any object, and read as those on every
  // route (here the JSON text, and the walk, which a function elsewhere in the request forces).
  const keyed = Object.assign(new Map([["lost", "x"]]), { floor: "2" });
  for (const body of [metadata(keyed), { ...metadata(keyed), extra: () => {} }]) {
    assert.deepEqual(codes(validate(body)), []);
  }
  const ignored = validate({ ...minimal(), extra: new Map([["a", 1]]) });
  assert.deepEqual([ignored.ok, ignored.warnings.map((w) => `${w.path}:${w.code}`)], [true, ["extra:unknown_property"]]);
  stillWorks();
});

test("__proto__ and constructor keys are kept as data, and nothing is polluted", () => {
  const text = '{"customer_data":{"customer_key":"c","__proto__":{"polluted":1}},"constructor":{"prototype":{"polluted":1}}}';
  const result = validateJson(text);
  assert.equal(result.ok, true);
  assert.deepEqual(result.warnings.map((w) => w.path), ["customer_data.__proto__", "constructor"]);
  assert.equal(Object.getOwnPropertyNames(/** @type {any} */ (result).value.customer_data).includes("__proto__"), true);
  assert.equal(/** @type {any} */ ({}).polluted, undefined);
  assert.equal(/** @type {any} */ (Object.prototype).polluted, undefined);
  const filled = withDefaults(JSON.parse(text));
  assert.equal(/** @type {any} */ ({}).polluted, undefined);
  assert.ok(filled);
  stillWorks();
});

test("numbers beyond 2^53", () => {
  const body = (/** @type {string} */ n) => `{"customer_data":{"customer_key":"c","spaces":[{"space_key":"s","name":"n","duration_minutes":${n}}]}}`;
  assert.equal(validateJson(body("9007199254740993")).ok, true, "an integer, as JSON.parse reads it");
  assert.equal(validateJson(body("1e300")).ok, true);
  assert.deepEqual(codes(validateJson(body("1e400"))), [":invalid_json"], "out of range for a double");
  assert.deepEqual(codes(validateJson(body("-9007199254740993"))), ["customer_data.spaces[0].duration_minutes:too_small"]);
  stillWorks();
});

test("1 000 000-element arrays", () => {
  const keys = Array.from({ length: 1_000_000 }, (_, i) => `space_${i}`);
  const body = { customer_data: { customer_key: "c", staff_members: [{ staff_member_key: "s", name: "n", space_keys: keys }] } };
  assert.equal(validate(body).ok, true);
  assert.equal(validateJson(JSON.stringify(body)).ok, true);
  const bad = { customer_data: { customer_key: "c", spaces: Array.from({ length: 1_000_000 }, () => 0) } };
  assert.equal(/** @type {any} */ (validate(bad)).issues.length, 1_000_000);
  stillWorks();
});

test("more than 1 000 000 errors or warnings: the first 1 000 000 are listed, then one too_many_issues", () => {
  // Each listed issue costs Wasm memory: 40 million of them (80 MB of text) ran it out.
  const spaces = `[${"1,".repeat(1_200_000)}{"space_key":"s","name":"n"}]`;
  const errors = /** @type {any} */ (validateJson(`{"customer_data":{"customer_key":"c","spaces":${spaces}}}`));
  assert.equal(errors.issues.length, 1_000_001);
  assert.deepEqual(errors.issues.at(-2), { path: "customer_data.spaces[999999]", code: "invalid_type", message: "expected an object (a space), got a number" });
  assert.deepEqual(errors.issues.at(-1), { path: "", code: "too_many_issues", message: "more than 1000000 errors were found: the rest are not listed" });
  // Warnings, from JS values: 1 200 000 resources sharing one key.
  const same = Array.from({ length: 1_200_000 }, () => ({ space_key: "same", name: "n" }));
  const warned = validate({ customer_data: { customer_key: "c", spaces: same } });
  assert.equal(warned.ok, true);
  assert.equal(warned.warnings.length, 1_000_001);
  assert.equal(warned.warnings[0].code, "duplicate_key");
  assert.deepEqual(warned.warnings.at(-1), { path: "", code: "too_many_issues", message: "more than 1000000 warnings were found: the rest are not listed" });
  stillWorks();
});

test("more than 512 MiB of text (as a string or as bytes), or of strings in a JS value, is refused without reading it all", () => {
  // 200 million CJK characters: 400 MB as a JS string, 600 MB as UTF-8. Three such strings in
  // a value ran Wasm out of its 4 GiB before, and Rust's allocator trapped; the text and the
  // JS value are now refused at 512 MiB, holding at most that (and 4 bytes) while reading, not
  // the 600 MB the text takes as UTF-8.
  const big = "\u4e2d".repeat(200_000_000);
  const before = wasmMemoryBytes();
  const text = /** @type {any} */ (validateJson(`{"customer_data":{"customer_key":"${big}"}}`));
  assert.deepEqual(text.issues, [{ path: "", code: "invalid_json", message: "the text is not valid JSON: it is larger than 512 MiB" }]);
  // The careful tape (a Date sends the value there): each string written counts.
  const walked = /** @type {any} */ (validate({ customer_data: { customer_key: big.slice(0, 100_000_000), spaces: [{ space_key: big.slice(0, 100_000_000), name: "n" }] }, sent_at: new Date(0) }));
  assert.deepEqual(walked.issues, [{ path: "", code: "not_json", message: "the request is too large to send as JSON, and to validate: its strings take more than 512 MiB, or it holds more than 134 million values" }]);
  assert.ok(wasmMemoryBytes() - before < 540 * 2 ** 20, `Wasm memory grew by ${(wasmMemoryBytes() - before) / 2 ** 20} MiB`);
  // As bytes: refused before any is copied into Wasm.
  const held = wasmMemoryBytes();
  const bytes = /** @type {any} */ (validateJson(Buffer.alloc(2 ** 29, 0x20)));
  assert.deepEqual(bytes.issues, [{ path: "", code: "invalid_json", message: "the text is not valid JSON: it is larger than 512 MiB" }]);
  assert.equal(wasmMemoryBytes(), held);
  // Under the limit, the same route validates.
  const half = /** @type {any} */ (validate({ customer_data: { customer_key: big.slice(0, 50_000_000) }, sent_at: new Date(0) }));
  assert.equal(half.ok, true);
  stillWorks();
});

test("more than 2^27 values in a JS value are refused before Wasm holds any of them", () => {
  // One row of 16 384 nulls, listed 8 193 times: 134 million values (a tape of more than 1 GiB)
  // in a few MB of JS memory. Both walks stop at the tape's limit (the fast one gives up, the
  // careful one says why), and nothing is copied into Wasm.
  const row = new Array(2 ** 14).fill(null);
  const rows = new Array(2 ** 13 + 1).fill(row);
  const before = wasmMemoryBytes();
  const result = /** @type {any} */ (validate({ customer_data: { customer_key: "c", spaces: rows } }));
  assert.deepEqual(result.issues, [{ path: "", code: "not_json", message: "the request is too large to send as JSON, and to validate: its strings take more than 512 MiB, or it holds more than 134 million values" }]);
  assert.equal(wasmMemoryBytes(), before);
  // With half the rows (2^26 values), the tape is taken: each row is an array where a space is.
  const half = /** @type {any} */ (validate({ customer_data: { customer_key: "c", spaces: rows.slice(0, 2 ** 12) } }));
  assert.equal(half.issues[0].path, "customer_data.spaces[0]");
  assert.equal(half.issues.length, 2 ** 12);
  stillWorks();
});

test("getters that throw and revoked proxies", () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.deepEqual(codes(validate(proxy)), [":unreadable"]);
  assert.deepEqual(codes(validate({ get customer_data() { throw new Error("no"); } })), ["customer_data:unreadable"]);
  assert.deepEqual(codes(validate({ customer_data: { customer_key: "c", spaces: new Proxy([], { get() { throw new Error("no"); } }) } })), ["customer_data.spaces:unreadable"]);
  // Traps JSON.stringify never calls, or that throw only when read a second time: plain data is
  // read once, as a tape, and so is a value the fast tape does not take (here, a root of a
  // class, refused before its properties are read). validate must not throw either way.
  class Body {}
  const space = (/** @type {object} */ geolocation) => ({ customer_data: { customer_key: "c", spaces: [{ space_key: "s", name: "n", geolocation }] } });
  const noPrototype = new Proxy({ latitude: 1, longitude: 2 }, { getPrototypeOf() { throw new Error("no"); } });
  let reads = 0;
  const onceOnly = new Proxy({ latitude: 1, longitude: 2 }, {
    get(target, key) {
      if (key === "toJSON" && ++reads > 1) throw new Error("no");
      return Reflect.get(target, key);
    },
  });
  for (const wrap of [(/** @type {object} */ b) => b, (/** @type {object} */ b) => Object.assign(new Body(), b)]) {
    reads = 0;
    for (const geolocation of [noPrototype, onceOnly]) assert.deepEqual(codes(validate(wrap(space(geolocation)))), []);
    assert.equal(reads, 1, "toJSON read once");
  }
  stillWorks();
});
