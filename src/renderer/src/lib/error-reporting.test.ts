import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h, nextTick } from 'vue'
import { createFakeApi } from '@renderer/test/fake-api'
import { reportErrorsToMain } from './error-reporting'

// What reaches main's log when the window meets an error: a component that throws, an error nobody
// caught, a promise nobody awaited — each sent once with its message and stack, and never a loop when
// sending fails.

const logged = (fake: ReturnType<typeof createFakeApi>) =>
  fake.calls.filter((call) => call.channel === 'app.log').map((call) => call.input)

let host: HTMLElement | null = null
afterEach(() => {
  host?.remove()
  host = null
  vi.restoreAllMocks()
})

/** A component whose setup fails (the apps below that are never mounted only need one to exist). */
const Broken = defineComponent({
  setup() {
    throw new Error('the table could not draw')
  },
  render: () => h('div'),
})

function mountThrowing(fake: ReturnType<typeof createFakeApi>) {
  const app = createApp(Broken)
  reportErrorsToMain(app, fake.api)
  host = document.createElement('div')
  document.body.append(host)
  app.mount(host)
  return app
}

describe('reportErrorsToMain', () => {
  it("sends a component's error to main's log, with where it was caught and its stack", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const fake = createFakeApi()
    mountThrowing(fake)
    await nextTick()
    expect(logged(fake)).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'the table could not draw',
        source: expect.stringMatching(/^vue: /),
        stack: expect.stringContaining('the table could not draw'),
      }),
    ])
    expect(console.error).toHaveBeenCalled() // still in the console for whoever has it open
  })

  it('sends uncaught errors and unhandled rejections of the window', () => {
    const fake = createFakeApi()
    reportErrorsToMain(createApp(Broken), fake.api)
    window.dispatchEvent(new ErrorEvent('error', { error: new Error('boom'), message: 'boom' }))
    const rejection = new Event('unhandledrejection') as Event & { reason: unknown }
    rejection.reason = { code: 'weird' }
    window.dispatchEvent(rejection)
    expect(logged(fake)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: 'boom', source: 'window' }),
        expect.objectContaining({ message: '{"code":"weird"}', source: 'promise' }),
      ]),
    )
  })

  it('leaves out the browser’s resize-observer loop note, which is no error of the app', () => {
    const fake = createFakeApi()
    reportErrorsToMain(createApp(Broken), fake.api)
    const note = 'ResizeObserver loop completed with undelivered notifications.'
    window.dispatchEvent(new ErrorEvent('error', { message: note }))
    window.dispatchEvent(new ErrorEvent('error', { message: 'Script error.' }))
    expect(logged(fake)).toEqual([expect.objectContaining({ message: 'Script error.', source: 'window' })])
  })

  it('keeps a long message within what main accepts', () => {
    const fake = createFakeApi()
    reportErrorsToMain(createApp(Broken), fake.api)
    window.dispatchEvent(new ErrorEvent('error', { error: new Error('x'.repeat(5000)) }))
    const [entry] = logged(fake).slice(-1) as { message: string }[]
    expect(entry!.message).toHaveLength(2000)
  })

  it('does not report its own failure to send (no loop)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const fake = createFakeApi()
    const send = vi.fn().mockRejectedValue(new Error('bridge gone'))
    const api = { app: { ...fake.api.app, log: send } }
    reportErrorsToMain(createApp(Broken), api)
    window.dispatchEvent(new ErrorEvent('error', { error: new Error('first') }))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(send).toHaveBeenCalledTimes(1)
  })
})
