// @ts-check
// The package's API in Node, through the packed package: validators, builder, defaults, errors.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { runInNewContext } from "node:vm";
import * as portal from "seam-portal";
import { requestSchema } from "../support/references.mjs";
import {
  PortalRequestBuilder,
  PortalValidationError,
  SeamPortalError,
  init,
  isPortalValidationError,
  validate,
  validateJson,
  withDefaults,
} from "seam-portal";

const minimal = () => ({ customer_data: { customer_key: "customer_1" } });

test("import and require share one module and one Wasm instance", () => {
  const required = createRequire(import.meta.url)("seam-portal");
  assert.equal(required.validate, validate);
  assert.equal(required.PortalValidationError, PortalValidationError);
  assert.equal(portal.default, init);
});

test("import and require export the public API and nothing of the glue", () => {
  const api = [
    "EmbeddedPortal", "PortalRequestBuilder", "PortalValidationError", "SeamApiError", "SeamInvalidInputError",
    "SeamInvalidOptionsError", "SeamInvalidResponseError", "SeamInvalidTokenError", "SeamNetworkError", "SeamPortalError",
    "SeamTimeoutError", "SeamUnauthorizedError", "default", "embedPortal", "init", "isPortalValidationError",
    "landingPageKeys", "submit", "supportedLocales", "validate", "validateJson", "wasmMemoryBytes", "withDefaults",
  ];
  assert.deepEqual(Object.keys(portal).sort(), api);
  const required = createRequire(import.meta.url)("seam-portal");
  assert.deepEqual(Object.keys(required).filter((k) => k !== "__esModule").sort(), api);
  for (const name of api) assert.equal(portal[/** @type {keyof typeof portal} */ (name)], required[name], name);
});

test("init() resolves at once in Node", async () => {
  await init();
  await init();
});

test("validate returns the value and warnings when valid", () => {
  const body = { ...minimal(), customer_date: {} };
  const result = validate(body);
  assert.equal(result.ok, true);
  assert.ok(result.ok && result.value === body);
  assert.deepEqual(result.warnings.map((w) => [w.path, w.code]), [["customer_date", "unknown_property"]]);
});

test("validate reports every issue with path, code and message", () => {
  const result = validate({ locale: "en", customer_data: { customer_key: "", spaces: [{ space_key: "s" }] } });
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.deepEqual(
    result.issues.map((i) => [i.path, i.code]),
    [["locale", "invalid_enum_value"], ["customer_data.customer_key", "too_short"], ["customer_data.spaces[0].name", "required"]],
  );
  for (const issue of result.issues) assert.match(issue.message, /\w/);
});

test("validateJson parses, then applies the same rules", () => {
  const ok = validateJson(JSON.stringify(minimal()));
  assert.deepEqual(ok, { ok: true, value: minimal(), warnings: [] });
  const bad = validateJson('{"customer_data": {"customer_key": 1}');
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && bad.issues[0].code === "invalid_json" && /line 1/.test(bad.issues[0].message));
  // JSON written by hand: what JavaScript allows and JSON does not is named, where it is.
  const slips = [
    ['{"customer_data": {"customer_key": "c",\n}}', "a trailing comma: JSON allows none before } or ] (line 2, column 1)"],
    ["{'customer_data': {}}", "a single quote: JSON strings and keys take double quotes (line 1, column 2)"],
    ['{"customer_data": {} // mine\n}', "a comment: JSON has none (line 1, column 22)"],
    ["{customer_data: {}}", "a key without double quotes: JSON keys are strings (line 1, column 2)"],
    ['{"customer_data": {"customer_key": "c", "floor": 07}}', 'a number with a leading zero: JSON numbers have none (a code such as 0123 is a string: "0123") (line 1, column 51)'],
    ['{"customer_data": {"customer_key": "c", "floor": .5}}', "a number starting with a decimal point: JSON needs a digit before it (0.5, not .5) (line 1, column 50)"],
  ];
  for (const [text, message] of slips) {
    const result = validateJson(text);
    assert.deepEqual(!result.ok && result.issues, [{ path: "", code: "invalid_json", message: `the text is not valid JSON: ${message}` }]);
  }
  // @ts-expect-error: not a string
  const notText = validateJson(42);
  assert.ok(!notText.ok && notText.issues[0].code === "invalid_type");
});

