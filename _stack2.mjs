import { validate, validateJson } from "seam-portal";
const [which, kArg] = process.argv.slice(2);
const k = Number(kArg);
const plain = { customer_data: { customer_key: "c", spaces: [{ space_key: "s1", name: "S" }] }, locale: "fr-FR" };
let deep = {}; for (let i = 0; i < 126; i++) deep = { a: deep };
const deepBody = { ...plain, extra: deep };
const fns = { plain: () => validate(plain), deep: () => validate(deepBody), deepJson: () => validateJson(JSON.stringify(deepBody)), date: () => validate({ ...plain, d: new Date() }) };
let result, depth = 0, max = 0;
function near(d) {
  try { near(d + 1); } catch (e) { if (!(e instanceof RangeError)) throw e; max = d; }
  if (result === undefined && d === max - k) {
    try { result = fns[which]().ok; } catch (e) { result = e.constructor.name; }
  }
}
for (let i = 0; i < 50; i++) fns[which]();
near(0);
let after; try { after = validate(plain).ok; } catch (e) { after = e.constructor.name; }
console.log(which, k, "frames", max, result, "after:", after);
