import { defineConfig } from "vitest/config";

// Two projects: fast unit/chapter suites, and browser suites that drive Debian's Chromium against a built site.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**"],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          // A poll waits for a state; vitest's 1 s default ran out under load (CI at load ~25: a reload's
          // restored edit shown after 1 s). Polls that assert a time say their own timeout.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
