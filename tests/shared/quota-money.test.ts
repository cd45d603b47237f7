import { describe, expect, it } from 'vitest'
import {
  amountToQuota,
  formatQuota,
  maxRemainQuota,
  parseAmount,
  quotaToAmount,
} from '../../src/shared/domain/quota-money'
import { DEFAULT_SERVER_FACTS, type ServerFacts } from '../../src/shared/domain/server-facts'

const usd = DEFAULT_SERVER_FACTS
const facts = (overrides: Partial<ServerFacts>): ServerFacts => ({ ...usd, ...overrides })

describe('quota ↔ money', () => {
  it('uses 500,000 units per dollar by default, as the user document says (50w为1刀)', () => {
    expect(amountToQuota(1, usd)).toBe(500_000)
    expect(quotaToAmount(250_000_000_000, usd)).toBe(500_000)
    expect(formatQuota(1_250_000, usd, 'en-US')).toBe('$2.50')
  })

  it('follows the server quota_per_unit and display currency', () => {
    const cny = facts({ displayType: 'CNY', usdExchangeRate: 7.3, quotaPerUnit: 1_000_000 })
    expect(quotaToAmount(1_000_000, cny)).toBeCloseTo(7.3)
    expect(amountToQuota(7.3, cny)).toBe(1_000_000)
    expect(formatQuota(1_000_000, cny, 'en-US')).toBe('¥7.30')
    const custom = facts({
      displayType: 'CUSTOM',
      customCurrencySymbol: '€',
      customCurrencyExchangeRate: 0.5,
    })
    expect(formatQuota(1_000_000, custom, 'en-US')).toBe('€1.00')
  })

  it('shows raw units when the server displays tokens', () => {
    const tokens = facts({ displayType: 'TOKENS' })
    expect(amountToQuota(1234, tokens)).toBe(1234)
    expect(formatQuota(1_234_567, tokens, 'en-US')).toBe('1,234,567')
  })

  it('writes a negative amount with one typographic minus before the symbol, and reads it back', () => {
    expect(formatQuota(-25_000_000, usd, 'en-US')).toBe('−$50.00')
    expect(formatQuota(-1_234_567, facts({ displayType: 'TOKENS' }), 'en-US')).toBe('−1,234,567')
    expect(parseAmount('−$50.00', '$')).toBe(-50)
  })

  it('reads full-width digits and symbols as a Chinese input method types them', () => {
    expect(parseAmount('１２．５', '¥')).toBe(12.5)
    expect(parseAmount('￥１，４６０', '¥')).toBe(1460)
  })

  it('rounds entered amounts to whole quota units and bounds limited quota at 1e9 units of money', () => {
    expect(amountToQuota(0.0000031, usd)).toBe(2)
    expect(maxRemainQuota(usd)).toBe(500_000 * 1e9)
  })
})
