import { describe, expect, it } from 'vitest'
import { freeName, isNameTaken } from '../../src/main/core/profiles/profile-names'
import { profileNameSchema } from '../../src/shared/domain/profile-input'

describe('server names', () => {
  it('counts a name as taken whatever its case, width or surrounding spaces', () => {
    expect(isNameTaken(' anyapi ', ['AnyAPI'])).toBe(true)
    expect(isNameTaken('ＡｎｙＡＰＩ', ['AnyAPI'])).toBe(true)
    expect(isNameTaken('AnyAPI 2', ['AnyAPI'])).toBe(false)
  })

  it('numbers a copy, and keeps a long name within the limit', () => {
    expect(freeName('Main', ['Main'])).toBe('Main (2)')
    expect(freeName('Main (2)', ['Main', 'Main (2)'])).toBe('Main (3)')
    const long = 'x'.repeat(80)
    const copy = freeName(long, [long])
    expect(copy).toMatch(/ \(2\)$/)
    expect(profileNameSchema.safeParse(copy).success).toBe(true)
  })
})
