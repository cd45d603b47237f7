import { type Draft } from '@shared/domain/draft'
import { draftBaseOf } from '@shared/domain/draft-base'
import { MAX_NAME_BYTES } from '@shared/domain/token-fields'
import { maxRemainQuota } from '@shared/domain/quota-money'
import type { ServerReach } from '@shared/domain/server-state'
import { waitsForServer } from '../failure-kinds'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { Logger } from '../logger'
import type { ProfileStore } from '../profiles/profile-store'
import type { TokenCache } from '../workspace/token-cache'
import type { FreshReads } from './fresh-reads'
import type { Outbox } from './outbox'
import { laterDraftsRebased } from './quota-baseline'
import { syncDraft, type SyncResult } from './sync-draft'
import { SyncLoop } from './sync-loop'

// Runs each server's sync loop and records what each draft's sync did: a synced draft leaves the outbox
// for its history (with the requests it took and the usage it refunded) and its rows go to the token
// cache; a conflict or a refusal stops the draft for the user; a passing failure keeps it queued with a
// backoff (429, 5xx, unreadable answers) — or, when the server cannot be reached or refuses the access
// token, until connectivity says it is back.

const RETRY_FIRST_MS = 2_000
const RETRY_MAX_MS = 5 * 60_000
/**
 * How long the record of a bulk job's draft may wait to share one write of the outbox and of the token
 * cache with the records of the drafts sent beside it (group commit, json-file.ts). The draft counts as
 * being sent until its record is on disk, so nothing is told or built on it earlier; a crash in between
 * sends it again from a fresh read, which finds it landed. A draft of its own is recorded at once.
 */
const BULK_RECORD_MS = 50

export interface SyncEngineDeps {
  outbox: Outbox
  cache: TokenCache
  gateways: GatewayRegistry
  profiles: ProfileStore
  logger: Logger
  now: () => number
  reach: (profileId: string) => ServerReach
  /** Whether the server's queued drafts go out by themselves (the setting; never for production). */
  autoSync: (profileId: string) => boolean
  /** The most groups a token's Auto order may list on the server, when its catalog was read. */
  autoGroupLimit?: (profileId: string) => number | undefined
  /** Rows of list pages read a moment ago (a bulk job's), which spare a draft's PUT its own read. */
  freshReads?: FreshReads
  random?: () => number
}

export class SyncEngine {
  private readonly loops = new Map<string, SyncLoop>()

  constructor(private readonly deps: SyncEngineDeps) {}

  /** Looks for queued drafts of this server (after an edit was queued, or the server came back). */
  kick(profileId: string): void {
    this.loop(profileId).kick()
  }

  /** Sends the given drafts even with automatic sync off (they stay asked for until sent or stopped). */
  request(profileId: string, draftIds: string[]): void {
    const loop = this.loop(profileId)
    loop.request(draftIds)
    loop.kick(0)
  }

  /**
   * Forgets an earlier "send it" for these drafts (all of the server's, with none named): a production
   * server's draft changed after it was pushed must be pushed again, as must everything queued before
   * the server was marked production.
   */
  unrequest(profileId: string, draftIds?: string[]): void {
    this.loops.get(profileId)?.unrequest(draftIds)
  }

  /** Sends one draft now and waits for it; 'waiting' when it cannot start yet (offline, not first in line). */
  sendNow(profileId: string, draftId: string): Promise<'sent' | 'waiting'> {
    return this.loop(profileId).sendNow(draftId)
  }

  /** Stops the server's loop and waits for drafts in flight (the server is being removed). */
  async forget(profileId: string): Promise<void> {
    const loop = this.loops.get(profileId)
    this.loops.delete(profileId)
    loop?.close()
    await loop?.settled()
  }

  async close(): Promise<void> {
    for (const loop of this.loops.values()) loop.close()
    await Promise.all([...this.loops.values()].map((loop) => loop.settled()))
  }

  private loop(profileId: string): SyncLoop {
    let loop = this.loops.get(profileId)
    if (!loop) {
      const { outbox } = this.deps
      loop = new SyncLoop({
        drafts: async () => (await outbox.doc(profileId)).drafts,
        isSyncing: (draftId) => outbox.isSyncing(profileId, draftId),
        sync: (draft, sent) => this.sync(draft, sent),
        reach: () => this.deps.reach(profileId),
        autoSync: () => this.deps.autoSync(profileId),
        now: this.deps.now,
      })
      this.loops.set(profileId, loop)
    }
    return loop
  }

