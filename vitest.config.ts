import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

const alias = { '@shared': resolve('src/shared'), '@renderer': resolve('src/renderer/src') }

// Two projects: Node code (shared logic, core, hosts, sandbox) and renderer components in happy-dom.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/**/*.test.ts', 'src/{shared,main,preload,sandbox}/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['src/renderer/**/*.test.ts'],
          // Component tests mount the whole tokens screen, editor chunks included; on a busy two-core
          // machine one can take longer than the default five seconds without anything being wrong.
          testTimeout: 20_000,
        },
      },
    ],
  },
})
