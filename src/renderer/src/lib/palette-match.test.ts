import { describe, expect, it } from 'vitest'
import { paletteMatches } from './palette-match'

const commands = [
  { group: 'Selection', label: 'Select all tokens shown' },
  { group: 'Columns', label: 'Show all' },
  { group: 'Sort', label: 'Sort by name, ascending' },
  { group: 'Go to', label: 'Outbox' },
]
const labels = (query: string) => paletteMatches(commands, query).map((command) => command.label)

describe('paletteMatches', () => {
  it('lists the commands holding every word typed, those holding them together first', () => {
    expect(labels('show all')).toEqual(['Show all', 'Select all tokens shown'])
    expect(labels('all show')).toEqual(['Select all tokens shown', 'Show all'])
  })

  it('puts a label starting with what was typed before one only containing it', () => {
    expect(labels('sort')).toEqual(['Sort by name, ascending'])
    expect(labels('go to  OUTBOX ')).toEqual(['Outbox'])
    expect(labels('outbox')).toEqual(['Outbox'])
  })

  it('keeps the screen’s own order when nothing is typed, and lists nothing that misses a word', () => {
    expect(labels('')).toEqual(commands.map((command) => command.label))
    expect(labels('show nothing')).toEqual([])
  })
})
