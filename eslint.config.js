import js from "@eslint/js";
import tseslint from "typescript-eslint";
import astro from "eslint-plugin-astro";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      ".astro/",
      ".cache/", // gitignored scratch (e.g. builds into another outDir)
      "node_modules/",
      "public/",
      "artifacts/",
      "test/fixtures/",
      "test/notebook/golden/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The library must run unchanged in Node and browsers, with seeded randomness only.
    files: ["src/mlp/**/*.ts", "src/data/**/*.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use a seeded Rng." },
      ],
    },
  },
  {
    // The library is the same in a page, a worker and Node: no page globals.
    files: ["src/mlp/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "document", message: "src/mlp runs in workers and Node too: no DOM." },
        { name: "window", message: "src/mlp runs in workers and Node too: use globalThis if you must." },
      ],
    },
  },
);
