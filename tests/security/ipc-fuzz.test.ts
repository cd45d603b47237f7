import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import type { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES, type ChannelName } from '@shared/contract/channel-names'
import { contract } from '@shared/contract/contract'
import type { CoreApi, SecretStore } from '../../src/main/core/core-types'
import type * as DispatcherModule from '../../src/main/core/dispatcher'
import type { Handlers } from '../../src/main/core/dispatcher'
import { createCore } from '../../src/main/core/create-core'
import { inputKeysOf } from './schema-keys'

// Malformed payloads, as a compromised renderer could send them over IPC (structured clone: Maps, Sets,
// BigInts, typed arrays, null-prototype objects, sparse arrays…) or the browser host over JSON, go to every
// channel of a real core through its real dispatcher. Every handler is wrapped on its way into the
// dispatcher (the real one still runs), so the test sees whether any handler ran at all.

const RUNS_PER_CHANNEL = 10_000

const reached = new Map<string, unknown[]>()

vi.mock('../../src/main/core/dispatcher', async (importOriginal) => {
  const real = await importOriginal<typeof DispatcherModule>()
  return {
    ...real,
    createDispatcher: (handlers: Handlers, logger: Parameters<typeof real.createDispatcher>[1]) => {
      const recorded = Object.fromEntries(
        Object.entries(handlers).map(([channel, handler]) => [
          channel,
          (input: unknown) => {
            reached.set(channel, [...(reached.get(channel) ?? []), input])
            return (handler as (input: unknown) => unknown)(input)
          },
        ]),
      ) as Handlers
      return real.createDispatcher(recorded, logger)
    },
  }
})

let core: CoreApi
let dataDir: string
const fetchCalls: unknown[] = []

const memorySecrets = (): SecretStore => {
  const secrets = new Map<string, string>()
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => secrets.delete(account),
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-ipc-fuzz-'))
  core = await createCore({
    dataDir,
    secretStore: memorySecrets(),
    // Nothing invalid may get as far as the network.
    fetch: async (input) => {
      fetchCalls.push(input)
      throw new Error('no network in the IPC fuzz test')
    },
    host: 'electron',
    appVersion: '0.0.0-fuzz',
    locale: 'en-US',
  })
})

afterAll(async () => {
  await core?.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** Values a structured-clone IPC message can carry, nested a little. */
const junk = fc.anything({
  maxDepth: 2,
  maxKeys: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
  withObjectString: true,
})

const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'then',
  '',
  'x'.repeat(300),
)

/** Objects with the channel's own field names (some missing) and junk values, maybe one hostile key more. */
function keyedPayloads(keys: readonly string[]) {
  if (keys.length === 0) return fc.dictionary(hostileKey, junk, { minKeys: 1, maxKeys: 2 })
  const fields = fc.record(Object.fromEntries(keys.map((key) => [key, junk])), { requiredKeys: [] })
  return fc.tuple(fields, fc.option(fc.tuple(hostileKey, junk))).map(([record, extra]) => {
    const payload: Record<string, unknown> = { ...record }
    // defineProperty, so `__proto__` becomes an own key as JSON.parse and structured clone make it.
    if (extra) Object.defineProperty(payload, extra[0], { value: extra[1], enumerable: true, writable: true })
    return payload
  })
}

function malformedPayloads(channel: ChannelName) {
  return fc.oneof(
    junk,
    keyedPayloads(inputKeysOf(contract[channel].input)),
    fc.string({ maxLength: 2000 }),
    fc.constantFrom(NaN, -0, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2, 2n ** 70n, null),
  )
}

/** Whether the contract accepts a payload; a schema that throws on it (zod does on some shapes) does not. */
function accepts(schema: z.ZodType, payload: unknown): boolean {
  try {
    return schema.safeParse(payload).success
  } catch {
    return false
  }
}

describe('IPC fuzz through the real dispatcher', () => {
  it.each([...CHANNEL_NAMES])(
    `answers ${RUNS_PER_CHANNEL} malformed payloads to %s with validation errors, running no handler`,
    async (channel) => {
      const schema = contract[channel].input
      let sent = 0
      await fc.assert(
        fc.asyncProperty(malformedPayloads(channel), async (payload) => {
          // Whatever the contract accepts is not malformed: skipped, not counted.
          fc.pre(!accepts(schema, payload))
          sent++
          const result = await core.dispatch(channel, payload)
          // Plain checks rather than expect() matchers: this runs half a million times.
          if (result.ok || result.error.code !== 'validation') {
            throw new Error(`expected a validation error, got ${JSON.stringify(result)}`)
          }
          // The answer must itself cross the bridge: structured clone (IPC) and JSON (browser host).
          structuredClone(result)
          JSON.stringify(result)
        }),
        { numRuns: RUNS_PER_CHANNEL },
      )
      expect(sent).toBeGreaterThanOrEqual(RUNS_PER_CHANNEL)
      expect(reached.get(channel)).toBeUndefined()
    },
  )

  it('answers input that makes zod itself throw with a validation error, on every field of every channel', async () => {
    // Found by the fuzz run: zod's length checks compare `input.length` with a number, and this object
    // (plain JSON, so the browser host can receive it too) cannot be converted to one.
    const unreadable = JSON.parse('{"length":{"valueOf":1,"toString":1}}') as unknown
    for (const channel of CHANNEL_NAMES) {
      for (const key of inputKeysOf(contract[channel].input)) {
        const result = await core.dispatch(channel, { [key]: unreadable })
        expect(result, `${channel}.${key}`).toMatchObject({ ok: false, error: { code: 'validation' } })
      }
      expect(reached.get(channel)).toBeUndefined()
    }
  })

  it('leaves the core healthy: valid calls still reach their handlers, and nothing touched the network', async () => {
    expect(await core.dispatch('app.setLocale', { locale: 'zh-CN' })).toEqual({ ok: true, value: null })
    const info = await core.dispatch('app.info', undefined)
    expect(info).toMatchObject({ ok: true, value: { name: 'TokenDesk', locale: 'zh-CN' } })
    expect([...reached.keys()].sort()).toEqual(['app.info', 'app.setLocale'])
    expect(reached.get('app.setLocale')).toEqual([{ locale: 'zh-CN' }])
    expect(fetchCalls).toEqual([])
  })
})
