import { describe, expect, it } from 'vitest'
import { UNKNOWN_REACH, type ServerState } from '@shared/domain/server-state'
import { heldSecondsLeft } from './held-seconds'

// The one count of "next in N s" that every place showing a held server reads.

const state = (heldUntil: number | null, reach: ServerState['reach']['state'] = 'online'): ServerState => ({
  profileId: 'p',
  reach: { ...UNKNOWN_REACH, state: reach },
  unsynced: 1,
  needsAttention: 0,
  syncing: true,
  heldUntil,
  refusedEarly: null,
  autoSync: true,
})

describe('heldSecondsLeft', () => {
  it('counts whole seconds, rounded up, and never below zero', () => {
    expect(heldSecondsLeft(state(10_001), 0)).toBe(11)
    expect(heldSecondsLeft(state(10_000), 0)).toBe(10)
    expect(heldSecondsLeft(state(5_000), 9_000)).toBe(0)
  })

  it('says nothing when nothing is held or the server has other news', () => {
    expect(heldSecondsLeft(state(null), 0)).toBeNull()
    expect(heldSecondsLeft(null, 0)).toBeNull()
    expect(heldSecondsLeft(state(10_000, 'offline'), 0)).toBeNull()
    expect(heldSecondsLeft(state(10_000, 'rate-limited'), 0)).toBeNull()
    expect(heldSecondsLeft(state(10_000, 'unknown'), 0)).toBe(10)
  })
})