  /**
   * Sends one draft and records the result; false when nothing could be recorded (the loop waits).
   * `sent` is told when the requests are over, before the record is saved.
   */
  private async sync(draft: Draft, sent: () => void): Promise<boolean> {
    const { outbox, now, profiles } = this.deps
    const profileId = draft.profileId
    if (!profiles.find(profileId) || !outbox.beginSync(profileId, draft)) return false
    let recorded = false
    try {
      const result = await syncDraft(draft, {
        client: this.deps.gateways.client(profileId),
        now,
        rules: () => {
          const server = profiles.find(profileId)?.server
          return {
            nowSeconds: Math.floor(now() / 1000),
            maxQuota: server ? maxRemainQuota(server) : Infinity,
            maxNameBytes: server?.maxNameBytes ?? MAX_NAME_BYTES,
            maxAutoGroups: this.deps.autoGroupLimit?.(profileId),
          }
        },
        freshRead: (tokenId) => this.deps.freshReads?.take(profileId, tokenId) ?? null,
        onCorrectionFailed: (tokenId, error) =>
          this.deps.logger.warn(
            { profileId, tokenId, err: String(error) },
            'taking back a measured refund failed; it stays as measured',
          ),
        saveInFlight: (inFlight) => this.patch(draft, { inFlight }),
        saveUpdateDone: (base) => this.patch(draft, { base, changes: {}, quota: null, inFlight: null }),
        // From here on the token exists: what is left (the status) is an edit of it.
        saveCreated: (token) =>
          this.patch(draft, {
            kind: 'update',
            tokenId: token.id,
            base: draftBaseOf(token),
            changes: {},
            quota: null,
            inFlight: null,
          }),
      })
      sent()
      await this.record(draft, result)
      recorded = true
    } catch (error) {
      // Recording failed (the disk, a removed server): the draft stays as it was on disk.
      this.deps.logger.error(
        { profileId, draftId: draft.id, err: String(error) },
        'a draft sync could not be recorded',
      )
    } finally {
      // Recorded: the record ended the sending. Not recorded: end it here, telling the UI.
      if (!recorded) await outbox.endSync(profileId, draft.id)
    }
    return recorded
  }

  /** Saves part of a draft while it is being sent (crash notes, progress). */
  private async patch(draft: Draft, patch: Partial<Draft>): Promise<void> {
    await this.deps.outbox.change(draft.profileId, (doc) => {
      const current = doc.drafts.find((candidate) => candidate.id === draft.id)
      if (!current) return { next: doc, result: undefined }
      const next = { ...current, ...patch, updatedAt: this.deps.now() }
      return {
        next: { ...doc, drafts: doc.drafts.map((d) => (d.id === draft.id ? next : d)) },
        upserted: [next],
        result: undefined,
      }
    })
  }

  private async record(draft: Draft, result: SyncResult): Promise<void> {
    const { outbox, cache, logger, profiles } = this.deps
    const profileId = draft.profileId
    // The server was removed while this draft was on its way: nothing of it is kept.
    if (!profiles.find(profileId)) throw new Error('the server was removed during the sync')
    const within = draft.bulkJobId ? BULK_RECORD_MS : 0
    const ending = { ending: draft.id, within }
    if (result.kind === 'synced') {
      await outbox.change(
        profileId,
        (doc) => {
          const rebased = laterDraftsRebased(doc.drafts, draft, result.quotaBaseline ?? null)
          return {
            next: {
              ...doc,
              drafts: doc.drafts
                .filter((d) => d.id !== draft.id)
                .map((d) => rebased.find((r) => r.id === d.id) ?? d),
            },
            removed: [draft.id],
            upserted: rebased,
            records: [result.record],
            result: undefined,
          }
        },
        ending,
      )
      await cache.apply(profileId, { upsert: result.upsert, remove: result.removedIds }, { within })
      logger.info(
        {
          profileId,
          draftId: draft.id,
          outcome: result.record.outcome,
          refund: result.record.refund,
          requests: result.record.requests,
        },
        'draft synced',
      )
      return
    }
    // The merge read the token as the server holds it now: the table shows that, not the older listing
    // (discarding the draft then leaves the server's value in view, as it is). Before the draft says
    // "conflict", so that whoever sees the conflict finds the row it was read from.
    if (result.kind === 'conflict' && result.read)
      await cache.apply(profileId, { upsert: [result.read] }, { within })
    await outbox.change(
      profileId,
      (doc) => {
        const current = doc.drafts.find((d) => d.id === draft.id)
        if (!current) return { next: doc, result: undefined }
        const next = this.afterFailure(current, result)
        return {
          next: { ...doc, drafts: doc.drafts.map((d) => (d.id === draft.id ? next : d)) },
          upserted: [next],
          result: undefined,
        }
      },
      ending,
    )
    logger.warn({ profileId, draftId: draft.id, kind: result.kind }, 'draft not synced')
  }

  private afterFailure(current: Draft, result: Exclude<SyncResult, { kind: 'synced' }>): Draft {
    const now = this.deps.now()
    const at = { updatedAt: now }
    switch (result.kind) {
      case 'conflict':
        return {
          ...current,
          ...at,
          state: 'conflict',
          conflict: result.conflict,
          lastError: null,
          retryAt: null,
        }
      case 'failed':
        return {
          ...current,
          ...at,
          state: 'failed',
          lastError: result.error,
          retryAt: null,
          inFlight: result.keepInFlight ? current.inFlight : null,
        }
      case 'retry': {
        const attempts = current.attempts + 1
        const backoff = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (attempts - 1))
        const jitter = 1 + (this.deps.random ?? Math.random)() * 0.5
        // An update keeps the attempt that may have landed (judged on the next read); a create its marker.
        const inFlight =
          current.kind === 'update'
            ? result.earlier && { startedAt: now, earlier: result.earlier, createMarker: null }
            : current.inFlight
        return {
          ...current,
          ...at,
          attempts,
          lastError: result.error,
          // Unreachable or refused: wait for the server to come back (connectivity resumes the loop).
          retryAt: waitsForServer(result.error) ? null : now + Math.round(backoff * jitter),
          inFlight: inFlight ?? null,
        }
      }
    }
  }
}
