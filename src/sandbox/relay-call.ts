import { LOG_TYPE, type NewLogRow } from './usage-log'
import type { StoredToken } from './stored-token'

// What the relay writes to the usage log when it bills a call (upstream RecordConsumeLog): the model,
// prompt and completion tokens, the quota, timings and the ratios it priced with. The sandbox has no
// real model behind it, so the model is picked from the token's whitelist (or a typical mix) and the
// token counts are derived from the quota with each model's price ratio — numbers that add up the way
// a real server's do.

interface ModelPrice {
  /** Quota units per 1000 prompt tokens (model ratio × 1000 × 0.002 × 500 000 / 1000, roughly). */
  ratio: number
  /** Completion tokens cost this many times a prompt token. */
  completionRatio: number
  /** Typical quota of one call, for seeded history. */
  typicalQuota: number
}

const PRICES: Record<string, ModelPrice> = {
  'gpt-4o': { ratio: 1.25, completionRatio: 4, typicalQuota: 14_000 },
  'gpt-4o-mini': { ratio: 0.075, completionRatio: 4, typicalQuota: 900 },
  'claude-3-5-sonnet': { ratio: 1.5, completionRatio: 5, typicalQuota: 18_000 },
  'o3-mini': { ratio: 0.55, completionRatio: 4, typicalQuota: 6_000 },
  'text-embedding-3-small': { ratio: 0.01, completionRatio: 1, typicalQuota: 60 },
}
const FALLBACK_PRICE: ModelPrice = { ratio: 1, completionRatio: 1, typicalQuota: 5_000 }

/** What a token without a whitelist is used for, most frequent first. */
const EVERYDAY_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet', 'gpt-4o-mini']

export const priceOf = (model: string): ModelPrice => PRICES[model] ?? FALLBACK_PRICE

/** The models a token's calls go to: its whitelist when it has one, else an everyday mix. */
export function modelsOf(row: Pick<StoredToken, 'model_limits_enabled' | 'model_limits'>): string[] {
  const listed = row.model_limits_enabled
    ? row.model_limits
        .split(',')
        .map((model) => model.trim())
        .filter(Boolean)
    : []
  return listed.length > 0 ? listed : EVERYDAY_MODELS
}

export interface CallFacts {
  row: StoredToken
  username: string
  quota: number
  /** Unix seconds. */
  at: number
  /** Numbers in [0, 1): the call's model (unless given), stream flag and timing are drawn from them. */
  random: () => number
  model?: string
}

/** One of the token's models, drawn with `random`. */
export function pickModel(row: StoredToken, random: () => number): string {
  const models = modelsOf(row)
  return models[Math.floor(random() * models.length)] ?? 'gpt-4o-mini'
}

export function consumeRow({ row, username, quota, at, random, model: given }: CallFacts): NewLogRow {
  const model = given ?? pickModel(row, random)
  const price = priceOf(model)
  // quota = (prompt + completion × completionRatio) × ratio; about a fifth of the tokens are completion.
  const weighted = quota / price.ratio
  const completion = Math.round((weighted * 0.2) / price.completionRatio)
  const prompt = Math.max(0, Math.round(weighted - completion * price.completionRatio))
  const stream = model !== 'text-embedding-3-small' && random() < 0.6
  return {
    user_id: row.user_id,
    created_at: at,
    type: LOG_TYPE.consume,
    content: '',
    username,
    token_name: row.name,
    model_name: model,
    quota,
    prompt_tokens: prompt,
    completion_tokens: completion,
    use_time: 1 + Math.floor(random() * (stream ? 12 : 4)),
    is_stream: stream,
    channel: 1 + Math.floor(random() * 3),
    token_id: row.id,
    // An empty group means the user's own; a reseller's list is billed to its first group.
    group: row.group.split(',')[0] || 'default',
    ip: '',
    other: JSON.stringify({
      model_ratio: price.ratio,
      completion_ratio: price.completionRatio,
      group_ratio: 1,
      frt: Math.round(200 + random() * 1500),
    }),
  }
}
