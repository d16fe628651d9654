// Cold process: attempts validate at every depth near the stack's end, then checks the module.
const m = await import(process.argv[2] ?? "./pkg/node.mjs");
const plain = { customer_data: { customer_key: "c", spaces: [{ space_key: "s1", name: "S" }] }, locale: "fr-FR" };
const fns = { date: () => m.validate({ ...plain, d: new Date() }), plain: () => m.validate(plain), json: () => m.validateJson(JSON.stringify(plain)), defaults: () => m.withDefaults(plain),
  invalid: () => m.validate({ ...plain, locale: "xx", customer_data: { customer_key: " " } }), invalidJson: () => m.validateJson(JSON.stringify({ ...plain, locale: "xx" })),
  locales: () => m.supportedLocales(), submit: () => { m.submit(plain, { apiKey: "seam_x", endpoint: "http://127.0.0.1:9", fetch: () => new Promise(() => {}), timeoutMs: 1 }).catch(() => {}); return "sent"; },
  builder: () => new m.PortalRequestBuilder().locale("fr-FR").build(), deep: () => { let d = {}; for (let i = 0; i < 120; i++) d = { a: d }; return m.validate({ ...plain, x: d }); } };
const fn = fns[process.argv[3] ?? "date"];
const counts = {};
function near(left) {
  try { near(left); } catch (e) { if (!(e instanceof RangeError)) throw e; }
  if (left.n-- > 0) { let r; try { const v = fn(); r = v && typeof v === "object" && "ok" in v ? `ok=${v.ok}${v.ok ? "" : " " + JSON.stringify(v.issues)}` : "returned"; } catch (e) { r = `${e.constructor.name}: ${e.message.slice(0, 50)}`; } counts[r] = (counts[r] ?? 0) + 1; }
}
near({ n: Number(process.argv[4] ?? 3000) });
let after; try { after = [m.validate(plain).ok, m.validateJson(JSON.stringify(plain)).ok, m.validate({ ...plain, d: new Date() }).ok, m.withDefaults(plain).locale]; } catch (e) { after = String(e); }
console.log(process.argv[3], JSON.stringify(counts), "after:", JSON.stringify(after));
