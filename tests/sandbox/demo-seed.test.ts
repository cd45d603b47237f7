import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { GROUPS, modelsOf } from '../../src/sandbox/group-catalog'
import { call } from './sandbox-client'

// The demo seed (`seed: 'demo'`, what the app's demo server shows) must be data the server itself would
// accept: a newcomer who opens any row and saves it must not meet an error the seed caused.

let sandbox: SandboxGateway
beforeEach(async () => {
  sandbox = await startSandbox({ seed: 'demo', fork: 'anyapi' })
})
afterEach(() => sandbox.close())

describe("seed: 'demo'", () => {
  it('seeds its whole hand-written list, distinct from the test set', async () => {
    const rows = sandbox.control.tokens()
    expect(rows).toHaveLength(20)
    expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length)
    expect(rows.some((row) => row.name.startsWith('bulk-'))).toBe(false)
    const test = await startSandbox()
    try {
      expect(test.control.tokens().map((row) => row.name)).not.toEqual(rows.map((row) => row.name))
    } finally {
      await test.close()
    }
  })

  it('uses only groups and models the user has, and fork columns of the right types', () => {
    for (const row of sandbox.control.tokens()) {
      for (const group of row.group.split(',').filter(Boolean)) {
        expect(group === 'auto' || group in GROUPS, `${row.name}: ${group}`).toBe(true)
      }
      if (row.model_limits) {
        const allowed = new Set(row.group.split(',').flatMap((group) => modelsOf(group || 'default')))
        for (const model of row.model_limits.split(',')) {
          expect(allowed.has(model), `${row.name}: ${model}`).toBe(true)
        }
      }
      expect(typeof row['mj_image_mode']).toBe('string')
      expect(typeof row['mj_custom_proxy']).toBe('string')
      expect(Array.isArray(row['selected_groups'])).toBe(true)
    }
  })

  it('lets every row be saved back as listed (a full update with nothing changed)', async () => {
    const list = await call(sandbox, 'GET', '/api/token/?p=1&size=100')
    const items = (list.json.data as { items: Record<string, unknown>[] }).items
    expect(items).toHaveLength(20)
    for (const item of items) {
      const res = await call(sandbox, 'PUT', '/api/token/', { body: item })
      expect(res.json.success, `${String(item['name'])}: ${res.json.message}`).toBe(true)
    }
  })
})
