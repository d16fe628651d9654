// @ts-check
// A short run of every fuzz target (FUZZ_SECONDS each, default 10), from a copy of its seed
// corpus. Long runs are done by hand: `cargo +nightly fuzz run <target> -- -max_total_time=600`
// in fuzz/. A crash fails the run and leaves its input in fuzz/artifacts/<target>/; add it to
// fuzz/regressions/<target>/, where tests/fuzz_regressions.rs replays it on every `npm test`.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const fuzz = join(dirname(fileURLToPath(import.meta.url)), "..", "fuzz");
const seconds = Number(process.env.FUZZ_SECONDS ?? 10);
const targets = ["validate_bytes", "validate_structured", "json_parser", "js_tape", "response", "validation_errors"];

// cargo-fuzz needs nightly flags: rustup's nightly when there is one, else the stable compiler
// with RUSTC_BOOTSTRAP=1 (which accepts them).
let nightly = false;
try {
  nightly = execFileSync("rustup", ["toolchain", "list"], { encoding: "utf8" }).includes("nightly");
} catch {
  // No rustup: use the default cargo.
}
const cargo = nightly ? ["+nightly"] : [];
const env = nightly ? process.env : { ...process.env, RUSTC_BOOTSTRAP: "1" };

let failed = 0;
for (const target of targets) {
  const corpus = mkdtempSync(join(tmpdir(), `fuzz-${target}-`));
  cpSync(join(fuzz, "corpus", target), corpus, { recursive: true, errorOnExist: false });
  console.log(`fuzz smoke: ${target}, ${seconds} s`);
  const run = spawnSync("cargo", [...cargo, "fuzz", "run", "-O", target, corpus, "--", `-max_total_time=${seconds}`, "-rss_limit_mb=4096"], {
    cwd: fuzz,
    env,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  const summary = run.stderr.split("\n").filter((l) => /^Done \d+ runs|ERROR|panicked|SUMMARY/.test(l));
  console.log(summary.join("\n") || run.stderr.slice(-2000));
  if (run.status !== 0) failed++;
}
console.log(`${targets.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
