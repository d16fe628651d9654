// @ts-check
// The error for a Node entry that cannot find the rest of the package beside it: what happens
// when a bundler for Node (esbuild, webpack with target node) moves the package's code into a
// bundle without the files it reads at run time. Shared by node.mjs and node.cjs.

/**
 * @param {string} what the file that is missing
 * @param {string} where where it was looked for
 * @param {unknown} cause the error that said so
 */
export function bundledWithout(what, where, cause) {
  return new Error(
    `seam-portal: cannot find ${what} at ${where}. A bundler has likely moved the package's code into a bundle without the files it reads at run time: ` +
      "when bundling for Node, keep seam-portal external (esbuild: --packages=external or --external:seam-portal; webpack: externals), so that it loads from node_modules",
    { cause },
  );
}
