import type { TokenDeskApi } from '@shared/contract/bridge-api'
import type { KeyBudget } from '@shared/contract/key-contract'
import { clientLink } from '@shared/domain/client-links'
import { addressForClients } from '@shared/domain/client-address'
import { keyCopyText } from '@shared/domain/key-copy-text'
import type { Profile } from '@shared/domain/profile'
import type { Token } from '@shared/domain/token'
import { fail, ok } from '@shared/result'
import type { FakeProfilesDeps } from './fake-profiles'

// The key calls of the fake bridge (fake-api.ts), like main's: each token's key is `sk-fake-<id>`, a
// reveal costs one critical request per 100 keys from a budget of 19 per 20 minutes, keys revealed once
// are held and cost nothing again, and a copy the budget cannot pay for is refused with what is left.
// `host.desktop` answers as the Electron host does (clipboard written in main, no text in the answer).

export const fakeKeyOf = (id: number) => `sk-fake-${id}`

const WINDOW_MS = 1_200_000

export function createFakeKeys(
  deps: Pick<FakeProfilesDeps, 'record'> & { profiles: Profile[]; tokens: Record<string, Token[]> },
) {
  const { record, profiles, tokens } = deps
  const host = { desktop: false, clipboard: [] as string[], opened: [] as string[] }
  const sends: number[] = []
  const held = new Set<string>()
  const limit = { reveals: 19 }

  const budget = (): KeyBudget => {
    const now = Date.now()
    while (sends.length > 0 && (sends[0] ?? now) + WINDOW_MS <= now) sends.shift()
    return {
      left: Math.max(0, limit.reveals - sends.length),
      limit: limit.reveals,
      nextFreeAt: sends.length > 0 ? (sends[0] ?? now) + WINDOW_MS : null,
      windowSeconds: WINDOW_MS / 1000,
    }
  }

  function reveal(profileId: string, ids: readonly number[]) {
    const known = new Map((tokens[profileId] ?? []).map((token) => [token.id, token]))
    const needed = ids.filter((id) => known.has(id) && !held.has(`${profileId}:${id}`))
    const cost = Math.ceil(needed.length / 100)
    const left = budget().left
    if (cost > left) {
      return fail('rate-limited', 'over the critical budget', {
        fields: [
          {
            path: 'tokenIds',
            key: 'keys.overBudget',
            params: { needed: cost, left, limit: limit.reveals, minutes: 20 },
          },
        ],
      })
    }
    for (let i = 0; i < cost; i += 1) sends.push(Date.now())
    for (const id of needed) held.add(`${profileId}:${id}`)
    const found = ids.filter((id) => known.has(id))
    return ok({
      entries: found.map((id) => ({ key: fakeKeyOf(id), name: known.get(id)?.name ?? '' })),
      missing: ids.filter((id) => !known.has(id)),
    })
  }

  const api: TokenDeskApi['keys'] = {
    budget: async (input) => {
      const f = record('keys.budget', input)
      return f ? { ok: false, error: f } : ok(budget())
    },
    copy: async (input) => {
      const f = record('keys.copy', input)
      if (f) return { ok: false, error: f }
      const revealed = reveal(input.profileId, input.tokenIds)
      if (!revealed.ok) return revealed
      const profile = profiles.find((p) => p.id === input.profileId)
      const address = profile ? addressForClients(profile.baseUrl, profile.server.serverAddress) : ''
      const { entries, missing } = revealed.value
      const text = entries.length > 0 ? keyCopyText(input.format, address, entries, input.labels) : ''
      const copied = host.desktop && entries.length > 0
      if (copied) host.clipboard.push(text)
      return ok({
        copied,
        text: copied || entries.length === 0 ? null : text,
        count: entries.length,
        missing,
        budget: budget(),
      })
    },
    open: async (input) => {
      const f = record('keys.open', input)
      if (f) return { ok: false, error: f }
      const revealed = reveal(input.profileId, [input.tokenId])
      if (!revealed.ok) return revealed
      const entry = revealed.value.entries[0]
      if (!entry) return fail('not-found', 'record not found')
      const profile = profiles.find((p) => p.id === input.profileId)
      const url = clientLink(input.target, {
        baseUrl: profile?.baseUrl ?? '',
        key: entry.key,
        serverName: profile?.name ?? '',
        tokenName: entry.name,
      })
      if (host.desktop) host.opened.push(url)
      return ok({ opened: host.desktop, url: host.desktop ? null : url, budget: budget() })
    },
  }
  return { api, host, limit }
}
