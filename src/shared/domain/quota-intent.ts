import { z } from 'zod'

// Quota is never "mine vs theirs": usage moves it on the server while the user edits. An edit therefore
// records what the user meant — set it to X, or add Y — and applies that to the freshly read value.

export const quotaIntentSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('set'), value: z.number().int() }),
  z.object({ mode: z.literal('add'), delta: z.number().int() }),
])

export type QuotaIntent = z.infer<typeof quotaIntentSchema>

/** The remain_quota to send, given the value the server holds right now. */
export function applyQuotaIntent(freshQuota: number, intent: QuotaIntent | null | undefined): number {
  if (!intent) return freshQuota
  return intent.mode === 'set' ? intent.value : freshQuota + intent.delta
}
