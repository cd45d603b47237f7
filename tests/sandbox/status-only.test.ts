import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call } from './sandbox-client'

// PUT /api/token/?status_only=… (docs/newapi-behaviour.md §5, §6.2): only status is stored. Enabling is refused
// only when the *stored* status is 3 with a past expiry, or 4 with no quota left (controller/token.go
// UpdateToken) — a status servers without Redis store when the key is used; with Redis it stays 1 and
// every enable passes. A full update that fixes the row lets the enable through.

const EXPIRED_MESSAGE = '令牌已过期，无法启用，请先修改令牌过期时间，或者设置为永不过期'
const EXHAUSTED_MESSAGE = '令牌可用额度已用尽，无法启用，请先修改令牌剩余额度，或者设置为无限额度'

let sandbox: SandboxGateway
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.close())

const statusOnly = (body: unknown, value = 'true') =>
  call(sandbox, 'PUT', `/api/token/?status_only=${value}`, { body })

function find(predicate: (row: ReturnType<SandboxGateway['control']['tokens']>[number]) => boolean) {
  const row = sandbox.control.tokens().find(predicate)
  if (!row) throw new Error('seed lacks the needed token')
  return row
}

const now = () => Math.floor(Date.now() / 1000)

describe('status_only update', () => {
  it('stores only the status, ignoring every other field in the body', async () => {
    const before = find((row) => row.status === 1 && row.expired_time === -1 && row.unlimited_quota)
    const res = await statusOnly({ ...before, status: 2, name: 'ignored', remain_quota: 1, group: 'ignored' })
    expect(res.json.success).toBe(true)
    expect(sandbox.control.token(before.id)).toEqual({ ...before, status: 2 })
    expect((res.json.data as { status: number }).status).toBe(2)
  })

  it('needs only id and status, and stores any number unvalidated', async () => {
    const target = find((row) => row.status === 1 && row.expired_time === -1 && row.unlimited_quota)
    expect((await statusOnly({ id: target.id, status: 7 })).json.success).toBe(true)
    expect(sandbox.control.token(target.id)!.status).toBe(7)
  })

  it('counts any non-empty query value, even "false"', async () => {
    const target = find((row) => row.status === 1 && row.expired_time === -1 && row.unlimited_quota)
    await statusOnly({ id: target.id, status: 2, name: 'not stored' }, 'false')
    expect(sandbox.control.token(target.id)).toMatchObject({ status: 2, name: target.name })
  })

  it('treats an empty status_only value as a full update', async () => {
    const target = find((row) => row.status === 1 && row.expired_time === -1 && row.unlimited_quota)
    await statusOnly({ id: target.id, status: 2, name: 'stored' }, '')
    expect(sandbox.control.token(target.id)).toMatchObject({
      status: 1,
      name: 'stored',
      unlimited_quota: false,
    })
  })

  it('enables a token that expired while its stored status stayed 1 (a server with Redis)', async () => {
    const expired = find((row) => row.expired_time !== -1 && row.expired_time <= now())
    expect(expired.status).toBe(1)
    expect(sandbox.control.use(expired.id, 1)).toBe('expired') // refused at use, status left alone
    const res = await statusOnly({ id: expired.id, status: 1 })
    expect(res.json.success).toBe(true)
    expect(sandbox.control.token(expired.id)!.status).toBe(1)
  })

  it('enables a disabled token even when it is expired or exhausted: only 3 and 4 are checked', async () => {
    const expired = find((row) => row.expired_time !== -1 && row.expired_time <= now())
    const limited = find(
      (row) => row.status === 1 && !row.unlimited_quota && row.remain_quota > 0 && row.expired_time === -1,
    )
    sandbox.control.consume(limited.id, limited.remain_quota)
    for (const id of [expired.id, limited.id]) {
      expect((await statusOnly({ id, status: 2 })).json.success).toBe(true)
      expect((await statusOnly({ id, status: 1 })).json.success).toBe(true)
    }
  })

  it('refuses to enable a token stored as exhausted (4) with no quota left', async () => {
    const exhausted = find((row) => row.status === 4 && !row.unlimited_quota && row.remain_quota <= 0)
    const res = await statusOnly({ id: exhausted.id, status: 1 })
    expect(res.json).toEqual({ success: false, message: EXHAUSTED_MESSAGE })
    expect(sandbox.control.token(exhausted.id)!.status).toBe(4)
  })

  it('refuses the enable once a use stored 3 or 4 (no Redis), but allows disabling', async () => {
    sandbox.control.markStatusOnUse(true)
    const expired = find((row) => row.expired_time !== -1 && row.expired_time <= now())
    const limited = find(
      (row) => row.status === 1 && !row.unlimited_quota && row.remain_quota > 0 && row.expired_time === -1,
    )
    sandbox.control.consume(limited.id, limited.remain_quota)
    expect(sandbox.control.use(expired.id, 1)).toBe('expired')
    expect(sandbox.control.use(limited.id, 1)).toBe('exhausted')
    expect(sandbox.control.token(expired.id)!.status).toBe(3)
    expect(sandbox.control.token(limited.id)!.status).toBe(4)
    expect((await statusOnly({ id: expired.id, status: 1 })).json.message).toBe(EXPIRED_MESSAGE)
    expect((await statusOnly({ id: limited.id, status: 1 })).json.message).toBe(EXHAUSTED_MESSAGE)
    expect((await statusOnly({ id: limited.id, status: 2 })).json.success).toBe(true)
  })

  it('revives a token stored as expired in two calls: full update of the expiry, then enable', async () => {
    sandbox.control.markStatusOnUse(true)
    const expired = find((row) => row.expired_time !== -1 && row.expired_time <= now())
    sandbox.control.use(expired.id, 1)
    const fresh = sandbox.control.token(expired.id)!
    expect(fresh.status).toBe(3)
    // The full update echoes the stored status (3): not an enable, so not refused, and not changed.
    const full = await call(sandbox, 'PUT', '/api/token/', { body: { ...fresh, expired_time: -1 } })
    expect(full.json.success).toBe(true)
    expect(sandbox.control.token(expired.id)!.status).toBe(3)
    const enable = await statusOnly({ id: expired.id, status: 1 })
    expect(enable.json.success).toBe(true)
    expect(sandbox.control.token(expired.id)!.status).toBe(1)
  })

  it('lets a stored 3 or 4 be enabled once the row no longer is expired or exhausted', async () => {
    const limited = find(
      (row) => row.status === 1 && !row.unlimited_quota && row.remain_quota > 0 && row.expired_time === -1,
    )
    sandbox.control.patchToken(limited.id, { status: 3 }) // stored 3, but it never expires
    expect((await statusOnly({ id: limited.id, status: 1 })).json.success).toBe(true)
    sandbox.control.patchToken(limited.id, { status: 4 }) // stored 4, but quota is left
    expect((await statusOnly({ id: limited.id, status: 1 })).json.success).toBe(true)
  })

  it('refuses a full update that tries to enable a row the server already marked exhausted', async () => {
    const marked = find((row) => row.status === 4)
    const res = await call(sandbox, 'PUT', '/api/token/', { body: { ...marked, status: 1 } })
    expect(res.json).toEqual({ success: false, message: EXHAUSTED_MESSAGE })
    const echo = await call(sandbox, 'PUT', '/api/token/', { body: { ...marked, remain_quota: 1000 } })
    expect(echo.json.success).toBe(true)
    expect(sandbox.control.token(marked.id)).toMatchObject({ status: 4, remain_quota: 1000 })
  })

  it('still answers record not found for a foreign or missing id', async () => {
    const res = await statusOnly({ id: 5, status: 2 })
    expect(res.json).toEqual({ success: false, message: 'record not found' })
  })
})
