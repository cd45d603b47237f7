import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore } from '../core/create-core'
import type { CoreApi } from '../core/core-types'
import { startDemo } from '../core/demo/start-demo'
import { createKeytarStore } from '../core/vault/keytar-store'
import { parseWebCliArgs, USAGE, type WebCliOptions } from './cli-options'
import { startWebHost, type WebHost } from './web-server'

// Entry of `npm run web` (built to out/main/web.js, run by plain Node): the same core as the desktop app,
// served to a browser on this machine. Prints exactly one `TokenDesk web host: <url>` line, which
// end-to-end tests parse (other messages avoid that prefix); the URL carries the per-launch secret in its
// fragment.

// Paths come from this built file (out/main/web.js), never from the working directory.
const here = dirname(fileURLToPath(import.meta.url))
const rendererDir = resolve(here, '../renderer')

function readAppVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(here, '../../package.json'), 'utf8')) as { version?: unknown }
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0'
  } catch {
    return '0.0.0'
  }
}

async function main(): Promise<void> {
  let options
  try {
    options = parseWebCliArgs(process.argv.slice(2))
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    process.exitCode = 2
    return
  }
  if (options.help) {
    console.log(USAGE)
    return
  }

  const startup = startCoreAndHost(options)
  // Registered before the first await: a SIGTERM while the core opens, or just after the address is
  // printed, still shuts down cleanly instead of taking the default action mid-write.
  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl+C means "now".
      process.exit(130)
    }
    stopping = true
    console.log(`\nTokenDesk: stopping the web host (${signal})`)
    startup
      .then(async ({ core, host }) => {
        await host.close()
        await core.close()
      })
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('TokenDesk: web host shutdown failed', error)
          process.exit(1)
        },
      )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)

  const { host } = await startup
  if (stopping) return
  console.log(`TokenDesk web host: ${host.url}`)
  console.log('Open that address in a browser on this machine (the #secret part is required). Ctrl+C stops.')
}

async function startCoreAndHost(options: WebCliOptions): Promise<{ core: CoreApi; host: WebHost }> {
  const core = await createCore({
    dataDir: options.dataDir,
    secretStore: createKeytarStore(options.keychainService),
    fetch: globalThis.fetch,
    host: 'web',
    appVersion: readAppVersion(),
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
  })
  try {
    // Before the page can load: it opens into the demo like into any active server.
    if (options.demo) await startDemo(core)
    return { core, host: await startWebHost({ core, port: options.port, rendererDir }) }
  } catch (error) {
    await core.close()
    throw error
  }
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code === 'EADDRINUSE') console.error('TokenDesk: that port is in use; try --port 0 or another port')
  else console.error('TokenDesk: the web host failed to start', error)
  process.exit(1)
})
