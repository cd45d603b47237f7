import { describe, expect, it } from 'vitest'
import { detectNameLimit, learnNameLimit } from '../../src/main/core/gateway/name-limit'
import type { GatewayContext } from '../../src/main/core/gateway/gateway-context'
import type { ServerFeatures } from '../../src/shared/domain/profile'
import type { Token } from '../../src/shared/domain/token'
import { AppError } from '../../src/shared/result'

// How TokenDesk knows a server's name limit: dated by what detection saw, corrected by the server's own
// "name too long" refusal of a name TokenDesk thought fit.

const row = (extra: Record<string, unknown> = {}) => ({ id: 1, name: 'a', ...extra }) as unknown as Token

describe('the server name limit', () => {
  it('is dated by what detection saw', () => {
    expect(detectNameLimit({ paging: 'zero-based-array', recent: false, rows: [row()] })).toBe(30)
    expect(detectNameLimit({ paging: 'one-based-object', recent: true, rows: [] })).toBe(50)
    expect(detectNameLimit({ paging: 'one-based-object', recent: false, rows: [row()] })).toBe(30)
    expect(
      detectNameLimit({
        paging: 'one-based-object',
        recent: false,
        rows: [row({ cross_group_retry: false })],
      }),
    ).toBe(50)
    // Nothing to date it by: assume today's, and let a refusal correct it.
    expect(detectNameLimit({ paging: 'one-based-object', recent: false, rows: [] })).toBe(50)
  })

  it('learns 30 bytes from a refusal of a longer name that should have fitted, and nothing else', () => {
    const learned: Partial<ServerFeatures>[] = []
    const ctx = {
      features: () => ({ maxNameBytes: 50 }) as ServerFeatures,
      learn: (patch: Partial<ServerFeatures>) => learned.push(patch),
    } as unknown as GatewayContext
    const tooLong = new AppError('validation', '令牌名称过长')
    learnNameLimit(ctx, tooLong, 'x'.repeat(40))
    expect(learned).toEqual([{ maxNameBytes: 30 }])
    learnNameLimit(ctx, tooLong, 'x'.repeat(51)) // over every limit: teaches nothing
    learnNameLimit(ctx, tooLong, 'x'.repeat(20)) // under every limit: not about length
    learnNameLimit(ctx, new AppError('validation', '额度值不能为负数'), 'x'.repeat(40))
    learnNameLimit(ctx, new AppError('server', '令牌名称过长'), 'x'.repeat(40))
    expect(learned).toHaveLength(1)
  })
})
