// @ts-check
// How to run cargo for wasm32 on this machine, decided in one place.
//
// A normal rustup install with the wasm32 target needs nothing special. Machines where rustup
// cannot download the target (see TOOLCHAIN.md in the README) use Debian's rustc-web, which
// ships the standard library's source: cargo then builds std for wasm32 itself (-Zbuild-std,
// allowed on a stable compiler by RUSTC_BOOTSTRAP=1).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
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
