import { validate } from "/tmp/pkgn/node.mjs";
const plain = { customer_data: { customer_key: "c", spaces: [{ space_key: "s1", name: "S" }] }, locale: "fr-FR" };
const body = { ...plain, x: new Date() };
console.log(JSON.stringify(validate(body)));
for (let i = 0; i < 50; i++) validate(body);
function near(results, k) {
  try { near(results, k); } catch (e) { if (!(e instanceof RangeError)) throw e; }
  if (results.length < k) { try { results.push(JSON.stringify(validate(body))); } catch (e) { results.push(String(e)); } }
}
const results = []; near(results, 300);
const c = {}; for (const r of results) c[r] = (c[r] ?? 0) + 1; console.log(c);
