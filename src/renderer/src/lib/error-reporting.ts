import type { App } from 'vue'
import type { TokenDeskApi } from '@shared/contract/bridge-api'

// Errors the window meets go to main's log as well as to the console: on a user's machine nobody has the
// developer tools open, and the log is what a bug report can carry. Sending is best effort — a failure
// to send is never itself reported (that could loop).

const MAX_MESSAGE = 2000
const MAX_STACK = 8000
/**
 * The browser's note that a resize observer's callback changed the layout again within the same frame
 * (Naive's drawer does, every time it opens): the observer simply runs again next frame. Logged as an
 * error, it buried the real ones.
 */
const RESIZE_OBSERVER_LOOP = /^ResizeObserver loop (completed with undelivered notifications|limit exceeded)/

function describe(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error)
    return { message: error.message || error.name, stack: error.stack?.slice(0, MAX_STACK) }
  const text = typeof error === 'string' ? error : safeJson(error)
  return { message: text || 'Unknown error' }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

export function reportErrorsToMain(app: App, api: Pick<TokenDeskApi, 'app'>): void {
  const send = (error: unknown, source: string) => {
    const { message, stack } = describe(error)
    try {
      void Promise.resolve(
        api.app.log({ level: 'error', message: message.slice(0, MAX_MESSAGE), stack, source }),
      ).catch(() => undefined)
    } catch {
      // The bridge itself is broken: the console still has it.
    }
  }
  app.config.errorHandler = (error, _instance, info) => {
    console.error(error)
    send(error, `vue: ${info}`.slice(0, 200))
  }
  window.addEventListener('error', (event) => {
    if (event.error == null && RESIZE_OBSERVER_LOOP.test(event.message)) return
    send(event.error ?? event.message, 'window')
  })
  window.addEventListener('unhandledrejection', (event) => send(event.reason, 'promise'))
}
