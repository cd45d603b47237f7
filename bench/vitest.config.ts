import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

// Benchmarks run as plain scripts under vitest (for TypeScript and the same module resolution as the
// tests) and print one line per figure: `bench <id>: <value> <unit> (goal <op> <value>)`.
export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  test: {
    include: ['bench/**/*.bench-run.ts'],
    testTimeout: 300_000,
    fileParallelism: false,
    disableConsoleIntercept: true,
  },
})
