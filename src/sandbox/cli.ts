import { CLI_USAGE, parseCliOptions } from './cli-options'
import { startSandbox } from './sandbox-gateway'

// Entry of `npm run sandbox` (built to out/main/sandbox.js, run with plain Node): starts the gateway,
// prints what a person needs to connect TokenDesk (or curl) to it, and runs until SIGINT/SIGTERM.

async function main(): Promise<void> {
  let options
  try {
    options = parseCliOptions(process.argv.slice(2))
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    console.error(CLI_USAGE)
    process.exitCode = 2
    return
  }
  const sandbox = await startSandbox(options)
  console.log(
    [
      `TokenDesk sandbox gateway (${options.mode} mode${options.fork ? `, ${options.fork} fork` : ''}) is running.`,
      `  Base URL:     ${sandbox.baseUrl}`,
      `  User id:      ${sandbox.userId}`,
      `  Access token: ${sandbox.accessToken}`,
      `  Control:      ${sandbox.baseUrl}/__sandbox/tokens  (raw rows), POST /__sandbox/tokens/{id}/consume {"quota": n}, GET /__sandbox/requests`,
      `                POST /__sandbox/faults {"fault": {"kind": "html", "status": 502}, "times": 1, "path": "/api/token/"}`,
      `                POST /__sandbox/usage {"tokenIds": [101], "quotaPerTick": 1000, "intervalMs": 1000}, DELETE /__sandbox/usage`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  )
  let closing = false
  const stop = (signal: string) => {
    if (closing) return
    closing = true
    console.log(`\n${signal} received, closing the sandbox.`)
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
