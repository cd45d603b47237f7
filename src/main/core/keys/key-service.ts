import type { z } from 'zod'
import type { KeyBudget, keyCopyInputSchema, keyOpenInputSchema } from '@shared/contract/key-contract'
import { clientLink, isClientLink } from '@shared/domain/client-links'
import { addressForClients } from '@shared/domain/client-address'
import { keyCopyText } from '@shared/domain/key-copy-text'
import type { ServerFeatures } from '@shared/domain/profile'
import { AppError } from '@shared/result'
import type { DesktopActions } from '../core-types'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import { MAX_KEYS_PER_BATCH } from '../gateway/key-reveal'
import type { Logger } from '../logger'
import type { ProfileStore } from '../profiles/profile-store'
import type { TokenCache } from '../workspace/token-cache'
import type { SessionKeys } from './session-keys'

// Copying keys and opening them in other clients. Keys are revealed through the server's critical bucket
// (20 per 20 minutes, shared with logins — key-reveal.ts), so a copy that would need more reveals than
// the window has left is refused up front, saying how many are left and when the next frees, rather
// than sent and stalled or refused by the server halfway. Keys already revealed this session cost
// nothing (session-keys.ts).
//
// Where the text or link goes: the Electron host hands in `desktop` (Electron's clipboard and
// shell.openExternal, in main), and the answer then carries neither. The browser host has no OS
// clipboard in Node, so the answer carries the text (or link) for the page to deliver — once, for the
// action the user asked for. Nothing here logs or stores a key.

type CopyInput = z.output<typeof keyCopyInputSchema>
type OpenInput = z.output<typeof keyOpenInputSchema>

export interface KeyServiceDeps {
  profiles: ProfileStore
  gateways: GatewayRegistry
  cache: TokenCache
  keys: SessionKeys
  logger: Logger
  now: () => number
  /** Present in the Electron host only. */
  desktop: DesktopActions | null
}

/** Critical requests revealing `count` keys will take on a server with these features. */
export function revealCost(features: ServerFeatures | null, count: number): number {
  if (count === 0) return 0
  if (features?.batchKeyReveal !== false) return Math.ceil(count / MAX_KEYS_PER_BATCH)
  // No batch route: an older server that lists keys unmasked needs no reveal at all; otherwise one each.
  if (features.maskedKeys === false) return 0
  return features.keyReveal ? count : 0
}

export class KeyService {
  /** One reveal per server at a time: a second click waits and then finds the keys held. */
  private readonly turns = new Map<string, Promise<unknown>>()

  constructor(private readonly deps: KeyServiceDeps) {}

  budget(profileId: string): KeyBudget {
    this.deps.profiles.require(profileId)
    return this.deps.gateways.client(profileId).http.pacing.budget('critical')
  }

  async copy(input: CopyInput) {
    const profile = this.deps.profiles.require(input.profileId)
    const { keys, missing } = await this.reveal(input.profileId, input.tokenIds)
    const names = await this.names(input.profileId)
    const entries = [...keys].map(([id, key]) => ({ key, name: names.get(id) ?? '' }))
    const address = addressForClients(profile.baseUrl, profile.server.serverAddress)
    const text = entries.length > 0 ? keyCopyText(input.format, address, entries, input.labels) : ''
    const copied = this.deps.desktop !== null && entries.length > 0
    if (copied) this.deps.desktop?.writeClipboard(text)
    this.deps.logger.info(
      { profileId: input.profileId, format: input.format, count: entries.length, missing: missing.length },
      'keys copied',
    )
    return {
      copied,
      text: copied || entries.length === 0 ? null : text,
      count: entries.length,
      missing,
      budget: this.budget(input.profileId),
    }
  }

  async open(input: OpenInput) {
    const profile = this.deps.profiles.require(input.profileId)
    const { keys } = await this.reveal(input.profileId, [input.tokenId])
    const key = keys.get(input.tokenId)
    if (key === undefined) throw new AppError('not-found', 'record not found')
    const names = await this.names(input.profileId)
    const url = clientLink(input.target, {
      baseUrl: addressForClients(profile.baseUrl, profile.server.serverAddress),
      key,
      serverName: profile.name,
      tokenName: names.get(input.tokenId) ?? '',
    })
    // Built from the registry above, so always one of its schemes; checked anyway before the OS sees it.
    if (!isClientLink(url)) throw new AppError('internal', 'The link for this client could not be built.')
    const { desktop } = this.deps
    if (desktop) await desktop.openExternal(url)
    this.deps.logger.info({ profileId: input.profileId, target: input.target }, 'key opened in a client')
    return { opened: desktop !== null, url: desktop ? null : url, budget: this.budget(input.profileId) }
  }

  /** Keys by id in the order asked (unknown ids left out and listed as missing). */
  private reveal(
    profileId: string,
    ids: readonly number[],
  ): Promise<{ keys: Map<number, string>; missing: number[] }> {
    const previous = this.turns.get(profileId) ?? Promise.resolve()
    const turn = previous.catch(() => undefined).then(() => this.revealNow(profileId, ids))
    const settled = turn.catch(() => undefined)
    this.turns.set(profileId, settled)
    void settled.then(() => {
      if (this.turns.get(profileId) === settled) this.turns.delete(profileId)
    })
    return turn
  }

  private async revealNow(profileId: string, ids: readonly number[]) {
    const unique = [...new Set(ids)]
    const held = this.deps.keys.of(profileId, this.deps.gateways.client(profileId))
    const needed = unique.filter((id) => !held.has(id))
    let revealed: ReadonlyMap<number, string> = new Map()
    if (needed.length > 0) {
      // The estimate depends on what the server can do: look again when that is unknown or a day old.
      await this.deps.gateways.refreshFeaturesIfStale(profileId)
      const client = this.deps.gateways.client(profileId)
      this.refuseOverBudget(
        client.http.pacing.budget('critical'),
        revealCost(client.features(), needed.length),
      )
      revealed = await client.revealKeys(needed)
      this.deps.keys.keep(profileId, client, revealed)
    }
    const keys = new Map<number, string>()
    const missing: number[] = []
    for (const id of unique) {
      const key = held.get(id) ?? revealed.get(id)
      if (key === undefined) missing.push(id)
      else keys.set(id, key)
    }
    return { keys, missing }
  }

  private refuseOverBudget(budget: KeyBudget, needed: number): void {
    if (needed <= budget.left) return
    const waitMs = budget.nextFreeAt === null ? 0 : Math.max(0, budget.nextFreeAt - this.deps.now())
    // Whole minutes as people say them ("in 20 min" for 20 min and a quarter second), at least one.
    const minutes = Math.max(1, Math.round(waitMs / 60_000))
    throw new AppError(
      'rate-limited',
      `These keys need ${needed} key reveals; ${budget.left} of ${budget.limit} are left in the server's limit.`,
      {
        // The wait is in the field text, in minutes (a retry hint in seconds would read "in 1199 s").
        fields: [
          {
            path: 'tokenIds',
            key: needed > budget.limit ? 'keys.overLimit' : 'keys.overBudget',
            params: { needed, left: budget.left, limit: budget.limit, minutes },
          },
        ],
      },
    )
  }

  private async names(profileId: string): Promise<Map<number, string>> {
    const { tokens } = await this.deps.cache.read(profileId)
    return new Map(tokens.map((token) => [token.id, token.name]))
  }
}