test("validateJson takes the text's UTF-8 bytes too, and says where bytes are not UTF-8", () => {
  const text = JSON.stringify({ customer_data: { customer_key: "café", spaces: [{ space_key: "s", name: "Sala 😀" }] } });
  const utf8 = new TextEncoder().encode(text);
  const expected = { ok: true, value: JSON.parse(text), warnings: [] };
  // Whatever TextDecoder.decode takes: an ArrayBuffer, a Uint8Array, Node's Buffer, a DataView
  // or another typed array (their bytes), a view into a larger buffer (its bytes alone), a
  // SharedArrayBuffer, and those of another realm.
  const inLarger = new Uint8Array(utf8.length + 20);
  inLarger.set(utf8, 10);
  const shared = new SharedArrayBuffer(utf8.length);
  new Uint8Array(shared).set(utf8);
  const foreign = runInNewContext("(bytes) => { const copy = new Uint8Array(bytes.length); copy.set(bytes); return copy; }")(utf8);
  const sources = [utf8, utf8.buffer, Buffer.from(text), new DataView(utf8.buffer), inLarger.subarray(10, 10 + utf8.length), shared, foreign, foreign.buffer];
  for (const bytes of sources) assert.deepEqual(validateJson(bytes), expected);
  assert.deepEqual(validateJson(new Uint16Array(new Uint8Array([...utf8, ...(utf8.length % 2 ? [32] : [])]).buffer)), expected);
  // The same rules: an invalid body is reported as its text would be.
  const invalid = '{"customer_data": {"customer_key": 1}}';
  assert.deepEqual(validateJson(Buffer.from(invalid)), validateJson(invalid));
  // `value` is made when validating: changing the bytes afterwards changes nothing.
  const mutable = Buffer.from(text);
  const result = /** @type {any} */ (validateJson(mutable));
  mutable.fill(32);
  assert.deepEqual(result.value, JSON.parse(text));
  // Bytes that are not UTF-8: where the first one is that is not, in characters; nothing else.
  const notUtf8 = (/** @type {ArrayBuffer | ArrayBufferView} */ bytes) => {
    const result = validateJson(bytes);
    assert.ok(!result.ok);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.issues.length, 1);
    assert.deepEqual([result.issues[0].path, result.issues[0].code], ["", "invalid_json"]);
    return result.issues[0].message;
  };
  const latin1 = Buffer.from('{"customer_data": {\n "customer_key": "café"}}', "latin1");
  assert.equal(notUtf8(latin1), "the text is not valid JSON: it is not UTF-8 (saved as Windows-1252 or Latin-1?) (line 2, column 22)");
  assert.equal(notUtf8(Buffer.from("\ufeff" + text, "utf16le")), "the text is not valid JSON: it is UTF-16, not UTF-8 (line 1, column 1)");
  // A surrogate encoded on its own (CESU-8): not UTF-8 either.
  assert.match(notUtf8(Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22)), /not UTF-8 .*\(line 1, column 2\)$/);
  // A UTF-8 byte order mark is named as in text; empty bytes are no JSON value.
  assert.match(notUtf8(Buffer.from("\ufeff{}")), /byte order mark/);
  assert.equal(notUtf8(new ArrayBuffer(0)), "the text is not valid JSON: unexpected end of text: expected a value (line 1, column 1)");
  // Look-alikes are not bytes: an object claiming to be an ArrayBuffer, a proxy of one (whose
  // traps may throw), named as what they are.
  const fake = Object.create(ArrayBuffer.prototype);
  const proxied = new Proxy(new ArrayBuffer(2), {});
  const hostile = new Proxy(new ArrayBuffer(2), { getPrototypeOf() { throw new Error("trap"); } });
  for (const lookAlike of [fake, proxied, hostile]) {
    const result = validateJson(lookAlike);
    assert.deepEqual(result.ok ? [] : result.issues.map((i) => i.code), ["invalid_type"]);
  }
  // A detached buffer, and a view of one, hold no bytes (as TextDecoder reads them).
  const detached = new ArrayBuffer(8);
  const view = new Uint8Array(detached);
  structuredClone(detached, { transfer: [detached] });
  for (const gone of [detached, view]) assert.equal(notUtf8(gone), "the text is not valid JSON: unexpected end of text: expected a value (line 1, column 1)");
});

