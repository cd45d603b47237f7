import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { batchNames } from '../../src/shared/domain/batch-names'

describe('batchNames', () => {
  it('keeps one name as typed and numbers several from 1', () => {
    expect(batchNames('bot ', 1)).toEqual(['bot '])
    expect(batchNames('bot', 3)).toEqual(['bot-1', 'bot-2', 'bot-3'])
  })

  it('numbers a batch without a name with the numbers alone, after those taken', () => {
    expect(batchNames('', 3)).toEqual(['1', '2', '3'])
    expect(batchNames('  ', 2, ['4', 'bot-9', '-7'])).toEqual(['5', '6'])
  })

  it('continues after the numbers already taken, ignoring other names', () => {
    expect(batchNames('bot', 2, ['bot-1', 'bot-7', 'robot-9', 'bot-x', 'bot'])).toEqual(['bot-8', 'bot-9'])
    expect(batchNames('a.b', 2, ['axb-5'])).toEqual(['a.b-1', 'a.b-2'])
  })

  it('never repeats a name, within the batch or with the existing ones', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8 }),
        fc.integer({ min: 2, max: 30 }),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 20 }),
        (name, quantity, existing) => {
          const names = batchNames(name, quantity, existing)
          expect(new Set(names).size).toBe(quantity)
          for (const made of names) expect(existing.map((e) => e.trim())).not.toContain(made)
        },
      ),
    )
  })
})
