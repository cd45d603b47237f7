import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import vueI18n from '@intlify/unplugin-vue-i18n/vite'

// One build produces every runnable piece: the Electron main process, the browser host and the sandbox
// gateway share the main (Node) build; the preload is a single self-contained CommonJS file because a
// sandboxed preload can only `require('electron')`.
export default defineConfig({
  main: {
    resolve: { alias: { '@shared': resolve('src/shared') } },
    build: {
      rolldownOptions: {
        input: {
          index: resolve('src/main/electron/index.ts'),
          web: resolve('src/main/web/cli.ts'),
          sandbox: resolve('src/sandbox/cli.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: { '@shared': resolve('src/shared') } },
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    resolve: {
      alias: {
        '@shared': resolve('src/shared'),
        '@renderer': resolve('src/renderer/src'),
        '@juggle/resize-observer': resolve('src/renderer/src/lib/native-resize-observer.ts'),
      },
    },
    plugins: [
      vue(),
      // The catalogues' messages are compiled at build time, so the first screen neither ships vue-i18n's
      // message compiler nor spends its first render compiling every text it shows.
      vueI18n({
        include: [resolve('src/renderer/src/i18n/en-US.ts'), resolve('src/renderer/src/i18n/zh-CN.ts')],
        dropMessageCompiler: true,
        fullInstall: false,
      }),
    ],
    build: {
      // electron-vite leaves the renderer unminified by default: 2.5 MB in one chunk took about a second
      // to become interactive. Minified, and split where the app loads parts on first use (the editor,
      // the outbox and servers sections: see their defineAsyncComponent).
      minify: true,
      rolldownOptions: {
        input: { index: resolve('src/renderer/index.html') },
        // What the first screen imports statically is grouped on its own (left to itself the bundler
        // splits it wherever a lazy part shares a module, into many small files), then cut into pieces
        // of at most about 1 MB of source: the browser parses the pieces of a page on several threads
        // at once, where one file of 680 kB kept one thread busy for a quarter of a second while the
        // page waited. The pieces compress about 5 kB worse in all, measured by `npm run bench`.
        output: {
          codeSplitting: { groups: [{ name: 'first-screen', tags: ['$initial'], maxSize: 1_000_000 }] },
        },
      },
    },
  },
})
