import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import type { UsageCall } from '@shared/domain/token-usage'
import { usageExpanded } from '@renderer/composables/use-token-usage'
import { createFakeApi } from '@renderer/test/fake-api'
import { bodyText, button } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import TokenUsage from './token-usage.vue'

// The usage section of the editor against the fake bridge: totals in the server's currency, a chart a
// screen reader can read, recent calls, range switching, refresh, and every way reading can fail.

afterEach(() => {
  document.body.innerHTML = ''
  usageExpanded.value = false
})

const HOUR = 3_600
const now = () => Math.floor(Date.now() / 1000)
const call = (secondsAgo: number, quota: number, model = 'gpt-4o-mini'): UsageCall => ({
  at: now() - secondsAgo,
  model,
  quota,
  promptTokens: 1_200,
  completionTokens: 300,
  stream: true,
  seconds: 2,
})

async function mountUsage(calls: UsageCall[] = []) {
  const fake = createFakeApi({ usage: { 42: calls } })
  mountApp(TokenUsage, {
    fake,
    props: { profileId: 'p1', tokenId: 42, name: 'web-app-prod', facts: DEFAULT_SERVER_FACTS },
  })
  await settle()
  button('Usage').click()
  return fake
}

const totals = () => ({
  requests: document.querySelector('[data-test="usage-requests"]')?.textContent?.trim(),
  quota: document.querySelector('[data-test="usage-quota"]')?.textContent?.trim(),
})
const chart = () => document.querySelector('svg[role="img"]')

