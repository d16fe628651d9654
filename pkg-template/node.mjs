// Node's `import` entry: the very module `require` loads, so one process has one Wasm instance.
export * from "./node.cjs";
export { default } from "./node.cjs";
