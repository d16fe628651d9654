// @ts-check
// Node's `import` entry: the very module `require` loads, so one process has one Wasm instance.
import node from "./node.cjs";

export * from "./node.cjs";
export default node.default;
