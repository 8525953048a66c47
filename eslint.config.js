// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Folders that must stay free of the product: they could be published on their own. */
const standalone = (folder) => ({
  files: [`${folder}/**/*.ts`],
  // Tests and their fixtures may use the project's throw-away test database.
  ignores: [`${folder}/**/*.test.ts`, `${folder}/conformance/**`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          // Relative paths only: packages such as the SDK have their own `workflows/` folders.
          { regex: "^(@/|(\\.\\./)+(lib|app|workflows|workers)(/|$))", message: `${folder}/ knows nothing of the product.` },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".data/", "lib/generated/", "next-env.d.ts", "test-results/", "playwright-report/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", Buffer: "readonly", fetch: "readonly", Response: "readonly", Request: "readonly", Headers: "readonly", AbortController: "readonly", AbortSignal: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", structuredClone: "readonly", setImmediate: "readonly", queueMicrotask: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "no-console": "off",
    },
  },
  standalone("engine"),
  standalone("sim"),
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["next", "next/*", "@/app/*", "@/workflows/*", "@/workers/*"], message: "lib/ never imports next/*, app/ or workflows/." }] }],
    },
  },
  {
    // The auditor must be an independent implementation: it may read the rule data, never the gate's code.
    files: ["lib/compliance/audit.ts", "lib/compliance/audit-queries.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        // Repeats lib/'s own restriction: a later block replaces the rule's options for these files.
        { group: ["next", "next/*", "@/app/*", "@/workflows/*", "@/workers/*"], message: "lib/ never imports next/*, app/ or workflows/." },
        { regex: "^\\./(gate|rules/|ledger-views|local-time|load-gate-input|reserve-dial)", message: "The auditor recomputes the rules itself; it must not use the gate's code." },
      ] }],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/workflows/*", "@/workers/*", "@/engine/*"], message: "app/ triggers workflows through lib/orchestration.ts." }] }],
    },
  },
);
