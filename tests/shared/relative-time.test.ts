import { describe, expect, it } from 'vitest'
import { formatRelative } from '../../src/shared/domain/formatters'

// Relative times in the table and Watch ("Last used", "Expires"): in numbers, never calendar words the
// arithmetic does not mean, and to the nearest whole unit.

const NOW = 1_800_000_000
const HOUR = 3_600
const DAY = 86_400

describe('formatRelative', () => {
  it('counts in numbers: 36 hours back is "2 days ago", not "yesterday"', () => {
    expect(formatRelative(NOW - 36 * HOUR, NOW, 'en-US')).toBe('2 days ago')
    expect(formatRelative(NOW - 30 * HOUR, NOW, 'en-US')).toBe('1 day ago')
    expect(formatRelative(NOW + 26 * HOUR, NOW, 'en-US')).toBe('in 1 day')
    expect(formatRelative(NOW - 40 * DAY, NOW, 'en-US')).toBe('1 month ago')
    expect(formatRelative(NOW - 40 * DAY, NOW, 'zh-CN')).toBe('1个月前')
  })

  it('rounds to the nearest unit: "+30 days" set a moment ago reads "in 30 days"', () => {
    expect(formatRelative(NOW + 30 * DAY - 5, NOW, 'en-US')).toBe('in 30 days')
    expect(formatRelative(NOW + 2 * DAY + HOUR, NOW, 'en-US')).toBe('in 2 days')
    expect(formatRelative(NOW - 90 * 60, NOW, 'en-US')).toBe('2 hours ago')
  })

  it('says "now" within a minute, in the language asked for', () => {
    expect(formatRelative(NOW - 20, NOW, 'en-US')).toBe('now')
    expect(formatRelative(NOW + 20, NOW, 'zh-CN')).toBe('现在')
  })
})
