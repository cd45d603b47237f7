import { afterEach, describe, expect, it } from 'vitest'
import type { TemplatesState } from '../../src/shared/contract/template-contract'
import type { ImportPlan } from '../../src/shared/domain/server-list-document'
import type { TokenTemplate } from '../../src/shared/domain/token-template'
import type { AppErrorData } from '../../src/shared/result'
import { startCoreHarness, type CoreHarness } from './core-harness'

// Token templates through the real core, as either host calls it: every input parsed in main, kept in
// the data folder across restarts, and carried by the server list to another data folder — where a
// template named like a saved one is skipped, replaces it or is kept as well, as the user chooses.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const keysOf = (error: AppErrorData) => error.details?.fields?.map((f) => `${f.path}:${f.key}`)
const names = (state: TemplatesState) => state.templates.map((t) => t.name)

const TEAM_A = {
  name: 'Team A',
  namePrefix: 'team-a-',
  group: 'vip',
  modelLimitsEnabled: true,
  models: 'gpt-4o,claude-3',
  allowIps: '10.0.0.0/8\n203.0.113.7',
  expiry: { kind: 'after', preset: 'days30' },
  quota: { kind: 'amount', units: 10_000_000 },
}

describe('template channels', () => {
  it('refuses bad input at its fields before anything is kept', async () => {
    harness = await startCoreHarness()
    const refused = await harness.call('templates.save', {
      id: null,
      name: ' ',
      group: 'auto,vip',
      allowIps: '10.0.0.1\nnot-an-ip',
      modelLimitsEnabled: true,
    })
    expect(refused.ok ? null : keysOf(refused.error)).toEqual([
      'name:templateName.required',
      'group:group.autoAlone',
      'allowIps:allowIps.invalid',
      'models:modelLimits.emptyEnabled',
    ])
    const stray = await harness.call('templates.save', { id: null, name: 'X', remain_quota: 5 })
    expect(stray.ok ? null : stray.error.code).toBe('validation')
    expect(names(await harness.value<TemplatesState>('templates.list'))).toEqual([])
  })

  it('saves, edits, duplicates and deletes, announces each change, and keeps them across a restart', async () => {
    harness = await startCoreHarness()
    const saved = await harness.value<TokenTemplate>('templates.save', { id: null, ...TEAM_A })
    expect(saved).toEqual({ id: expect.any(String), ...TEAM_A })
    const edited = await harness.value<TokenTemplate>('templates.save', {
      id: saved.id,
      name: 'Team A',
      group: 'default',
      expiry: { kind: 'never' },
    })
    // An edit replaces the template: what it no longer sets is gone.
    expect(edited).toEqual({ id: saved.id, name: 'Team A', group: 'default', expiry: { kind: 'never' } })
    const copy = await harness.value<TokenTemplate>('templates.duplicate', { id: saved.id })
    expect(copy.name).toBe('Team A (2)')
    const taken = await harness.call('templates.save', { id: copy.id, name: 'team a' })
    expect(taken.ok ? null : keysOf(taken.error)).toEqual(['name:templateName.taken'])
    const announced = harness.events.filter((e) => e.event === 'templates.changed')
    expect(announced.map((e) => names(e.payload as TemplatesState))).toEqual([
      ['Team A'],
      ['Team A'],
      ['Team A', 'Team A (2)'],
    ])

    await harness.restart()
    const listed = await harness.value<TemplatesState>('templates.list')
    expect(listed.templates).toEqual([edited, copy])
    expect(await harness.value('templates.delete', { id: copy.id })).toBeNull()
    const gone = await harness.call('templates.delete', { id: copy.id })
    expect(gone.ok ? null : gone.error.code).toBe('not-found')
    expect(names(await harness.value<TemplatesState>('templates.list'))).toEqual(['Team A'])
  })
})

