import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Connectivity } from '../../src/main/core/connectivity/connectivity'
import { MAX_RETRY_AFTER_MS as MAX_RATE_LIMIT_MS } from '../../src/main/core/gateway/pacing-budget'
import { TransportError } from '../../src/main/core/gateway/transport-error'
import type { ServerReach } from '../../src/shared/domain/server-state'
import { AppError } from '../../src/shared/result'

// A server's reachability, learned from every request's outcome, with a probe that backs off while it is
// offline and starts over once it answers. Fake timers: the backoff runs to minutes.

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 5) })
})
afterEach(() => {
  vi.useRealTimers()
})

const refused = () => new TransportError('offline', 'refused', 'not-sent')

function setup() {
  const changes: { id: string; reach: ServerReach }[] = []
  const probes: number[] = []
  let serverUp = false
  const connectivity: Connectivity = new Connectivity({
    now: Date.now,
    random: () => 0.5, // no jitter
    probe: async (id) => {
      probes.push(Date.now())
      connectivity.noteOutcome(id, serverUp ? null : refused())
    },
    onChange: (id, reach) => changes.push({ id, reach }),
  })
  return { connectivity, changes, probes, bringUp: () => (serverUp = true) }
}

describe('connectivity', () => {
  it('follows every outcome: answered, unreachable, refused credentials, rate limited', () => {
    const { connectivity } = setup()
    expect(connectivity.reach('p').state).toBe('unknown')
    connectivity.noteOutcome('p', null)
    expect(connectivity.reach('p').state).toBe('online')
    connectivity.noteOutcome('p', new AppError('validation', '令牌名称过长'))
    expect(connectivity.reach('p').state).toBe('online') // a refusal of the input is an answer
    connectivity.noteOutcome('p', new TransportError('timeout', 'slow', 'maybe-processed'))
    expect(connectivity.reach('p')).toMatchObject({ state: 'offline', error: { code: 'timeout' } })
    connectivity.noteOutcome('p', new AppError('auth', 'access token 无效'))
    expect(connectivity.reach('p')).toMatchObject({ state: 'auth-refused', error: { code: 'auth' } })
    connectivity.noteOutcome(
      'p',
      new AppError('rate-limited', '429', { httpStatus: 429, retryAfterSeconds: 30 }),
    )
    expect(connectivity.reach('p')).toMatchObject({ state: 'rate-limited', until: Date.now() + 30_000 })
    connectivity.close()
  })

  it('takes an absurd Retry-After only up to 15 minutes, then is online again', () => {
    const { connectivity } = setup()
    connectivity.noteOutcome(
      'p',
      new AppError('rate-limited', '429', { httpStatus: 429, retryAfterSeconds: 99_999_999 }),
    )
    expect(connectivity.reach('p').until).toBe(Date.now() + MAX_RATE_LIMIT_MS)
    // Requests in flight when the pause began may still succeed: the pause stands.
    connectivity.noteOutcome('p', null)
    expect(connectivity.reach('p').state).toBe('rate-limited')
    vi.advanceTimersByTime(MAX_RATE_LIMIT_MS)
    expect(connectivity.reach('p').state).toBe('online')
    connectivity.close()
  })

  it('probes an offline server with a backoff from 2 s to a minute, and stops once it answers', async () => {
    const { connectivity, probes, bringUp } = setup()
    const wentOffline = Date.now()
    connectivity.noteOutcome('p', refused())
    expect(connectivity.reach('p').nextProbeAt).toBe(wentOffline + 2_000)
    await vi.advanceTimersByTimeAsync(200_000)
    const gaps = probes.map((at, i) => at - (i === 0 ? wentOffline : probes[i - 1]!))
    expect(gaps.slice(0, 7)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000])
    bringUp()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(connectivity.reach('p').state).toBe('online')
    const count = probes.length
    await vi.advanceTimersByTimeAsync(300_000)
    expect(probes).toHaveLength(count)
    // Offline again: the backoff starts over.
    const again = Date.now()
    connectivity.noteOutcome('p', refused())
    expect(connectivity.reach('p').nextProbeAt).toBe(again + 2_000)
    connectivity.close()
  })

  it('looks at once when the OS says the network is back', async () => {
    const { connectivity, probes, bringUp } = setup()
    connectivity.noteOutcome('p', refused())
    await vi.advanceTimersByTimeAsync(30_000)
    const before = probes.length
    bringUp()
    connectivity.probeNow()
    await vi.advanceTimersByTimeAsync(0)
    expect(probes).toHaveLength(before + 1)
    expect(connectivity.reach('p').state).toBe('online')
    connectivity.close()
  })

  it('announces changes, not repeats', () => {
    const { connectivity, changes } = setup()
    connectivity.noteOutcome('p', null)
    connectivity.noteOutcome('p', null)
    connectivity.noteOutcome('p', new AppError('not-found', 'record not found'))
    connectivity.noteOutcome('q', null)
    expect(changes.map((c) => `${c.id}:${c.reach.state}`)).toEqual(['p:online', 'q:online'])
    connectivity.close()
  })
})

describe('a probe that fails before it starts', () => {
  it('does not escape as an uncaught error, and the next probe is scheduled', async () => {
    let calls = 0
    const connectivity = new Connectivity({
      now: Date.now,
      random: () => 0.5,
      probe: () => {
        calls += 1
        throw new Error('the server was removed') // synchronously, as a removed client does
      },
      onChange: () => undefined,
    })
    connectivity.noteOutcome('p', refused())
    await vi.advanceTimersByTimeAsync(2_000)
    expect(calls).toBe(1)
    await vi.advanceTimersByTimeAsync(4_000)
    expect(calls).toBe(2)
    connectivity.forget('p')
    await vi.advanceTimersByTimeAsync(120_000)
    expect(calls).toBe(2)
    connectivity.close()
  })
})