describe('token usage', () => {
  it('is closed at first and reads nothing until opened; opened, it stays open for the next token', async () => {
    const fake = createFakeApi({ usage: { 42: [call(60, 500_000)] } })
    mountApp(TokenUsage, {
      fake,
      props: { profileId: 'p1', tokenId: 42, name: 'web-app-prod', facts: DEFAULT_SERVER_FACTS },
    })
    await settle()
    expect(button('Usage').getAttribute('aria-expanded')).toBe('false')
    expect(fake.callsOf('usage.token')).toEqual([])
    button('Usage').click()
    await settle()
    expect(button('Usage').getAttribute('aria-expanded')).toBe('true')
    expect(totals()).toEqual({ requests: '1', quota: '$1.00' })
    document.body.innerHTML = ''
    const next = createFakeApi({ usage: {} })
    mountApp(TokenUsage, {
      fake: next,
      props: { profileId: 'p1', tokenId: 43, name: 'other', facts: DEFAULT_SERVER_FACTS },
    })
    await settle()
    expect(next.callsOf('usage.token')).toHaveLength(1)
  })

  it('shows the last 24 hours: totals in the server’s currency, a chart with a spoken summary and the recent calls', async () => {
    // $1 = 500 000 quota: 250 000 + 500 000 = $1.50 in the last day, one more call three days ago.
    const fake = await mountUsage([
      call(60, 250_000, 'gpt-4o'),
      call(5 * HOUR, 500_000, 'claude-3-5-sonnet'),
      call(3 * 24 * HOUR, 1_000_000),
    ])
    await settle()
    expect(fake.callsOf('usage.token')).toEqual([
      { profileId: 'p1', tokenId: 42, tokenName: 'web-app-prod', range: '24h' },
    ])
    expect(totals()).toEqual({ requests: '2', quota: '$1.50' })
    expect(chart()?.getAttribute('aria-label')).toMatch(
      /^Last 24 hours: 2 requests, \$1\.50 used\. Busiest: [^.]+ with \$1\.00\.$/,
    )
    // Each busy hour's bar says its count in words that agree with it.
    const titles = [...document.querySelectorAll('svg title')].map((title) => title.textContent)
    expect(titles.filter((title) => !title?.includes(': 0 requests'))).toEqual([
      expect.stringMatching(/: 1 request, \$1\.00$/),
      expect.stringMatching(/: 1 request, \$0\.50$/),
    ])
    // The numbers behind the picture, one row per hour.
    expect(document.querySelectorAll('table.visually-hidden tbody tr')).toHaveLength(24)
    const rows = [...document.querySelectorAll('.token-usage__calls tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent?.trim()),
    )
    expect(rows).toEqual([
      ['gpt-4o', '1,200 in / 300 out', '$0.50'],
      ['claude-3-5-sonnet', '1,200 in / 300 out', '$1.00'],
    ])
    // The table is named by its heading, for a screen reader's list of tables.
    const calls = document.querySelector('.token-usage__calls')!
    expect(document.getElementById(calls.getAttribute('aria-labelledby')!)?.textContent).toBe('Recent calls')
  })

  it('switches range: asks for 7 days and counts the older call too', async () => {
    const fake = await mountUsage([call(60, 250_000), call(3 * 24 * HOUR, 1_000_000)])
    await settle()
    const week = button('Last 7 days')
    expect(week.getAttribute('aria-pressed')).toBe('false')
    week.click()
    await settle()
    expect(fake.callsOf('usage.token').map((input) => (input as { range: string }).range)).toEqual([
      '24h',
      '7d',
    ])
    expect(button('Last 7 days').getAttribute('aria-pressed')).toBe('true')
    expect(totals()).toEqual({ requests: '2', quota: '$2.50' })
    expect(document.querySelectorAll('table.visually-hidden tbody tr')).toHaveLength(7)
  })

  it('says when there were no calls, and shows the reading while it lasts', async () => {
    const fake = createFakeApi({ usage: {} })
    const release = fake.holdUsage()
    mountApp(TokenUsage, {
      fake,
      props: { profileId: 'p1', tokenId: 42, name: 'idle', facts: DEFAULT_SERVER_FACTS },
    })
    await settle()
    button('Usage').click()
    await settle()
    expect(bodyText()).toContain('Reading the usage log…')
    release()
    await settle()
    expect(bodyText()).not.toContain('Reading the usage log…')
    expect(totals()).toEqual({ requests: '0', quota: '$0.00' })
    expect(bodyText()).toContain('No calls with this token in this range.')
    expect(chart()).toBeNull()
  })

  it('explains a server without usage logs, and a rate limit — then refresh reads again', async () => {
    const fake = createFakeApi({ usage: { 42: [call(60, 500_000)] } })
    fake.failNext('usage.token', {
      code: 'not-found',
      message: 'Invalid URL (GET /api/log/self)',
      details: { httpStatus: 404, routeMissing: true },
    })
    mountApp(TokenUsage, {
      fake,
      props: { profileId: 'p1', tokenId: 42, name: 'web-app-prod', facts: DEFAULT_SERVER_FACTS },
    })
    await settle()
    button('Usage').click()
    await settle()
    expect(bodyText()).toContain('This server does not offer usage logs')
    expect(totals().requests).toBeUndefined()

    fake.failNext('usage.token', {
      code: 'rate-limited',
      message: 'The server is rate limiting requests (HTTP 429).',
      details: { retryAfterSeconds: 40 },
    })
    button('Refresh usage').click()
    await settle()
    expect(bodyText()).toContain('Usage could not be read')
    expect(bodyText()).toContain('Try again in 40 s')
    // Main's own English words for the 429 are not passed off as the server's.
    expect(bodyText()).not.toContain('HTTP 429')

    button('Refresh usage').click()
    await settle()
    expect(fake.callsOf('usage.token').at(-1)).toMatchObject({ range: '24h', fresh: true })
    // The token is read again with it: its row shows the quota those calls left.
    expect(fake.callsOf('tokens.get').at(-1)).toEqual({ profileId: 'p1', id: 42 })
    expect(bodyText()).not.toContain('Usage could not be read')
    expect(totals()).toEqual({ requests: '1', quota: '$1.00' })
  })
})
