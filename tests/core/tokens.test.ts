import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LOG_FILE, logFolderOf } from '../../src/main/core/logger'
import { afterEach, describe, expect, it } from 'vitest'
import type { TokenList } from '../../src/shared/contract/contract'
import type { DraftView } from '../../src/shared/domain/draft'
import type { QuotaIntent } from '../../src/shared/domain/quota-intent'
import { type Token } from '../../src/shared/domain/token'
import { editableOf } from '../../src/shared/domain/token-values'
import type { EventName } from '../../src/shared/contract/channel-names'
import { filesContaining } from '../../e2e/fixtures/secret-scan'
import { startSandbox } from '../../src/sandbox/index'
import { startCoreHarness, type CoreHarness } from './core-harness'

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

/**
 * A seeded limited token with plenty of quota that never expires. On a sandbox playing the AnyAPI-like
 * fork it carries that fork's columns with non-default values, so pass-through is visible.
 */
function pickLimitedToken(h: CoreHarness) {
  const row = h.sandbox.control
    .tokens()
    .find((t) => !t.unlimited_quota && t.remain_quota > 10_000_000 && t.expired_time === -1)
  if (!row) throw new Error('the sandbox seeds no limited token that never expires')
  return row
}

describe('tokens of the active server', () => {
  it('lists every token with masked keys and the server facts', async () => {
    harness = await startCoreHarness({ seedTokens: 130 })
    const profile = await harness.addSandboxProfile()
    const list = await harness.value<TokenList>('tokens.list', { profileId: profile.id })
    expect(list.tokens).toHaveLength(harness.sandbox.control.tokens().length)
    expect(list.tokens.length).toBeGreaterThan(100) // more than one page
    expect(list.tokens.every((t) => t.key.includes('**********'))).toBe(true)
    expect(list.server.quotaPerUnit).toBe(500_000)
  })

  it('announces each page of a listing as it arrives, and keeps the list for an instant answer', async () => {
    harness = await startCoreHarness({ seedTokens: 250 })
    const { id } = await harness.addSandboxProfile()
    const before = await harness.value<TokenList>('tokens.cached', { profileId: id })
    expect(before).toMatchObject({ tokens: [], fetchedAt: null, source: 'cache' })
    harness.events.length = 0
    const list = await harness.value<TokenList>('tokens.list', { profileId: id })
    const progress = harness.events
      .filter((e) => e.event === 'tokens.progress')
      .map((e) => e.payload as { loaded: number; total: number | null; tokens: Token[] })
    expect(progress.map((step) => step.total)).toEqual([250, 250, 250])
    expect(progress.map((step) => step.loaded).sort((a, b) => a - b)).toEqual([100, 200, 250])
    expect(progress.flatMap((step) => step.tokens).every((token) => token.key.includes('*'))).toBe(true)
    harness.sandbox.control.clearRequests()
    const cached = await harness.value<TokenList>('tokens.cached', { profileId: id })
    expect(cached.tokens.map((t) => t.id)).toEqual(list.tokens.map((t) => t.id))
    expect(cached.fetchedAt).toBe(list.fetchedAt)
    expect(harness.sandbox.control.requests()).toEqual([]) // answered without asking the server
  })

  it('updates the named fields, passes fork fields through and never refunds quota used meanwhile', async () => {
    harness = await startCoreHarness({ fork: 'anyapi' })
    const profile = await harness.addSandboxProfile()
    const row = pickLimitedToken(harness)
    // A full update zeroes any fork column it omits: non-default values make a dropped one visible.
    expect(row).toMatchObject({ mj_image_mode: 'fast', selected_groups: ['vip'] })
    const loaded = await harness.value<Token>('tokens.get', { profileId: profile.id, id: row.id })

    harness.sandbox.control.consume(row.id, 1_234_567) // usage while the editor is open
    harness.sandbox.control.clearRequests()
    const expiry = Math.floor(Date.now() / 1000) + 86_400
    const events: { event: EventName; payload: unknown }[] = []
    harness.core.onEvent((event, payload) => events.push({ event, payload }))
    const saved = await harness.edit(profile.id, row.id, {
      changes: { name: 'renamed by test', expired_time: expiry, allow_ips: ' 10.0.0.0/8 \n\n1.2.3.4' },
    })
    expect(saved).toMatchObject({ ok: true, value: { outcome: 'synced', draft: null } })

    const stored = harness.sandbox.control.token(row.id)!
    expect(stored.name).toBe('renamed by test')
    expect(stored.expired_time).toBe(expiry)
    expect(stored.allow_ips).toBe('10.0.0.0/8\n1.2.3.4')
    expect(stored.remain_quota).toBe(loaded.remain_quota - 1_234_567)
    for (const field of [
      'unlimited_quota',
      'model_limits_enabled',
      'model_limits',
      'group',
      'mj_image_mode',
      'mj_custom_proxy',
      'selected_groups',
      'key',
    ]) {
      expect(stored[field], field).toEqual(row[field])
    }
    // The change event carries the saved row: the UI needs no further read.
    const changed = events.find((e) => e.event === 'tokens.changed')?.payload as { tokens: Token[] }
    expect(changed.tokens).toEqual([expect.objectContaining({ id: row.id, name: 'renamed by test' })])
    // Two requests, and the refund of that round trip is on record (none here: no usage in between).
    expect(saved.ok && saved.value.record).toMatchObject({ outcome: 'written', requests: 2, refund: 0 })

    const put = harness.sandbox.control.requests().find((r) => r.method === 'PUT')!
    expect(put.headers.authorization).toBe(`Bearer ${harness.sandbox.accessToken}`)
    expect(put.headers['new-api-user']).toBe(String(harness.sandbox.userId))
    const body = put.body as Record<string, unknown>
    for (const field of [
      'id',
      'name',
      'remain_quota',
      'expired_time',
      'unlimited_quota',
      'model_limits_enabled',
      'model_limits',
      'allow_ips',
      'group',
    ]) {
      expect(body, field).toHaveProperty(field)
    }
    expect(body).not.toHaveProperty('key')
    // The fresh read happened right before the PUT.
    const methods = harness.sandbox.control.requests().map((r) => `${r.method} ${r.path.split('?')[0]}`)
    expect(methods.slice(-2)).toEqual([`GET /api/token/${row.id}`, 'PUT /api/token/'])
  })

  it('applies a "set" quota intent exactly, whatever was used meanwhile', async () => {
    harness = await startCoreHarness()
    const profile = await harness.addSandboxProfile()
    const row = pickLimitedToken(harness)
    harness.sandbox.control.consume(row.id, 5_000)
    await harness.edit(profile.id, row.id, { quota: { mode: 'set', value: 12_500_000 } })
    expect(harness.sandbox.control.token(row.id)!.remain_quota).toBe(12_500_000)
  })

  it('refuses invalid edits before sending anything, keeps the input as a draft and the server data', async () => {
    harness = await startCoreHarness()
    const profile = await harness.addSandboxProfile()
    const row = pickLimitedToken(harness)
    harness.sandbox.control.clearRequests()
    const result = await harness.edit(profile.id, row.id, {
      changes: { name: 'x'.repeat(51), allow_ips: '300.1.1.1', expired_time: 5 },
    })
    // Answered (not thrown) as invalid, with every broken rule, so the editor can mark each field.
    const saved = result.ok ? result.value : null
    expect(saved?.outcome).toBe('invalid')
    expect(saved?.issues?.map((f) => f.key).sort()).toEqual([
      'allowIps.invalid',
      'expiry.past',
      'name.tooLong',
    ])
    // The input is kept, as typed, in a held draft.
    const kept = await harness.value<{ drafts: DraftView[] }>('drafts.list', { profileId: profile.id })
    expect(kept.drafts).toEqual([
      expect.objectContaining({
        state: 'held',
        tokenId: row.id,
        changes: expect.objectContaining({ allow_ips: '300.1.1.1' }),
      }),
    ])
    const quota = await harness.edit(profile.id, row.id, { quota: { mode: 'set', value: -1 } })
    expect(quota.ok ? quota.value.issues?.[0]?.key : null).toBe('quota.negative')
    expect(harness.sandbox.control.requests().filter((r) => r.method === 'PUT')).toHaveLength(0)
    expect(harness.sandbox.control.token(row.id)).toEqual(row)
  })

  it('requires a quota intent when an unlimited token becomes limited, and checks the result', async () => {
    harness = await startCoreHarness()
    const profile = await harness.addSandboxProfile()
    const row = pickLimitedToken(harness)
    // An unlimited token's remain_quota counts down regardless, here below zero.
    harness.sandbox.control.patchToken(row.id, { unlimited_quota: true, remain_quota: -3_000 })
    harness.sandbox.control.clearRequests()
    const limit = (quota: QuotaIntent | null) =>
      harness!.edit(profile.id, row.id, { changes: { unlimited_quota: false }, quota })
    const issuesOf = async (quota: QuotaIntent | null) => {
      const result = await limit(quota)
      return result.ok && result.value.outcome === 'invalid' ? result.value.issues : null
    }
    expect(await issuesOf(null)).toEqual([{ path: 'remain_quota', key: 'quota.required' }])
    expect(await issuesOf({ mode: 'add', delta: 1_000 })).toEqual([
      { path: 'remain_quota', key: 'quota.negative' },
    ])
    expect(harness.sandbox.control.requests().filter((r) => r.method === 'PUT')).toHaveLength(0)

    await limit({ mode: 'set', value: 5_000_000 })
    const stored = harness.sandbox.control.token(row.id)!
    expect(stored.unlimited_quota).toBe(false)
    expect(stored.remain_quota).toBe(5_000_000)

    // Already limited: no intent needed, the fresh quota stays.
    await harness.edit(profile.id, row.id, { changes: { unlimited_quota: false, name: 'still limited' } })
    expect(harness.sandbox.control.token(row.id)!.remain_quota).toBe(5_000_000)
  })

  it('acts on the server the call names, even when another server is active', async () => {
    harness = await startCoreHarness()
    const first = await harness.addSandboxProfile()
    const other = await startSandbox()
    try {
      const second = await harness.value<{ id: string }>('profiles.add', {
        name: 'Other',
        baseUrl: other.baseUrl,
        userId: other.userId,
        accessToken: other.accessToken,
      })
      await harness.value('profiles.select', { id: second.id })
      const row = pickLimitedToken(harness)
      await harness.edit(first.id, row.id, { changes: { name: 'on the first' } })
      expect(harness.sandbox.control.token(row.id)?.name).toBe('on the first')
      expect(other.control.token(row.id)?.name).toBe(row.name)
      const gone = await harness.call('tokens.list', { profileId: 'no-such-profile' })
      expect(gone.ok ? null : gone.error.code).toBe('not-found')
    } finally {
      await other.close()
    }
  })

  it('turns an edit of a token deleted on the server into a choice', async () => {
    harness = await startCoreHarness()
    const profile = await harness.addSandboxProfile()
    const row = pickLimitedToken(harness)
    await harness.value('drafts.delete', {
      profileId: profile.id,
      tokenId: row.id,
      base: { id: row.id, status: row.status, ...editableOf(row as Token) },
      mode: 'now',
    })
    // An editor still open on it saves afterwards.
    const result = await harness.edit(profile.id, row.id, { changes: { name: 'x' } })
    expect(result).toMatchObject({
      ok: true,
      value: { outcome: 'conflict', draft: { conflict: { kind: 'deleted' } } },
    })
  })

  it('never writes the access token to the data folder or the log', async () => {
    harness = await startCoreHarness()
    const profile = await harness.addSandboxProfile()
    await harness.value('tokens.list', { profileId: profile.id })
    const row = pickLimitedToken(harness)
    await harness.edit(profile.id, row.id, { changes: { name: 'logged?' } })
    await harness.core.close() // closing writes out the log
    const log = await readFile(join(logFolderOf(harness.dataDir), LOG_FILE), 'utf8')
    expect(log).toContain('gateway request') // the log is written, so the scans below are not vacuous
    expect(log).not.toContain(harness.sandbox.accessToken)
    expect(await filesContaining(harness.dataDir, harness.sandbox.accessToken)).toEqual([])
  })
})
