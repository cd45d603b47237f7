import type { QuotaIntent } from './quota-intent-schema'

// Quota is not compared as "mine vs theirs" field values: usage moves it on the server while the user
// edits. An edit therefore records what the user meant — set it to X, or add Y — and applies that to the
// freshly read value. (A "set to" does stop for a change of the quota made on the server by others:
// quota-conflict.ts.)

export type { QuotaIntent }

/** The remain_quota to send, given the value the server holds right now. */
export function applyQuotaIntent(freshQuota: number, intent: QuotaIntent | null | undefined): number {
  if (!intent) return freshQuota
  return intent.mode === 'set' ? intent.value : freshQuota + intent.delta
}
