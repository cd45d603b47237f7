import type { z } from 'zod'
import type { TokenList, tokenUpdateInputSchema } from '@shared/contract/contract'
import { maxRemainQuota } from '@shared/domain/quota-money'
import { editableOf, type Token } from '@shared/domain/token'
import { modelWhitelistIssue, remainQuotaRule, tokenChangesSchema } from '@shared/domain/token-fields'
import { buildUpdateBody } from '@shared/domain/update-body'
import { AppError } from '@shared/result'
import type { EventBus } from '../event-bus'
import type { ProfileService } from '../profiles/profile-service'
import type { ServerFeaturesKeeper } from '../profiles/server-features'
import { validationError } from '../validation-error'

// Tokens of a saved server. An update never trusts what the UI loaded earlier: it reads the token
// fresh immediately before the PUT and applies only what the user changed (newapi-behaviour.md §6).

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

  async update(input: UpdateInput): Promise<Token> {
    const profile = this.deps.profiles.require(input.profileId)
    const rules = { nowSeconds: Math.floor(this.deps.now() / 1000), maxQuota: maxRemainQuota(profile.server) }
    const parsedChanges = tokenChangesSchema(rules).safeParse(input.changes)
    if (!parsedChanges.success) throw validationError(parsedChanges.error)
    const changes = parsedChanges.data

    const gateway = await this.deps.features.clientFor(profile.id)
    const fresh = await gateway.getToken(input.id)
    const body = buildUpdateBody(fresh, changes, input.quota)
    this.checkResult(editableOf({ ...fresh, ...body } as Token), input.quota !== null, rules.maxQuota)

    const updated = await gateway.updateToken(body)
    this.deps.events.emit('tokens.changed', { profileId: profile.id, tokenIds: [updated.id] })
    return updated
  }

  /** Rules that concern the token as it would be saved, not the change alone. */
  private checkResult(result: ReturnType<typeof editableOf>, quotaChanged: boolean, maxQuota: number): void {
    const fields = []
    const whitelist = modelWhitelistIssue(result)
    if (whitelist) fields.push({ path: 'model_limits', key: whitelist })
    if (quotaChanged && !result.unlimited_quota) {
      const quota = remainQuotaRule({ nowSeconds: 0, maxQuota }).safeParse(result.remain_quota)
      if (!quota.success)
        fields.push({ path: 'remain_quota', key: quota.error.issues[0]?.message ?? 'quota.invalid' })
    }
    if (fields.length > 0) throw new AppError('validation', 'Some fields are not valid.', { fields })
  }
}
