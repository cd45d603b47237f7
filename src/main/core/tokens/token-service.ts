import { setTimeout as sleep } from 'node:timers/promises'
import type { z } from 'zod'
import type { TokenList, tokenUpdateInputSchema } from '@shared/contract/contract'
import type { QuotaIntent } from '@shared/domain/quota-intent'
import { maxRemainQuota } from '@shared/domain/quota-money'
import { editableOf, type Token } from '@shared/domain/token'
import { modelWhitelistIssue, remainQuotaRule, tokenChangesSchema } from '@shared/domain/token-fields'
import { buildUpdateBody } from '@shared/domain/update-body'
import { AppError } from '@shared/result'
import type { EventBus } from '../event-bus'
import type { ProfileService } from '../profiles/profile-service'
import type { ServerFeaturesKeeper } from '../profiles/server-features'
import { validationError } from '../validation-error'
import { judgeEarlierWrite, mayHaveBeenApplied, nextCycleDelay } from './update-retry'

// Tokens of a saved server. An update never trusts what the UI loaded earlier: it reads the token
// fresh immediately before the PUT and applies only what the user changed (docs/newapi-behaviour.md §6).
// Nor does it trust its own earlier read: a failed PUT is repeated only as a new read → PUT cycle.

type UpdateInput = z.output<typeof tokenUpdateInputSchema>

export interface TokenServiceDeps {
  profiles: ProfileService
  /** Hands out each profile's gateway client with the server's remembered features. */
  features: ServerFeaturesKeeper
  events: EventBus
  now: () => number
}

export class TokenService {
  constructor(private readonly deps: TokenServiceDeps) {}

  async list(profileId: string): Promise<TokenList> {
    const profile = this.deps.profiles.require(profileId)
    // Listing is the natural moment to re-detect features that are missing or a day old.
    const gateway = await this.deps.features.clientFor(profile.id, { refreshWhenStale: true })
    let tokens: Token[]
    try {
      tokens = await gateway.listTokens()
    } catch (error) {
      await this.deps.features.noteOutcome(profile.id, error)
      throw error
    }
    await this.deps.features.noteOutcome(profile.id, null)
    return { profileId: profile.id, tokens, fetchedAt: this.deps.now(), server: profile.server }
  }

  async get(profileId: string, id: number): Promise<Token> {
    const profile = this.deps.profiles.require(profileId)
    return (await this.deps.features.clientFor(profile.id)).getToken(id)
  }

  /**
   * Saves the user's changes on the freshly read token. A failure that may pass (5xx, broken connection,
   * timeout, a short 429) runs the whole read → build → PUT cycle again, never the same body; an earlier
   * attempt that may have been carried out is checked on the fresh read first (update-retry.ts).
   */
  async update(input: UpdateInput): Promise<Token> {
    const profile = this.deps.profiles.require(input.profileId)
    const rules = { nowSeconds: Math.floor(this.deps.now() / 1000), maxQuota: maxRemainQuota(profile.server) }
    const parsedChanges = tokenChangesSchema(rules).safeParse(input.changes)
    if (!parsedChanges.success) throw validationError(parsedChanges.error)
    const changes = parsedChanges.data
    const quota = input.quota

    const gateway = await this.deps.features.clientFor(profile.id)
    const saved = (token: Token): Token => {
      this.deps.events.emit('tokens.changed', { profileId: profile.id, tokenIds: [token.id] })
      return token
    }
    /** The previous cycle's read and body, when its PUT failed and may have been carried out. */
    let pending: { error: unknown; before: Token; sent: Record<string, unknown> } | null = null
    for (let attempt = 1; ; attempt += 1) {
      const fresh = await gateway.getToken(input.id)
      if (pending) {
        const earlier = judgeEarlierWrite(pending.before, pending.sent, fresh)
        if (earlier === 'applied') return saved(fresh)
        // Adding again on top of a write that may have added already could add twice: report instead.
        if (earlier === 'unknown' && quota?.mode === 'add') throw pending.error
      }
      const body = buildUpdateBody(fresh, changes, quota)
      this.checkResult(fresh, body, quota, rules.maxQuota)
      try {
        return saved(await gateway.updateToken(body))
      } catch (error) {
        const delay = nextCycleDelay(error, attempt)
        if (delay === null) throw error
        pending = mayHaveBeenApplied(error) ? { error, before: fresh, sent: body } : null
        await sleep(delay)
      }
    }
  }

  /** Rules that concern the token as it would be saved, not the change alone. */
  private checkResult(
    fresh: Token,
    body: Record<string, unknown>,
    quota: QuotaIntent | null,
    maxQuota: number,
  ): void {
    const result = editableOf({ ...fresh, ...body } as Token)
    const fields = []
    const whitelist = modelWhitelistIssue(result)
    if (whitelist) fields.push({ path: 'model_limits', key: whitelist })
    // An unlimited token's remain_quota still counts down (often below 0): it means nothing once the
    // token becomes limited, so that switch needs the user to say how much quota it gets.
    const becomesLimited = fresh.unlimited_quota && !result.unlimited_quota
    if (becomesLimited && quota === null) {
      fields.push({ path: 'remain_quota', key: 'quota.required' })
    } else if (!result.unlimited_quota && (quota !== null || becomesLimited)) {
      const checked = remainQuotaRule({ nowSeconds: 0, maxQuota }).safeParse(result.remain_quota)
      if (!checked.success)
        fields.push({ path: 'remain_quota', key: checked.error.issues[0]?.message ?? 'quota.invalid' })
    }
    if (fields.length > 0) throw new AppError('validation', 'Some fields are not valid.', { fields })
  }
}
