import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import vueI18n from '@intlify/unplugin-vue-i18n/vite'
import type { Plugin } from 'vite'

/**
 * Names, in index.html, the chunks the first render may wait for — each language's catalogue and the
 * dark theme — as `<meta name="tokendesk-chunks">`, so that public/warm-up.js can ask for the window's
 * own while the app's script is still downloading (see there).
 */
function firstRenderChunks(): Plugin {
  const WANTED: Record<string, string> = {
    'en-US-bundle': 'en-US',
    'zh-CN-bundle': 'zh-CN',
    'naive-dark': 'dark',
  }
  return {
    name: 'tokendesk:first-render-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunks: Record<string, string> = {}
        for (const output of Object.values(bundle ?? {})) {
          const key = output.type === 'chunk' && output.isDynamicEntry ? WANTED[output.name] : undefined
          if (key) chunks[key] = `./${output.fileName}`
        }
        if (Object.keys(chunks).length !== Object.keys(WANTED).length)
          throw new Error(`first-render chunks not found in the build: ${JSON.stringify(chunks)}`)
        // Just before warm-up.js: parsed before it can run.
        const warmUp = '<script src="./warm-up.js" async></script>'
        if (!html.includes(warmUp)) throw new Error('index.html no longer loads warm-up.js')
        const content = JSON.stringify(chunks).replaceAll('"', '&quot;')
        return html.replace(warmUp, `<meta name="tokendesk-chunks" content="${content}" />\n    ${warmUp}`)
      },
    },
  }
}

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
      firstRenderChunks(),
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
