import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { DraftView } from '@shared/domain/draft'
import type { OverlaidRow } from '@shared/domain/draft-overlay'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import { NEVER_EXPIRES, TOKEN_STATUS } from '@shared/domain/token-values'
import enUS from '@renderer/i18n/en-US'
import zhCN from '@renderer/i18n/zh-CN'
import { groupLabel } from '@renderer/lib/group-label'
import { rowLabels } from '@renderer/lib/row-labels'
import { rowView } from '@renderer/lib/row-view'
import { TOKEN_COLUMNS } from '@renderer/lib/token-columns'
import { makeToken } from '@renderer/test/fake-api'
import { buildRowCells, type RowMarks } from './grid-row-cells'

// A table row's cells are built once and then written over with whatever token comes to their place.
// Whatever it showed before, a row must read exactly as one built afresh for its new token.

const NOW = 1_800_000_000
const DAY = 86_400

function context(locale: 'en-US' | 'zh-CN') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'en-US': enUS, 'zh-CN': zhCN } })
  const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string
  return {
    facts: DEFAULT_SERVER_FACTS,
    nowSeconds: NOW,
    locale,
    labels: rowLabels(t),
    groupLabel: (group: string | null | undefined) => groupLabel(group, 'default', t, locale),
  }
}

const row = (token: Parameters<typeof makeToken>[0], more: Partial<OverlaidRow> = {}): OverlaidRow => ({
  token: makeToken({ created_time: NOW - 30 * DAY, ...token }),
  drafts: [],
  state: null,
  deleting: false,
  creating: false,
  ...more,
})

const ROWS: Record<string, OverlaidRow> = {
  plain: row({ id: 1, name: 'alpha', remain_quota: 500_000, used_quota: 500_000, accessed_time: NOW - 60 }),
  unnamed: row({ id: 2, name: '', key: '' }),
  disabled: row({ id: 3, name: 'off', status: TOKEN_STATUS.disabled, group: 'vip,svip' }),
  expired: row({ id: 4, name: 'old', expired_time: NOW - DAY }),
  exhausted: row({ id: 5, name: 'empty', remain_quota: 0, used_quota: 10 }),
  unlimited: row({ id: 6, name: 'free', unlimited_quota: true, expired_time: NEVER_EXPIRES }),
  limits: row({
    id: 7,
    name: 'limits',
    model_limits_enabled: true,
    model_limits: 'a,b',
    allow_ips: '10.0.0.1',
  }),
  limitsEmpty: row({ id: 8, name: 'none', model_limits_enabled: true, model_limits: '' }),
  draft: row({ id: 9, name: 'edited' }, { state: 'conflict' }),
  creating: row(
    { id: -1, name: 'bot' },
    { state: 'held', creating: true, drafts: [{ quantity: 3 } as DraftView] },
  ),
  deleting: row({ id: 10, name: 'gone' }, { state: 'pending', deleting: true }),
}

const MARKS: RowMarks[] = [
  { selected: false, kept: false, current: false, keysOpen: false, keysBusy: false },
  { selected: true, kept: true, current: true, keysOpen: true, keysBusy: true },
]

/** A node's markup with its attributes in name order: the order they were set in makes no difference. */
function markup(node: Node): string {
  if (!(node instanceof Element)) return node.textContent ?? ''
  const attributes = [...node.attributes].map((attribute) => `${attribute.name}="${attribute.value}"`).sort()
  const children = [...node.childNodes].map(markup).join('')
  return `<${node.localName} ${attributes.join(' ')}>${children}</${node.localName}>`
}

/** The row as the page has it: its markup and the checkbox's state (a property, not an attribute). */
function drawn(element: HTMLElement) {
  const box = element.querySelector<HTMLInputElement>('input[type="checkbox"]')!
  return {
    html: [...element.childNodes].map(markup).join(''),
    checked: box.checked,
    disabled: box.disabled,
  }
}

function fresh(subject: OverlaidRow, marks: RowMarks, locale: 'en-US' | 'zh-CN') {
  const element = document.createElement('div')
  const ctx = context(locale)
  buildRowCells(element, TOKEN_COLUMNS)(rowView(subject, ctx), marks, ctx.labels)
  return drawn(element)
}