test("validateJson given something other than text names its kind without reading what is inside", () => {
  let reads = 0;
  const watched = { get customer_data() { reads++; return {}; } };
  // Its items and length (toJSON is read, as JSON.stringify reads it, to name what it sends).
  const items = new Proxy([1, 2], { get(target, key) { if (key !== "toJSON") reads++; return Reflect.get(target, key); } });
  const cases = /** @type {[unknown, string][]} */ ([
    [watched, "an object"],
    [items, "an array"],
    [{ customer_data: { spaces: new Array(1e6).fill({}) } }, "an object"],
    [new Date(0), "a Date (pass date.toISOString(), or use PortalRequestBuilder, which converts Dates)"],
    [new Map([[1, 2]]), "a Map or Set"],
    [new String("{}"), "a String object (pass the string itself: String(value))"],
    [undefined, "undefined"],
    [10n, "a BigInt"],
  ]);
  for (const [value, kind] of cases) {
    const result = validateJson(/** @type {any} */ (value));
    assert.ok(!result.ok);
    assert.deepEqual(result.issues.map((i) => [i.path, i.code]), [["", "invalid_type"]]);
    assert.ok(result.issues[0].message.startsWith(`validateJson takes JSON text (a string, or its UTF-8 bytes), got ${kind}`), result.issues[0].message);
  }
  assert.equal(reads, 0, "no property of the value was read");
});

test("validateJson's value is parsed when first read, then is a plain property", () => {
  const text = JSON.stringify({ ...minimal(), locale: "pt-PT" });
  const result = /** @type {any} */ (validateJson(text));
  assert.deepEqual(Object.keys(result), ["ok", "value", "warnings"], "in its place among the keys");
  assert.equal(typeof Object.getOwnPropertyDescriptor(result, "value")?.get, "function", "not parsed yet");
  const value = result.value;
  assert.deepEqual(value, JSON.parse(text));
  assert.equal(result.value, value, "parsed once");
  const settled = Object.getOwnPropertyDescriptor(result, "value");
  assert.deepEqual(settled, { value, writable: true, enumerable: true, configurable: true });
  // Whoever reads it first (a spread, JSON.stringify, structuredClone) gets the parsed value.
  assert.deepEqual({ .../** @type {any} */ (validateJson(text)) }.value, JSON.parse(text));
  assert.equal(JSON.stringify(validateJson(text)), JSON.stringify({ ok: true, value: JSON.parse(text), warnings: [] }));
  assert.deepEqual(structuredClone(validateJson(text)), { ok: true, value: JSON.parse(text), warnings: [] });
  // Assigning before reading replaces it without parsing.
  const assigned = /** @type {any} */ (validateJson(text));
  assigned.value = 1;
  assert.equal(assigned.value, 1);
});

test("validate never throws, whatever it is given", () => {
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const throwing = { get customer_data() { throw new Error("getter"); } };
  const cyclic = /** @type {any} */ (minimal());
  cyclic.self = cyclic;
  const values = [undefined, null, 0, NaN, "", "{}", Symbol("s"), 10n, () => {}, [], new Map(), new Date(),
    revocable.proxy, throwing, cyclic, Object.create(null), new Proxy({}, { ownKeys() { throw new Error("keys"); } })];
  for (const value of values) {
    const result = validate(value);
    assert.equal(typeof result.ok, "boolean");
  }
  const thrown = validate(throwing);
  assert.deepEqual(thrown.ok ? [] : thrown.issues.map((i) => i.code), ["unreadable"]);
  assert.equal(validate(minimal()).ok, true, "still working afterwards");
});

test("__proto__ and constructor keys are data, and nothing is polluted", () => {
  const text = '{"customer_data":{"customer_key":"c"},"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}';
  const result = validateJson(text);
  assert.equal(result.ok, true);
  assert.deepEqual(result.ok && result.warnings.map((w) => w.path), ["__proto__", "constructor"]);
  assert.equal(/** @type {any} */ ({}).polluted, undefined);
});

test("PortalValidationError is a real Error subclass with the issues", () => {
  assert.throws(
    () => new PortalRequestBuilder("").build(),
    (/** @type {unknown} */ e) => {
      assert.ok(e instanceof PortalValidationError);
      assert.ok(e instanceof SeamPortalError);
      assert.ok(e instanceof Error);
      assert.ok(isPortalValidationError(e));
      assert.equal(e.name, "PortalValidationError");
      assert.equal(e.code, "portal_validation_error");
      assert.deepEqual(e.issues.map((i) => i.path), ["customer_data.customer_key"]);
      assert.match(e.message, /customer_data\.customer_key: must not be empty/);
      assert.match(String(e.stack), /PortalValidationError/);
      return true;
    },
  );
  assert.equal(isPortalValidationError(new Error("x")), false);
});

