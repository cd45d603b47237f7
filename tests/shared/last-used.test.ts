import { describe, expect, it } from 'vitest'
import { lastUsedAt } from '../../src/shared/domain/last-used'

// "Last used" of a token: new-api stamps the access time with the creation time when it creates one.

describe('lastUsedAt', () => {
  it('reads a token that only has its creation stamp as never used', () => {
    expect(lastUsedAt({ created_time: 1000, accessed_time: 1000, used_quota: 0 })).toBeNull()
    expect(lastUsedAt({ created_time: 1000, accessed_time: 0, used_quota: 0 })).toBeNull()
  })

  it('gives the access time of a token used since', () => {
    expect(lastUsedAt({ created_time: 1000, accessed_time: 5000, used_quota: 0 })).toBe(5000)
    // Used within its first second: the quota it used says so.
    expect(lastUsedAt({ created_time: 1000, accessed_time: 1000, used_quota: 42 })).toBe(1000)
  })
})