describe('templates in the server list', () => {
  it('travel with the exported list and arrive in a fresh data folder', async () => {
    harness = await startCoreHarness()
    await harness.addSandboxProfile()
    const saved = await harness.value<TokenTemplate>('templates.save', { id: null, ...TEAM_A })
    const { text } = await harness.value<{ text: string }>('profiles.export')
    const document = JSON.parse(text) as { templates: unknown[] }
    // No id: ids are the saving machine's own.
    expect(document.templates).toEqual([TEAM_A])

    const { core: fresh } = await harness.otherCore()
    const plan = await fresh.dispatch('profiles.importPreview', { text })
    expect(plan).toMatchObject({
      ok: true,
      value: { templates: { candidates: [{ name: 'Team A', sameNameAs: null }], invalid: [] } },
    })
    const imported = await fresh.dispatch('profiles.import', { text })
    expect(imported).toMatchObject({
      ok: true,
      value: { templates: { added: [expect.any(String)], replaced: [] } },
    })
    const listed = await fresh.dispatch('templates.list', undefined)
    const arrived = listed.ok ? (listed.value as TemplatesState).templates : []
    expect(arrived).toEqual([{ ...TEAM_A, id: expect.any(String) }])
    expect(arrived[0]?.id).not.toBe(saved.id)
  })

  it('imports a list written before templates existed', async () => {
    harness = await startCoreHarness()
    const text = JSON.stringify({
      format: 'tokendesk.servers',
      version: 1,
      exportedAt: '2026-10-01T00:00:00.000Z',
      servers: [{ name: 'Old', baseUrl: 'https://old.example.com', userId: 3 }],
    })
    const plan = await harness.value<ImportPlan>('profiles.importPreview', { text })
    expect(plan.templates).toEqual({ candidates: [], invalid: [] })
    const imported = await harness.value<{ added: string[] }>('profiles.import', { text })
    expect(imported).toEqual({ added: [expect.any(String)], templates: { added: [], replaced: [] } })
  })

  it('skips, replaces or keeps both of a template named like a saved one; reports invalid ones', async () => {
    harness = await startCoreHarness()
    const mine = await harness.value<TokenTemplate>('templates.save', {
      id: null,
      name: 'team a',
      group: 'mine',
    })
    const text = JSON.stringify({
      format: 'tokendesk.servers',
      version: 1,
      exportedAt: '2026-12-01T00:00:00.000Z',
      servers: [],
      templates: [
        TEAM_A,
        { name: 'Broken', allowIps: '999.1.1.1' },
        { name: 'Fresh', quota: { kind: 'unlimited' } },
        { ...TEAM_A, group: 'second-of-the-same-name' }, // only the first of a name counts
      ],
    })
    const plan = await harness.value<ImportPlan>('profiles.importPreview', { text })
    expect(plan.templates).toEqual({
      candidates: [
        { name: 'Team A', sameNameAs: mine.id },
        { name: 'Fresh', sameNameAs: null },
      ],
      invalid: [{ index: 1, key: 'allowIps.invalid', params: { line: 1, entry: '999.1.1.1' } }],
    })
    const list = async () => (await harness!.value<TemplatesState>('templates.list')).templates

    // Skip (the default, as for a saved server): only the new one arrives.
    await harness.value('profiles.import', { text })
    expect((await list()).map((t) => [t.name, t.group])).toEqual([
      ['team a', 'mine'],
      ['Fresh', undefined],
    ])
    // Keep both: the file's arrives under a free name (Fresh is now a twin too).
    await harness.value('profiles.import', { text, sameNameTemplates: 'keepBoth' })
    expect((await list()).map((t) => t.name)).toEqual(['team a', 'Fresh', 'Team A (2)', 'Fresh (2)'])
    // Replace: the saved one takes the file's fields and name, and keeps its id.
    const replaced = await harness.value<{ templates: { replaced: string[] } }>('profiles.import', {
      text,
      sameNameTemplates: 'replace',
    })
    expect(replaced.templates.replaced).toHaveLength(2)
    const after = await list()
    expect(after.find((t) => t.id === mine.id)).toEqual({ ...TEAM_A, id: mine.id })
    expect(after).toHaveLength(4)
  })
})
