import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES, EVENT_CHANNEL_PREFIX, EVENT_NAMES } from '@shared/contract/channel-names'

// Loads the BUILT preload the way a sandboxed renderer would: one CommonJS file, run with a `require`
// that knows only 'electron'. Anything bundled wrong (an ESM file, a `require("zod")`) fails here.

const bundlePath = resolve('out/preload/index.cjs')

type AnyFn = (...args: unknown[]) => unknown

function loadPreload() {
  const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }))
  const on = vi.fn<(channel: string, listener: AnyFn) => void>()
  const removeListener = vi.fn<(channel: string, listener: AnyFn) => void>()
  const exposed = new Map<string, unknown>()
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: { invoke, on, removeListener },
  }
  const required: string[] = []
  const sandboxRequire = (id: string) => {
    required.push(id)
    if (id === 'electron') return electron
    throw new Error(`sandboxed preload may not require "${id}"`)
  }
  const module = { exports: {} }
  runInNewContext(readFileSync(bundlePath, 'utf8'), {
    require: sandboxRequire,
    module,
    exports: module.exports,
    console,
  })
  return { exposed, invoke, on, removeListener, required }
}

/** The bundle is missing or older than a source it is built from (run on its own, vitest may see one). */
function bundleIsStale(): boolean {
  if (!existsSync(bundlePath)) return true
  const built = statSync(bundlePath).mtimeMs
  const sources = [
    'src/preload/index.ts',
    'src/shared/contract/channel-names.ts',
    'src/shared/contract/bridge-api.ts',
  ]
  return sources.some((source) => statSync(source).mtimeMs > built)
}

beforeAll(() => {
  // `npm test` builds before unit tests; this covers running vitest on its own after an edit.
  if (bundleIsStale()) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
}, 120_000)

describe('built preload (out/preload/index.cjs)', () => {
  it('is CommonJS whose only require is electron', () => {
    const code = readFileSync(bundlePath, 'utf8')
    const requires = [...code.matchAll(/\brequire\s*\(/g)]
    const electronRequires = [...code.matchAll(/\brequire\s*\(\s*(["'`])electron\1\s*\)/g)]
    expect(requires.length).toBeGreaterThan(0)
    expect(electronRequires).toHaveLength(requires.length)
    expect(code).not.toMatch(/^\s*(import|export)\s/m)
    expect(code).not.toMatch(/\bimport\s*\(/)
  })

  it('exposes exactly the contract as window.tokenDesk', () => {
    const { exposed, required } = loadPreload()
    expect([...exposed.keys()]).toEqual(['tokenDesk'])
    expect(new Set(required)).toEqual(new Set(['electron']))
    const api = exposed.get('tokenDesk') as Record<string, unknown>

    const expected = new Map<string, string[]>()
    for (const channel of CHANNEL_NAMES) {
      const [group, method] = channel.split('.') as [string, string]
      expected.set(group, [...(expected.get(group) ?? []), method])
    }
    expect(Object.keys(api).sort()).toEqual([...expected.keys(), 'on'].sort())
    expect(typeof api['on']).toBe('function')
    for (const [group, methods] of expected) {
      const members = api[group] as Record<string, unknown>
      expect(Object.keys(members).sort()).toEqual([...methods].sort())
      for (const method of methods) expect(typeof members[method]).toBe('function')
    }
    // No generic pass-through under any name.
    expect(api).not.toHaveProperty('invoke')
    expect(api).not.toHaveProperty('send')
  })

  it('calls the matching channel with exactly the one input', async () => {
    const { exposed, invoke } = loadPreload()
    const api = exposed.get('tokenDesk') as Record<string, Record<string, AnyFn>>
    for (const channel of CHANNEL_NAMES) {
      const [group, method] = channel.split('.') as [string, string]
      invoke.mockClear()
      const input = { probe: channel }
      const result = await api[group]![method]!(input, 'smuggled extra argument')
      expect(invoke).toHaveBeenCalledTimes(1)
      expect(invoke).toHaveBeenCalledWith(channel, input)
      expect(result).toEqual({ ok: true, value: { channel, input } })
    }
  })

  it('subscribes to known events, hands over only the payload, and unsubscribes', () => {
    const { exposed, on, removeListener } = loadPreload()
    const api = exposed.get('tokenDesk') as { on: (event: string, listener: AnyFn) => () => void }
    for (const event of EVENT_NAMES) {
      on.mockClear()
      const listener = vi.fn()
      const unsubscribe = api.on(event, listener)
      expect(on).toHaveBeenCalledTimes(1)
      const [channel, forward] = on.mock.calls[0]!
      expect(channel).toBe(EVENT_CHANNEL_PREFIX + event)
      const ipcEvent = { sender: { send: () => undefined }, ports: [] }
      forward(ipcEvent, { payload: event })
      expect(listener).toHaveBeenCalledWith({ payload: event })
      expect(listener.mock.calls[0]).toHaveLength(1)
      unsubscribe()
      expect(removeListener).toHaveBeenCalledWith(channel, forward)
    }
  })

  it('refuses unknown events and non-function listeners without touching ipcRenderer', () => {
    const { exposed, on } = loadPreload()
    const api = exposed.get('tokenDesk') as { on: (event: unknown, listener: unknown) => () => void }
    expect(() => api.on('ipc-internal', () => undefined)).toThrow(/Unknown TokenDesk event/)
    expect(() => api.on(`${EVENT_CHANNEL_PREFIX}profiles.changed`, () => undefined)).toThrow()
    expect(() => api.on('__proto__', () => undefined)).toThrow()
    expect(() => api.on(EVENT_NAMES[0], 'not a function')).toThrow(/must be a function/)
    expect(on).not.toHaveBeenCalled()
  })
})
