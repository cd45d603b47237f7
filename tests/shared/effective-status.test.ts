import { describe, expect, it } from 'vitest'
import { effectiveStatus } from '../../src/shared/domain/effective-status'

const now = 1_800_000_000
const base = { status: 1, expired_time: -1, unlimited_quota: false, remain_quota: 100 }

describe('effective status', () => {
  it('is computed from expiry and quota because the stored status only changes on use', () => {
    expect(effectiveStatus(base, now)).toBe('enabled')
    expect(effectiveStatus({ ...base, expired_time: now }, now)).toBe('expired')
    expect(effectiveStatus({ ...base, expired_time: 0 }, now)).toBe('expired')
    expect(effectiveStatus({ ...base, remain_quota: 0 }, now)).toBe('exhausted')
    expect(effectiveStatus({ ...base, remain_quota: -5, unlimited_quota: true }, now)).toBe('enabled')
  })

  it('puts disabled first and otherwise keeps a stored expired/exhausted status', () => {
    expect(effectiveStatus({ ...base, status: 2, expired_time: 0 }, now)).toBe('disabled')
    expect(effectiveStatus({ ...base, status: 3, expired_time: now + 100 }, now)).toBe('expired')
    expect(effectiveStatus({ ...base, status: 4 }, now)).toBe('exhausted')
  })
})
