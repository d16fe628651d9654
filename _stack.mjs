import { validate, validateJson, withDefaults } from "/tmp/pkgn/node.mjs";
const body = { customer_data: { customer_key: "c", spaces: [{ space_key: "s1", name: "S" }] }, locale: "fr-FR", x: new Date() };
const plain = { customer_data: { customer_key: "c", spaces: [{ space_key: "s1", name: "S" }] }, locale: "fr-FR" };
function attempt(fn) {
  try { const r = fn(); return r && typeof r === "object" && "ok" in r ? `ok=${r.ok}${r.ok ? "" : " " + r.issues.map(i => i.code + ":" + i.path).join(",")}` : "returned"; } catch (e) { if (e instanceof WebAssembly.RuntimeError && !globalThis.shown) { globalThis.shown = 1; console.log(e.stack.split("\n").slice(0, 14).join("\n")); } return `${e?.constructor?.name}: ${String(e?.message).slice(0, 70)}`; }
}
function near(fn, results, k) {
  try { near(fn, results, k); } catch (e) { if (!(e instanceof RangeError)) throw e; }
  if (results.length < k) results.push(attempt(fn));
}
const fns = { validateDate: () => validate(body), validatePlain: () => validate(plain), validateJson: () => validateJson(JSON.stringify(plain)), withDefaults: () => withDefaults(plain) };
for (const fn of Object.values(fns)) for (let i = 0; i < 50; i++) fn();
for (const [name, fn] of Object.entries(fns)) {
  const results = [];
  near(fn, results, 3000);
  const counts = {};
  for (const r of results) counts[r] = (counts[r] ?? 0) + 1;
  console.log(name, counts);
  console.log("  afterwards:", attempt(() => validate(plain)), attempt(() => validate(body)), attempt(() => validateJson(JSON.stringify(plain))));
}