test("the builder chains every option and adds every resource kind", () => {
  const builder = new PortalRequestBuilder("customer_1");
  const returned = builder
    .locale("fr-FR")
    .navigationMode("restricted")
    .embedded()
    .excludeLocalePicker(false)
    .customizationProfileId("123e4567-e89b-12d3-a456-426614174000")
    .landingPage({ space_key: "space_1" })
    .deepLink({ resource_type: "reservation", resource_key: "res_1" })
    .features({ manage: { exclude_staff_management: true } })
    .features({ connect: { accepted_providers: ["august"] } })
    .addCustomerResourcesFilter({ field: "region", operation: "=", value: "EU" })
    .dev(false)
    .addSpace({ space_key: "space_1", name: "Space 1" })
    .addSite({ site_key: "site_1", name: "Site" })
    .addProperty({ property_key: "p", name: "P" })
    .addRoom({ room_key: "r", name: "R" })
    .addCommonArea({ common_area_key: "ca", name: "CA" })
    .addUnit({ unit_key: "u", name: "U" })
    .addFacility({ facility_key: "f", name: "F" })
    .addBuilding({ building_key: "b", name: "B" })
    .addListing({ listing_key: "l", name: "L" })
    .addPropertyListing({ property_listing_key: "pl", name: "PL", custom_metadata: { vip: true } })
    .addGuest({ guest_key: "g", name: "G" })
    .addTenant({ tenant_key: "t", name: "T" })
    .addResident({ resident_key: "re", name: "Re" })
    .addUser({ user_key: "us", name: "Us" })
    .addUserIdentity({ user_identity_key: "ui", name: "UI" })
    .addStaffMember({ staff_member_key: "sm", name: "SM" })
    .addReservation({ reservation_key: "res_1", starts_at: new Date(Date.UTC(2025, 5, 1, 15)), ends_at: "2025-06-08T10:00:00Z" })
    .addBooking({ booking_key: "bk" })
    .addAccessGrant({ access_grant_key: "ag", ends_at: new Date(Date.UTC(2025, 5, 2)) });
  assert.equal(returned, builder, "every method returns the builder");
  const request = builder.build();
  assert.equal(request.locale, "fr-FR");
  assert.equal(request.is_embedded, true);
  assert.equal(request.exclude_locale_picker, false);
  assert.deepEqual(request.features, { manage: { exclude_staff_management: true }, connect: { accepted_providers: ["august"] } });
  const data = /** @type {any} */ (request.customer_data);
  for (const list of ["spaces", "sites", "properties", "rooms", "common_areas", "units", "facilities", "buildings", "listings",
    "property_listings", "guests", "tenants", "residents", "users", "user_identities", "staff_members", "reservations", "bookings", "access_grants"]) {
    assert.equal(data[list].length, 1, list);
  }
  assert.equal(data.reservations[0].starts_at, "2025-06-01T15:00:00.000Z");
  assert.equal(data.access_grants[0].ends_at, "2025-06-02T00:00:00.000Z");
  assert.deepEqual(JSON.parse(JSON.stringify(builder)), request, "toJSON");
  assert.equal(builder.validate().ok, true);
});

test("the builder copies resources and reports every problem at build()", () => {
  const space = { space_key: "s", name: "S" };
  const builder = new PortalRequestBuilder("c").addSpace(space);
  space.name = "changed later";
  assert.equal(/** @type {any} */ (builder.build().customer_data).spaces[0].name, "S");
  const bad = new PortalRequestBuilder(" c")
    // @ts-expect-error: not a locale
    .locale("xx")
    .addReservation({ reservation_key: "r", starts_at: new Date(NaN) });
  const result = bad.validate();
  assert.ok(!result.ok);
  assert.deepEqual(result.issues.map((i) => i.path), ["customer_data.customer_key", "customer_data.reservations[0].starts_at", "locale"].sort((a, b) =>
    result.issues.findIndex((i) => i.path === a) - result.issues.findIndex((i) => i.path === b)));
  assert.equal(result.issues.length, 3);
});