describe('a table row reused for another token', () => {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`reads as if built for it, whatever it showed before (${locale})`, () => {
      const ctx = context(locale)
      for (const [beforeName, before] of Object.entries(ROWS)) {
        const element = document.createElement('div')
        const paint = buildRowCells(element, TOKEN_COLUMNS)
        for (const [afterName, after] of Object.entries(ROWS)) {
          for (const [index, marks] of MARKS.entries()) {
            paint(rowView(before, ctx), MARKS[1 - index]!, ctx.labels)
            paint(rowView(after, ctx), marks, ctx.labels)
            expect(drawn(element), `${beforeName} → ${afterName}`).toEqual(fresh(after, marks, locale))
          }
        }
      }
    })
  }

  it('shows what each kind of token offers', () => {
    const ctx = context('en-US')
    const cellsOf = (subject: OverlaidRow) => {
      const element = document.createElement('div')
      buildRowCells(element, TOKEN_COLUMNS)(rowView(subject, ctx), MARKS[0]!, ctx.labels)
      return element
    }
    const actions = (element: HTMLElement) =>
      [...element.querySelectorAll<HTMLElement>('[data-action]')].map((node) => node.dataset.action)

    expect(actions(cellsOf(ROWS.plain!))).toEqual(['select', 'edit', 'toggle', 'delete', 'keys'])
    expect(actions(cellsOf(ROWS.expired!))).toEqual(['select', 'edit', 'revive', 'delete', 'keys'])
    expect(actions(cellsOf(ROWS.creating!))).toEqual(['select', 'edit'])
    // Revive says what it will set: the new expiry, or the quota it gives back (what it had used).
    const reviveTitle = (subject: OverlaidRow) =>
      cellsOf(subject).querySelector('[data-action="revive"]')?.getAttribute('title')
    expect(reviveTitle(ROWS.expired!)).toBe('Revive: it expires 30 days from now, then it is enabled')
    expect(reviveTitle(row({ id: 11, name: 'spent', remain_quota: 0, used_quota: 25_000_000 }))).toBe(
      'Revive: its quota is set to $50.00, then it is enabled',
    )

    const plain = cellsOf(ROWS.plain!)
    expect(plain.querySelector('[role="meter"]')?.getAttribute('aria-valuenow')).toBe('50')
    expect(plain.querySelector('[data-action="toggle"]')?.getAttribute('aria-label')).toBe(
      'Disable token alpha',
    )
    expect(plain.querySelector('.grid-draft')).toBeNull()

    const creating = cellsOf(ROWS.creating!)
    expect(creating.querySelector('.grid-draft')?.textContent).toBe('New ×3 · Draft')
    expect(creating.querySelector('.token-name')?.textContent).toBe('bot')

    const unnamed = cellsOf(ROWS.unnamed!)
    expect(unnamed.querySelector('.token-name')?.classList.contains('grid-quiet')).toBe(true)
    expect(unnamed.querySelector('.grid-cell--key')?.textContent).toBe('—')

    const limits = cellsOf(ROWS.limits!)
    const counts = [...limits.querySelectorAll('.grid-cell--end')].map((cell) => cell.textContent)
    expect(counts).toContain('2')
    expect(counts).toContain('1')
    expect(cellsOf(ROWS.unlimited!).querySelector('[role="meter"]')).toBeNull()
  })

  it('puts every text in an element of its own, which a too narrow column cuts with an ellipsis', () => {
    // A cell is a flex box: text straight in it is cut mid-letter, whatever its text-overflow says.
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const ctx = context(locale)
      for (const [name, subject] of Object.entries(ROWS)) {
        const element = document.createElement('div')
        buildRowCells(element, TOKEN_COLUMNS)(rowView(subject, ctx), MARKS[0]!, ctx.labels)
        const bare = [...element.querySelectorAll('[role="gridcell"]')].flatMap((cell) =>
          [...cell.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()),
        )
        expect(
          bare.map((node) => node.textContent),
          `${name} (${locale})`,
        ).toEqual([])
      }
    }
  })
})
