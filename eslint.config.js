// Type-aware lint for the server, the dashboard, tests and benchmarks. `npm run lint` runs it with
// --max-warnings 0 inside `npm test`; a rule turned off here says why.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Every `eslint-disable` comment says why after ` -- `, as in
// `// eslint-disable-next-line some-rule -- the reason it does not apply here`.
const disableNeedsReason = {
  meta: { type: "suggestion", messages: { noReason: "Say why after ` -- ` in this eslint-disable comment." } },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const text = comment.value.trim();
          if (/^eslint-disable(-next-line|-line)?(\s|$)/.test(text) && !/\s--\s+\S/.test(text))
            context.report({ loc: comment.loc, messageId: "noReason" });
        }
      },
    };
  },
};

export default tseslint.config(
  // *.browser.js: plain scripts a browser test evaluates inside the page, not Node modules.
  { ignores: ["node_modules/", "web/dist/", "data/", ".tmp/", "bin/", "test/**/*.browser.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { local: { rules: { "disable-needs-reason": disableNeedsReason } } },
    rules: {
      "local/disable-needs-reason": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Fastify sends what an async handler returns, so handlers stay async even when they await nothing.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // The rule's default allows these from the DOM lib; on the server URLSearchParams is Node's
      // (@types/node, module "url"), whose string form is the same well-defined query string.
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        {
          allow: [
            { from: "lib", name: ["Error", "URL", "URLSearchParams"] },
            { from: "package", package: "url", name: "URLSearchParams" },
          ],
        },
      ],
    },
  },
  {
    files: ["web/src/**/*.tsx"],
    rules: {
      // React calls an event handler and ignores what it returns, so an async handler is the idiom.
      // Each such handler catches its own errors and shows them (`setError(messageOf(caught))`);
      // promises passed anywhere else than a JSX attribute are still checked.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // This file is plain JavaScript outside every tsconfig: lint it without type information.
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["**/*.test.ts", "test/**/*.ts", "bench/**/*.ts"],
    rules: {
      // Tests and benchmarks hand partial fakes and parsed JSON around; the source is held to the strict rules.
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