test("the builder's flags default to true when left out, and report rather than coerce a value that is not a boolean", () => {
  const flags = (/** @type {PortalRequestBuilder} */ b) => {
    const body = /** @type {any} */ (b.toJSON());
    return [body.is_embedded, body.exclude_locale_picker, body._dev];
  };
  assert.deepEqual(flags(new PortalRequestBuilder("c").embedded().excludeLocalePicker().dev()), [true, true, true]);
  assert.deepEqual(flags(new PortalRequestBuilder("c").embedded(false).excludeLocalePicker(false).dev(false)), [false, false, false]);
  assert.deepEqual(flags(new PortalRequestBuilder("c").embedded(null).excludeLocalePicker(undefined)), [true, true, undefined]);
  // A string "false" used to be taken as true (wasm-bindgen converts a boolean parameter by
  // truthiness), and 0 as false: both are now reported by build(), as any other setter's value.
  const wrong = new PortalRequestBuilder("c")
    // @ts-expect-error: not a boolean
    .embedded("false")
    // @ts-expect-error: not a boolean
    .excludeLocalePicker(0);
  const result = wrong.validate();
  assert.deepEqual(!result.ok && result.issues.map((i) => `${i.path}:${i.code}`), ["is_embedded:invalid_type", "exclude_locale_picker:invalid_type"]);
  assert.throws(() => wrong.build(), /is_embedded: expected a boolean, got a string/);
});

test("the builder's setters never throw, and keep what they cannot copy as an object for build() to report", () => {
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const describe = (/** @type {PortalRequestBuilder} */ b) => {
    const result = b.validate();
    return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
  };
  // A revoked proxy threw from Array.isArray while an `add…` method copied it.
  for (const add of /** @type {const} */ (["addUnit", "addReservation", "addCustomerResourcesFilter"])) {
    const builder = new PortalRequestBuilder("c");
    assert.doesNotThrow(() => builder[add](/** @type {any} */ (revocable.proxy)), add);
    assert.match(describe(builder).join(), /\[0\]: reading this value threw an exception/, add);
  }
  // What JSON does not send as its own keys is not copied into an object that loses it (a Map's
  // entries, a Date, an array made `{ "0": … }`): it is kept as given and reported for what it is.
  assert.deepEqual(describe(new PortalRequestBuilder("c").addUnit(/** @type {any} */ (new Map([["unit_key", "u"]])))),
    ["customer_data.units[0]: expected an object (a unit), got a Map or Set, which JSON.stringify sends as {}, without its entries (pass a plain object, such as Object.fromEntries(map), or an array, such as [...set])"]);
  assert.deepEqual(describe(new PortalRequestBuilder("c").addSite(/** @type {any} */ (new String("s")))), ["customer_data.sites[0]: expected an object (a site), got a string"]);
  assert.deepEqual(describe(new PortalRequestBuilder("c").features(/** @type {any} */ ([{ exclude: true }]))), ["features: expected an object (the features), got an array"]);
  assert.match(describe(new PortalRequestBuilder("c").features(/** @type {any} */ (new Date(0)))).join(), /^features: expected an object \(the features\), got a Date/);
  assert.match(describe(new PortalRequestBuilder("c").features(/** @type {any} */ (new Set([1])))).join(), /^features: expected an object \(the features\), got a Map or Set/);
  // Features merge only into what an earlier call made an object of; class instances are read by
  // their own keys, as JSON sends them, and merged.
  class Organize {
    constructor() {
      this.organize = { exclude: true };
    }
  }
  const merged = new PortalRequestBuilder("c").features({ manage: { exclude_staff_management: true } }).features(/** @type {any} */ (new Organize()));
  assert.deepEqual(/** @type {any} */ (merged.build()).features, { manage: { exclude_staff_management: true }, organize: { exclude: true } });
  const replaced = new PortalRequestBuilder("c").features(/** @type {any} */ ([1])).features({ connect: { exclude: true } });
  assert.deepEqual(/** @type {any} */ (replaced.build()).features, { connect: { exclude: true } });
  // A resource that cannot be copied is kept as given, and the caller's object is not changed.
  const unreadable = { reservation_key: "r", starts_at: new Date(0), get name() { throw new Error("from the caller's getter"); } };
  const kept = new PortalRequestBuilder("c").addReservation(/** @type {any} */ (unreadable));
  assert.ok(unreadable.starts_at instanceof Date, "the caller's Date is left as it is");
  assert.ok(describe(kept).some((issue) => issue.startsWith("customer_data.reservations[0].name: reading this value threw")));
  assert.equal(validate(minimal()).ok, true);
});

