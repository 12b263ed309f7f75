import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "lib/", "tmp/", "cdktf.out/", "src/.gen/", "src/.gen-cdktn/", "build/", "dist/", "docs/", "**/cdktf.out/", "coverage/", "**/*.js", "*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
);
