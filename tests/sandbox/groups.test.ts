import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call } from './sandbox-client'

// GET /api/user/models, GET /api/user/self/groups and GET /api/token/auto-groups (docs/newapi-behaviour.md §5).

let sandbox: SandboxGateway
beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(() => sandbox.close())

async function data<T>(path: string): Promise<T> {
  const res = await call(sandbox, 'GET', path)
  expect(res.status).toBe(200)
  expect(res.json.success).toBe(true)
  return res.json.data as T
}

describe('GET /api/user/models', () => {
  it('lists the models of every group the user may use, without duplicates', async () => {
    const models = await data<string[]>('/api/user/models')
    expect(models.every((model) => typeof model === 'string')).toBe(true)
    expect(new Set(models).size).toBe(models.length)
    const own = await data<string[]>('/api/user/models?group=default')
    const vip = await data<string[]>('/api/user/models?group=vip')
    expect([...models].sort()).toEqual([...new Set([...own, ...vip])].sort())
    // The seed tokens' model limits are real models.
    expect(models).toEqual(expect.arrayContaining(['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet']))
  })

  it('narrows to one group, and knows no models for a group the user lacks', async () => {
    const own = await data<string[]>('/api/user/models?group=default')
    const vip = await data<string[]>('/api/user/models?group=vip')
    expect(own).not.toContain('claude-3-5-sonnet')
    expect(vip).toContain('claude-3-5-sonnet')
    expect(await data<string[]>('/api/user/models?group=svip')).toEqual([])
    expect(await data<string[]>('/api/user/models?group=nope')).toEqual([])
  })

  it('does not promise an order: consecutive answers differ, the set does not', async () => {
    const first = await data<string[]>('/api/user/models')
    const second = await data<string[]>('/api/user/models')
    expect(second).not.toEqual(first)
    expect([...second].sort()).toEqual([...first].sort())
  })
})

describe('GET /api/user/self/groups', () => {
  it('describes each usable group with ratio and desc, and auto with the ratio 自动', async () => {
    const groups = await data<Record<string, { ratio: unknown; desc: unknown }>>('/api/user/self/groups')
    expect(Object.keys(groups).sort()).toEqual(['auto', 'default', 'vip'])
    for (const [name, info] of Object.entries(groups)) {
      expect(typeof info.desc).toBe('string')
      if (name === 'auto') expect(info.ratio).toBe('自动')
      else expect(typeof info.ratio).toBe('number')
    }
    const again = await data<Record<string, unknown>>('/api/user/self/groups')
    expect(Object.keys(again)).not.toEqual(Object.keys(groups))
  })
})

describe('GET /api/token/auto-groups', () => {
  it('gives the Auto order (usable groups only) and the per-token maximum', async () => {
    const auto = await data<{ groups: string[]; max_count: number }>('/api/token/auto-groups')
    expect(auto.groups.length).toBeGreaterThan(0)
    const usable = await data<Record<string, unknown>>('/api/user/self/groups')
    expect(auto.groups.every((group) => group in usable && group !== 'auto')).toBe(true)
    expect(Number.isInteger(auto.max_count)).toBe(true)
    expect(auto.max_count).toBeGreaterThanOrEqual(auto.groups.length)
  })

  it('needs auth like every token route', async () => {
    expect((await call(sandbox, 'GET', '/api/token/auto-groups', { headers: {} })).status).toBe(401)
  })
})