test("code the caller supplies that throws is reported, never thrown through the Wasm", () => {
  // A Date subclass whose methods throw stays a Date, which build() reports where it is.
  class BrokenDate extends Date {
    /** @returns {number} */
    getTime() {
      throw new Error("from the caller's Date");
    }
  }
  const result = new PortalRequestBuilder("c").addReservation({ reservation_key: "r", starts_at: new BrokenDate() }).validate();
  assert.ok(!result.ok);
  assert.deepEqual(result.issues.map((i) => `${i.path}:${i.code}`), ["customer_data.reservations[0].starts_at:invalid_type"]);
  // embedPortal reads its options before anything else (in Node, there is no document after).
  assert.throws(
    () => portal.embedPortal("#portal", "https://connect.getseam.com/portal", /** @type {any} */ ({ get title() { throw new Error("from the caller's getter"); } })),
    (/** @type {any} */ error) => error instanceof portal.SeamInvalidOptionsError && /^reading the embedPortal option `title` threw/.test(error.message),
  );
  assert.equal(validate(minimal()).ok, true);
});

test("a getter that calls validate while validate reads it gets its own answer, and so does the caller", () => {
  // validate's JS walk reuses its buffers from call to call; a call from inside the walk takes
  // another route rather than write into the tape being written (which Tape::from_js would
  // most likely refuse, at the cost of the slower route for the caller).
  /** @type {any} */
  let inner;
  const outer = {
    customer_data: {
      customer_key: "c",
      get spaces() {
        inner = validate({ customer_data: { customer_key: "", rooms: [{ room_key: "r", name: "n" }] } });
        return [{ space_key: "s", name: 1 }];
      },
    },
  };
  const result = validate(outer);
  assert.deepEqual(result.ok ? [] : result.issues.map((i) => `${i.path}:${i.code}`), ["customer_data.spaces[0].name:invalid_type"]);
  assert.deepEqual(inner.issues.map((/** @type {any} */ i) => `${i.path}:${i.code}`), ["customer_data.customer_key:too_short"]);
  assert.equal(validate(minimal()).ok, true);
});

test("a getter that calls validate while the careful walk reads it gets its own answer, and so does the caller", () => {
  // The Date sends the outer value to the careful walk (looseJsonTape), and the inner value, a
  // Map, to it too: the inner call writes into buffers of its own.
  /** @type {any} */
  let inner;
  const outer = {
    when: new Date(0),
    customer_data: {
      customer_key: "c",
      get spaces() {
        inner = validate({ customer_data: { customer_key: "", spaces: new Set() } });
        return [{ space_key: "s", name: 1 }];
      },
    },
  };
  const result = validate(outer);
  assert.deepEqual(result.ok ? [] : result.issues.map((i) => `${i.path}:${i.code}`), ["customer_data.spaces[0].name:invalid_type"]);
  assert.deepEqual(inner.issues.map((/** @type {any} */ i) => `${i.path}:${i.code}`), ["customer_data.customer_key:too_short", "customer_data.spaces:invalid_type"]);
  assert.equal(validate(minimal()).ok, true);
});

test("objects are read as JSON.stringify reads them: own enumerable keys, whatever the prototype", () => {
  // A getter on a prototype is not sent, so it is not read either (nor validated).
  let reads = 0;
  class Body {
    get customer_data() {
      reads++;
      return { customer_key: 1 };
    }
  }
  const inherited = Object.assign(new Body(), { locale: "en-US" });
  assert.equal(JSON.stringify(inherited), '{"locale":"en-US"}');
  assert.deepEqual(validate(inherited).ok, true);
  assert.equal(reads, 0);
  // With a Date beside it, the careful walk reads the value. The walk it replaced looked some
  // fields up with Reflect.get, prototype included: it read this getter and warned that
  // features.manage_devices, which JSON does not send, is deprecated.
  class Features {
    get manage_devices() {
      reads++;
      return { exclude: true };
    }
  }
  const dated = { ...minimal(), features: new Features(), when: new Date(0) };
  assert.equal(JSON.stringify(dated.features), "{}");
  const result = validate(dated);
  assert.deepEqual(result.ok ? result.warnings.map((w) => w.path) : "invalid", ["when"]);
  assert.equal(reads, 0);
  // A key someone added to Object.prototype (enumerable, as assignment makes it) is listed by
  // for…in on every object, but JSON.stringify does not send it, so it is not read either.
  /** @type {any} */ (Object.prototype).zz_added = 1n;
  try {
    const plain = { customer_data: { customer_key: "c" } };
    assert.deepEqual(validate(plain), { ok: true, value: plain, warnings: [] });
  } finally {
    delete (/** @type {any} */ (Object.prototype).zz_added);
  }
  // Non-enumerable own properties are not sent either.
  const hidden = Object.defineProperty({ locale: "en-US", when: new Date(0) }, "customer_data", { value: { customer_key: 1 }, enumerable: false });
  assert.deepEqual(validate(hidden).ok ? validate(hidden).warnings.map((w) => w.path) : "invalid", ["when"]);
});

