import { describe, expect, it } from 'vitest'
import { bulkChangeSchema } from '../../src/shared/domain/bulk-change'
import { fieldIssuesOf } from '../../src/shared/domain/field-issues'

// What the bulk dialog may send: the ticked operations, checked before any token is looked at, with
// the same translated messages the editor shows.

function issues(input: unknown) {
  const parsed = bulkChangeSchema.safeParse(input)
  return parsed.success ? [] : fieldIssuesOf(parsed.error)
}

describe('bulk change schema', () => {
  it('takes the ticked operations and normalises lists as the editor does', () => {
    const parsed = bulkChangeSchema.parse({
      kind: 'edit',
      rename: { mode: 'template', template: 'team-{n}-{id}' },
      quota: { mode: 'add', delta: -500_000 },
      models: { mode: 'add', list: 'gpt-4o, o1,gpt-4o' },
      ips: { mode: 'replace', list: ' 10.0.0.1 \n\n10.0.0.1\n192.168.0.0/16' },
      group: 'vip',
      status: 'disable',
    })
    expect(parsed).toMatchObject({
      models: { mode: 'add', list: 'gpt-4o,o1' },
      ips: { mode: 'replace', list: '10.0.0.1\n192.168.0.0/16' },
    })
  })

  it('asks for at least one ticked operation', () => {
    expect(issues({ kind: 'edit' })).toEqual([{ path: '', key: 'bulk.nothingTicked' }])
  })

  it('does not combine a delete with edits', () => {
    expect(bulkChangeSchema.safeParse({ kind: 'delete' }).success).toBe(true)
    expect(bulkChangeSchema.safeParse({ kind: 'delete', status: 'disable' }).success).toBe(false)
  })

  it('names a placeholder it does not know, with the ones it does', () => {
    expect(issues({ kind: 'edit', rename: { mode: 'template', template: 'key-{nmae}-{n}' } })).toEqual([
      {
        path: 'rename.template',
        key: 'bulk.placeholderUnknown',
        params: { placeholder: '{nmae}', known: '{name} {id} {n}' },
      },
    ])
  })

  it('refuses empty rename texts, but lets find/replace remove the text', () => {
    expect(issues({ kind: 'edit', rename: { mode: 'prefix', text: '' } })[0]?.key).toBe('bulk.textEmpty')
    expect(issues({ kind: 'edit', rename: { mode: 'replace', find: '', replace: 'x' } })[0]?.key).toBe(
      'bulk.textEmpty',
    )
    expect(issues({ kind: 'edit', rename: { mode: 'replace', find: 'old-', replace: '' } })).toEqual([])
  })

  it('checks list entries with the editor rules, by line', () => {
    expect(issues({ kind: 'edit', ips: { mode: 'add', list: '10.0.0.1\n10.0.0.300' } })).toEqual([
      { path: 'ips.list', key: 'allowIps.invalid', params: { line: 2, entry: '10.0.0.300' } },
    ])
    expect(issues({ kind: 'edit', models: { mode: 'remove', list: 'gpt 4o' } })[0]?.key).toBe(
      'modelLimits.spaces',
    )
    expect(issues({ kind: 'edit', group: 'auto,vip' })[0]?.key).toBe('group.autoAlone')
  })

  it('needs entries to add or remove, while replacing with nothing clears the list', () => {
    expect(issues({ kind: 'edit', models: { mode: 'add', list: ' , ' } })[0]?.key).toBe('bulk.listEmpty')
    expect(issues({ kind: 'edit', ips: { mode: 'remove', list: '\n' } })[0]?.key).toBe('bulk.listEmpty')
    expect(issues({ kind: 'edit', models: { mode: 'replace', list: '' } })).toEqual([])
  })

  it('refuses a negative or fractional quota and a duration out of range', () => {
    expect(issues({ kind: 'edit', quota: { mode: 'set', value: -1 } })[0]?.key).toBe('quota.negative')
    expect(issues({ kind: 'edit', quota: { mode: 'add', delta: 0.5 } })[0]?.key).toBe('quota.notInteger')
    const extend = (count: number) => ({
      kind: 'edit',
      expiry: { mode: 'extend', by: { count, unit: 'day' }, from: 'current' },
    })
    expect(issues(extend(0))[0]?.key).toBe('bulk.durationRange')
    expect(issues(extend(10_001))[0]?.key).toBe('bulk.durationRange')
    expect(issues(extend(30))).toEqual([])
  })

  it('refuses what it does not know (a hostile or outdated caller)', () => {
    expect(bulkChangeSchema.safeParse({ kind: 'edit', status: 'enable', key: 'sk-x' }).success).toBe(false)
    expect(bulkChangeSchema.safeParse({ kind: 'edit', status: 'revive' }).success).toBe(false)
  })
})
