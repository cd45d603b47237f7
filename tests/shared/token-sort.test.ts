import { describe, expect, it } from 'vitest'
import type { OverlaidRow } from '@shared/domain/draft-overlay'
import { NOW, rowWith } from './token-rows'
import { type Token } from '@shared/domain/token'
import { TOKEN_STATUS } from '@shared/domain/token-values'
import { SORTABLE_COLUMNS, sortRows } from '@shared/domain/token-sort'

const collator = new Intl.Collator('en-US', { numeric: true, sensitivity: 'base' })
const row = (fields: Partial<Token>, creating = false) =>
  rowWith({ created_time: NOW, remain_quota: 100, ...fields }, { creating })
const names = (rows: OverlaidRow[]) => rows.map((candidate) => candidate.token.name)

describe('sorting the token table', () => {
  it('sorts names as people read them (numbers as numbers, any case)', () => {
    const rows = [
      row({ id: 1, name: 'key 10' }),
      row({ id: 2, name: 'Key 2' }),
      row({ id: 3, name: 'key 1' }),
    ]
    expect(names(sortRows(rows, { column: 'name', order: 'ascend' }, NOW, collator))).toEqual([
      'key 1',
      'Key 2',
      'key 10',
    ])
  })

  it('sorts keys as the column shows them, head first', () => {
    const rows = [
      row({ id: 1, name: 'b', key: 'bbbb**********0000' }),
      row({ id: 2, name: 'a', key: 'AAAA**********9999' }),
      row({ id: 3, name: 'c', key: 'cccc**********1111' }),
    ]
    expect(names(sortRows(rows, { column: 'key', order: 'ascend' }, NOW, collator))).toEqual(['a', 'b', 'c'])
  })

  it('puts unlimited quota above every amount and "never" after every expiry', () => {
    const rows = [
      row({ id: 1, name: 'small', remain_quota: 5 }),
      row({ id: 2, name: 'unlimited', unlimited_quota: true, remain_quota: -100 }),
      row({ id: 3, name: 'big', remain_quota: 9_000 }),
    ]
    expect(names(sortRows(rows, { column: 'remaining', order: 'descend' }, NOW, collator))).toEqual([
      'unlimited',
      'big',
      'small',
    ])
    const expiring = [
      row({ id: 1, name: 'never' }),
      row({ id: 2, name: 'soon', expired_time: NOW + 10 }),
      row({ id: 3, name: 'later', expired_time: NOW + 1000 }),
    ]
    expect(names(sortRows(expiring, { column: 'expires', order: 'ascend' }, NOW, collator))).toEqual([
      'soon',
      'later',
      'never',
    ])
  })

  it('sorts by the effective status, not the stored one', () => {
    const rows = [
      row({ id: 1, name: 'disabled', status: TOKEN_STATUS.disabled }),
      row({ id: 2, name: 'stored enabled but expired', expired_time: NOW - 1 }),
      row({ id: 3, name: 'enabled' }),
    ]
    expect(names(sortRows(rows, { column: 'status', order: 'ascend' }, NOW, collator))).toEqual([
      'enabled',
      'stored enabled but expired',
      'disabled',
    ])
  })

  it('keeps the newest first among equals, pending creates before server tokens, in either order', () => {
    const rows = [row({ id: 5, name: 'x' }), row({ id: 9, name: 'x' }), row({ id: -1, name: 'x' }, true)]
    for (const order of ['ascend', 'descend'] as const)
      expect(sortRows(rows, { column: 'name', order }, NOW, collator).map((r) => r.token.id)).toEqual([
        -1, 9, 5,
      ])
  })

  it('sorts by every column without touching the input, and ignores an unknown column', () => {
    const rows = [row({ id: 1, name: 'b', used_quota: 3 }), row({ id: 2, name: 'a', used_quota: 1 })]
    const before = [...rows]
    for (const column of SORTABLE_COLUMNS) sortRows(rows, { column, order: 'descend' }, NOW, collator)
    expect(rows).toEqual(before)
    expect(names(sortRows(rows, { column: 'used', order: 'ascend' }, NOW, collator))).toEqual(['a', 'b'])
    expect(names(sortRows(rows, { column: 'no such column', order: 'ascend' }, NOW, collator))).toEqual([
      'b',
      'a',
    ])
  })
})