test("validate's JS walk refuses to start a tape while one is being written", async () => {
  // The snippet as the package ships it (wasm-bindgen copies it under a hashed directory). The
  // test above shows validate answers correctly either way; this one shows the guard itself:
  // without it, the inner call would write its own tape into the shared buffers.
  const snippets = join(dirname(createRequire(import.meta.url).resolve("seam-portal/package.json")), "wasm", "snippets");
  const { jsonTape } = await import(pathToFileURL(join(snippets, readdirSync(snippets)[0], "pkg-template", "json-text.js")).href);
  /** @type {unknown} */
  let inner = "not called";
  const outer = {
    a: "x",
    get b() {
      inner = jsonTape({ c: "y" });
      return [1, true, null];
    },
  };
  const tape = jsonTape(outer);
  assert.equal(inner, undefined, "the nested call takes another route");
  // {a: "x", b: [1, true, null]}: the object, two keys, "x", the array and its three items.
  assert.equal(tape.entries.length / 2, 8);
  assert.equal(new TextDecoder().decode(tape.text), "axb");
  assert.deepEqual([...tape.numbers], [1]);
  assert.notEqual(jsonTape({ c: "y" }), undefined, "and the next call writes a tape again");
});

test("the fast walk writes the values JSON changes, and lone surrogates, as the careful walk does, and leaves the rest to it", async () => {
  const snippets = join(dirname(createRequire(import.meta.url).resolve("seam-portal/package.json")), "wasm", "snippets");
  const { jsonTape, looseJsonTape } = await import(pathToFileURL(join(snippets, readdirSync(snippets)[0], "pkg-template", "json-text.js")).href);
  const copy = (/** @type {any} */ tape) => tape && { entries: [...tape.entries], numbers: [...tape.numbers], text: [...tape.text], lone: [...tape.lone] };
  const base = () => ({ customer_data: { customer_key: "c", spaces: [{ space_key: "s", name: "é 😀" }] }, locale: "en-US" });
  // Each at the root, as an object's value and as an array's item, beside plain data.
  class Instance {
    constructor() {
      this.customer_data = { customer_key: "c", when: new Date(0) };
      this.skipped = undefined;
    }
    get notOwn() {
      throw new Error("a getter on the prototype is not read");
    }
  }
  /** @this {{ own: number }} */
  function Legacy() {
    this.own = 1;
  }
  Legacy.prototype.inherited = "enumerable, but not own: JSON.stringify leaves it out";
  const odd = [new Date(0), NaN, -Infinity, 10n, Symbol("s"), () => 1, { toJSON: () => "x" }, { toJSON: 5 }, new Map([[1, 2]]), new Set(),
    new Number(NaN), new Number(5), new String("boxed"), new Boolean(false), Object(2n), undefined, new Instance(), new (/** @type {any} */ (Legacy))(),
    Object.assign(Object.create(null), { a: 1 }), "\ud800", "a\udc00b😀", new String("\udbff"), { ["k\ud800"]: "v\udfff", ok: "😀" },
    // Past a chunk of strings (16 K units), in the middle and at the end of one.
    ["x".repeat(20000), "\ud800", "y".repeat(20000), "z\udc00"]];
  for (const [i, value] of odd.entries()) {
    const cases = [{ ...base(), zz: value }, { ...base(), zz: [1, value, "y"] }, { ...base(), customer_data: { ...base().customer_data, spaces: [value] } }];
    if (typeof value === "object") cases.push(/** @type {any} */ (value));
    for (const root of cases) {
      const fast = copy(jsonTape(root));
      assert.notEqual(fast, undefined, `the fast walk takes odd[${i}]`);
      assert.deepEqual(fast, copy(looseJsonTape(root)), `both walks write odd[${i}] alike`);
    }
  }
  // What it leaves to the careful walk, which reads these differently or reports them itself.
  const cycle = /** @type {any} */ (base());
  cycle.customer_data.self = cycle;
  const leftToCareful = [{ ...base(), zz: Object.assign([1], { toJSON: () => 2 }) }, cycle,
    { ...base(), get zz() { throw new Error("no"); } }, { ...base(), zz: new Proxy({}, { getPrototypeOf() { throw new Error("no"); } }) }];
  for (const root of leftToCareful) assert.equal(jsonTape(root), undefined);
});

