// @ts-check
// How to run cargo for wasm32 on this machine, decided in one place.
//
// A normal rustup install with the wasm32 target needs nothing special. Machines where rustup
// cannot download the target (see TOOLCHAIN.md in the README) use Debian's rustc-web, which
// ships the standard library's source: cargo then builds std for wasm32 itself (-Zbuild-std,
// allowed on a stable compiler by RUSTC_BOOTSTRAP=1).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const TARGET = "wasm32-unknown-unknown";
const DEBIAN_RUSTC = "/usr/bin/rustc";
const DEBIAN_CARGO = "/usr/bin/cargo";
const DEBIAN_LINKER = "/usr/lib/llvm-19/bin/wasm-ld";

/** Whether the default rustc has the wasm32 standard library installed. */
export function hasRustupTarget() {
  try {
    const sysroot = execFileSync("rustc", ["--print", "sysroot"], { encoding: "utf8" }).trim();
    return existsSync(join(sysroot, "lib", "rustlib", TARGET, "lib"));
  } catch {
    return false;
  }
}

/**
 * The cargo binary, extra arguments and environment for a wasm32 cargo command.
 * @returns {{ cargo: string, args: string[], env: NodeJS.ProcessEnv }}
 */
export function wasmCargo() {
  if (hasRustupTarget()) {
    return { cargo: "cargo", args: ["--target", TARGET], env: { ...process.env } };
  }
  if (!existsSync(DEBIAN_CARGO) || !existsSync(DEBIAN_LINKER)) {
    throw new Error(
      "No Rust toolchain for wasm32: run `rustup target add wasm32-unknown-unknown`, or `bash scripts/setup.sh` " +
        "(as root on Debian it installs rustc-web, rust-web-src and lld-19).",
    );
  }
  return {
    cargo: DEBIAN_CARGO,
    args: ["--target", TARGET, "-Zbuild-std=std,panic_abort"],
    env: {
      ...process.env,
      RUSTC: DEBIAN_RUSTC,
      // rustup's rustdoc cannot read crates built by Debian's newer rustc (E0514).
      RUSTDOC: "/usr/bin/rustdoc",
      RUSTC_BOOTSTRAP: "1",
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER: DEBIAN_LINKER,
    },
  };
}

/**
 * Where and how the shipped .wasm is built (scripts/build.mjs). On the route that builds std
 * itself:
 * - `-Cpanic=immediate-abort`: a panic traps at once instead of formatting its message for a
 *   panic hook that, on wasm32-unknown-unknown, prints it nowhere, so the module leaves out
 *   the formatting machinery, the messages and their source locations (211.9 to 195.6 KiB raw,
 *   89.0 to 80.8 KiB gzip). A panic was a trap before too (`RuntimeError: unreachable`).
 * - std's `optimize_for_size`: its smaller variants of sorting, integer formatting and escaping
 *   (the validator sorts nothing; -1.1 KiB raw).
 * - the source folders of dependencies and of std are cut from the paths the module still holds
 *   (wasm-bindgen's and std's `#[track_caller]` locations), which named this machine's home.
 * The panic strategy is std's to choose, so a prebuilt std (rustup's wasm32 target) keeps
 * `panic = "abort"` and the rest. Its own target directory: the test builds keep their panic
 * messages (wasm-bindgen-test reports failed assertions with them), and neither evicts the
 * other's cache.
 * @param {string} root the project's folder
 * @returns {{ targetDir: string, args: string[], env: NodeJS.ProcessEnv }}
 */
export function shippedBuild(root) {
  if (hasRustupTarget()) return { targetDir: join(root, "target"), args: [], env: {} };
  const targetDir = join(root, "target", "shipped");
  const registry = join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "registry", "src");
  const sources = [
    ...(existsSync(registry) ? readdirSync(registry).map((index) => join(registry, index)) : []),
    join(execFileSync(DEBIAN_RUSTC, ["--print", "sysroot"], { encoding: "utf8" }).trim(), "lib", "rustlib", "src", "rust"),
  ];
  const rustflags = [process.env.RUSTFLAGS, "-Zunstable-options -Cpanic=immediate-abort", ...sources.map((dir) => `--remap-path-prefix=${dir}/=`)];
  return {
    targetDir,
    args: ["-Zbuild-std-features=optimize_for_size"],
    env: { CARGO_TARGET_DIR: targetDir, RUSTFLAGS: rustflags.filter(Boolean).join(" ") },
  };
}

/**
 * Runs `cargo <command> [wasm32 args] ...rest`, inheriting stdio; throws when it fails.
 * @param {string} command
 * @param {string[]} rest
 * @param {NodeJS.ProcessEnv} [extraEnv]
 */
export function runWasmCargo(command, rest, extraEnv = {}) {
  const { cargo, args, env } = wasmCargo();
  const result = spawnSync(cargo, [command, ...args, ...rest], { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    throw new Error(`cargo ${command} for ${TARGET} failed (exit ${result.status})`);
  }
}
