import { validate } from "/tmp/pkgn/node.mjs";
const plain = { customer_data: { customer_key: "c", spaces: [{ space_key: "s1", name: "S" }] }, locale: "fr-FR" };
const body = { ...plain, x: new Date() };
const which = process.argv[2] === "plain" ? plain : body;
if (process.argv[3]) for (let i = 0; i < 50; i++) validate(which);
let log = [];
function near(results, k) {
  try { near(results, k); } catch (e) { if (!(e instanceof RangeError)) throw e; }
  if (results.length < k) {
    try { validate(which); results.push("ok"); } catch (e) { results.push(e); }
  }
}
const results = [];
near(results, 400);
const firstBad = results.findIndex(r => r instanceof WebAssembly.RuntimeError);
console.log(results.slice(0, firstBad + 1).map(r => r === "ok" ? "ok" : r.constructor.name).join(" "));
if (firstBad >= 0) console.log(results[firstBad].stack.split("\n").slice(0, 12).join("\n").slice(0, 3000));