test("supportedLocales and landingPageKeys are the spec's, fresh arrays at each call", () => {
  const schema = requestSchema().allOf[0].properties;
  assert.deepEqual(portal.supportedLocales(), schema.locale.enum);
  // The 13 single-key forms of landing_page.manage, each key with the customer_data list it names.
  /** @type {string[]} */
  const keys = schema.landing_page.properties.manage.oneOf.flatMap((/** @type {any} */ branch) =>
    (branch.oneOf ?? [branch]).map((/** @type {any} */ form) => Object.keys(form.properties)[0]));
  const listed = portal.landingPageKeys();
  assert.deepEqual(listed.map((entry) => entry.key), keys);
  assert.equal(listed.length, 13);
  for (const { key, list } of listed) {
    assert.ok(Object.hasOwn(requestSchema().allOf[1].properties.customer_data.properties, list), `${key} names ${list}`);
  }
  const locales = portal.supportedLocales();
  locales.pop();
  assert.equal(portal.supportedLocales().length, 10, "a caller's change does not reach the next call");
});

test("withDefaults fills the documented defaults and keeps what was given", () => {
  const filled = withDefaults({ ...minimal(), is_embedded: true, features: { manage: { exclude: true } } });
  assert.equal(filled.is_embedded, true);
  assert.equal(filled.navigation_mode, "full");
  assert.equal(filled.exclude_locale_picker, false);
  assert.deepEqual(filled.features?.manage, {
    exclude: true, exclude_reservation_management: false, exclude_reservation_technical_details: false, exclude_staff_management: false,
  });
  assert.equal(filled.locale, undefined, "no default is documented for locale");
  assert.throws(() => withDefaults(/** @type {any} */ ({ locale: 1 })), PortalValidationError);
});

test("withDefaults returns a copy: given keys in their order, then the defaults; unknown and null values kept", () => {
  const request = /** @type {any} */ ({ navigation_mode: "restricted", ...minimal(), features: { x: { y: null }, organize: { exclude: true } }, unknown: null });
  const given = structuredClone(request);
  const filled = /** @type {any} */ (withDefaults(request));
  assert.deepEqual(request, given, "the request itself is left as it was");
  assert.deepEqual(Object.keys(filled), ["navigation_mode", "customer_data", "features", "unknown", "_dev", "exclude_locale_picker", "is_embedded"]);
  assert.equal(filled.navigation_mode, "restricted");
  assert.deepEqual(filled.customer_data, { customer_key: "customer_1" });
  assert.equal(filled.unknown, null);
  assert.deepEqual(filled.features.x, { y: null });
  assert.deepEqual(filled.features.organize, { exclude: true });
  assert.deepEqual(Object.keys(filled.features), ["x", "organize", "configure", "connect", "manage", "manage_devices"]);
  assert.deepEqual(filled.features.connect, { exclude: false });
  // A request JSON cannot carry faithfully (a Date in an unknown property) is copied as it is sent.
  const withDate = /** @type {any} */ (withDefaults(/** @type {any} */ ({ ...minimal(), note: new Date(0) })));
  assert.equal(withDate.note, "1970-01-01T00:00:00.000Z");
  assert.equal(withDate.is_embedded, false);
});

test("very large and very deep inputs get answers, and the module keeps working", () => {
  const big = { customer_data: { customer_key: "c", reservations: [{ reservation_key: "r", name: "x".repeat(10 * 1024 * 1024) }] } };
  assert.equal(validate(big).ok, true);
  assert.equal(validateJson(JSON.stringify(big)).ok, true);
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  assert.equal(validateJson(deep).ok, false);
  const spaces = Array.from({ length: 1_000_000 }, () => 1);
  const result = validate({ customer_data: { customer_key: "c", spaces } });
  assert.ok(!result.ok && result.issues.length === 1_000_000);
  assert.equal(validate(minimal()).ok, true);
});
