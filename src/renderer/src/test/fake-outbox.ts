import type { TokenDeskApi } from '@shared/contract/bridge-api'
import type { ChannelName, EventName } from '@shared/contract/channel-names'
import type { EventPayload } from '@shared/contract/contract'
import type { SaveOutcome } from '@shared/contract/draft-contract'
import { draftBaseSchema, type DraftView, type SyncRecord } from '@shared/domain/draft'
import { applyDraft, createdRow } from '@shared/domain/draft-overlay'
import type { ServerState } from '@shared/domain/server-state'
import type { Token } from '@shared/domain/token'
import { ok, type AppErrorData, type FieldIssue, type Result } from '@shared/result'

// The outbox half of the fake api: drafts kept per profile the way main keeps them ('hold' keeps,
// 'queue' queues, 'now' applies at once unless the fake network is down), the same events main sends,
// server states and settings. Merging and pacing are main's business and are not imitated here.

export interface OutboxDeps {
  tokens: Record<string, Token[]>
  record: (channel: ChannelName, input: unknown) => AppErrorData | undefined
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void
  /** offline: nothing is sent; heldUntil: main's pacer holds requests until then; refusedEarly: as main says it. */
  network: { offline: boolean; heldUntil?: number; refusedEarly?: ServerState['refusedEarly'] }
}

export function createFakeOutbox({ tokens, record, emit, network }: OutboxDeps) {
  const drafts: Record<string, DraftView[]> = {}
  const history: Record<string, SyncRecord[]> = {}
  let seq = 0
  let nextToken = 1000
  let settings = { autoSync: true, notifications: true }
  const failed = (error: AppErrorData) => ({ ok: false as const, error })

  const listOf = (profileId: string) => (drafts[profileId] ??= [])
  const state = (profileId: string): ServerState => ({
    profileId,
    reach: {
      state: network.offline ? 'offline' : 'online',
      since: 0,
      until: null,
      nextProbeAt: null,
      error: null,
    },
    unsynced: listOf(profileId).length,
    needsAttention: 0,
    syncing: false,
    heldUntil: network.heldUntil ?? null,
    refusedEarly: network.refusedEarly ?? null,
    autoSync: settings.autoSync,
  })
  const changed = (
    profileId: string,
    upserted: DraftView[],
    removed: string[],
    records: SyncRecord[] = [],
  ) => {
    emit('drafts.changed', {
      profileId,
      drafts: structuredClone(upserted),
      removedIds: removed,
      history: records,
    })
    emit('servers.changed', state(profileId))
  }

  function keep(profileId: string, draft: DraftView): DraftView {
    const list = listOf(profileId)
    const index = list.findIndex((d) => d.id === draft.id)
    if (index >= 0) list.splice(index, 1, draft)
    else list.push(draft)
    changed(profileId, [draft], [])
    return draft
  }

  function newDraft(profileId: string, parts: Partial<DraftView>): DraftView {
    seq += 1
    return {
      id: `d${seq}`,
      profileId,
      kind: 'update',
      tokenId: null,
      base: null,
      changes: {},
      quota: null,
      wantStatus: null,
      state: 'pending',
      seq,
      createdAt: Date.now(),
      updatedAt: Date.now(),
      attempts: 0,
      lastError: null,
      conflict: null,
      retryAt: null,
      locked: false,
      ...parts,
    }
  }

  /** What main does once the server took the draft: the rows change, the draft becomes history. */
  function apply(profileId: string, draft: DraftView): SaveOutcome {
    const list = (tokens[profileId] ??= [])
    let token: Token | undefined
    if (draft.kind === 'create') {
      // The row the outbox shows for the create, as the server makes it: a real id and a masked key.
      token = { ...createdRow(draft).token, id: nextToken++, key: 'new1**********wxyz', created_time: 0 }
      list.unshift(token)
    } else if (draft.kind === 'delete') {
      const index = list.findIndex((t) => t.id === draft.tokenId)
      if (index >= 0) list.splice(index, 1)
    } else {
      const index = list.findIndex((t) => t.id === draft.tokenId)
      if (index >= 0) list[index] = token = applyDraft(list[index] as Token, draft)
    }
    const record: SyncRecord = {
      draftId: draft.id,
      kind: draft.kind,
      tokenId: token?.id ?? draft.tokenId,
      name: token?.name ?? draft.base?.name ?? '',
      at: Date.now(),
      outcome: draft.kind === 'create' ? 'created' : draft.kind === 'delete' ? 'deleted' : 'written',
      fields: Object.keys(draft.changes),
      refund: 0,
      requests: 2,
    }
    drafts[profileId] = listOf(profileId).filter((d) => d.id !== draft.id)
    ;(history[profileId] ??= []).push(record)
    emit('tokens.changed', {
      profileId,
      tokens: token ? [structuredClone(token)] : [],
      removedIds: draft.kind === 'delete' && draft.tokenId !== null ? [draft.tokenId] : [],
    })
    changed(profileId, [], [draft.id], [record])
    return { outcome: 'synced', draft: null, record }
  }

  // Main's own check of an edit (the rules it shares with the form) is not imitated: a test says when it
  // refuses, and the fake answers as main does — the input kept as a held draft, the issues named.
  let refusal: FieldIssue[] | null = null

  function settle(profileId: string, draft: DraftView, mode: 'hold' | 'queue' | 'now'): Result<SaveOutcome> {
    if (refusal) {
      const issues = refusal
      refusal = null
      return ok({
        outcome: 'invalid',
        draft: keep(profileId, { ...draft, state: 'held' }),
        record: null,
        issues,
      })
    }
    if (mode === 'hold' || draft.state === 'held')
      return ok({ outcome: 'held', draft: keep(profileId, draft), record: null })
    if (mode === 'queue' || network.offline)
      return ok({ outcome: 'queued', draft: keep(profileId, draft), record: null })
    // Main answers at once while its pacer holds requests: the draft goes out when room comes.
    if ((network.heldUntil ?? 0) > Date.now())
      return ok({ outcome: 'syncing', draft: keep(profileId, { ...draft, state: 'syncing' }), record: null })
    return ok(apply(profileId, draft))
  }

  const editable = (profileId: string, draftId: string | null) =>
    draftId ? listOf(profileId).find((d) => d.id === draftId) : undefined
  // As main answers a save that continues a draft it no longer has (sent or discarded meanwhile).
  const gone = (profileId: string, draftId: string | null | undefined) =>
    draftId && !editable(profileId, draftId)
      ? failed({ code: 'not-found', message: 'That draft is gone: it was sent or discarded meanwhile.' })
      : null

  const api: Pick<TokenDeskApi, 'drafts' | 'servers' | 'settings'> = {
    drafts: {
      list: async (input) => {
        const f = record('drafts.list', input)
        if (f) return failed(f)
        return ok({
          drafts: structuredClone(listOf(input.profileId)),
          history: structuredClone(history[input.profileId] ?? []),
        })
      },
      save: async (input) => {
        const f = record('drafts.save', input)
        if (f) return failed(f)
        const missing = gone(input.profileId, input.draftId)
        if (missing) return missing
        const existing = editable(input.profileId, input.draftId ?? null)
        const parts = {
          kind: 'update' as const,
          tokenId: input.tokenId,
          base: existing?.base ?? draftBaseSchema.parse(input.base),
          changes: input.changes,
          quota: input.quota,
          wantStatus: input.wantStatus,
          state: input.mode === 'hold' ? ('held' as const) : ('pending' as const),
        }
        const empty = Object.keys(input.changes).length === 0 && !input.quota && input.wantStatus === null
        if (empty) {
          if (existing) {
            drafts[input.profileId] = listOf(input.profileId).filter((d) => d.id !== existing.id)
            changed(input.profileId, [], [existing.id])
          }
          return ok({ outcome: 'nothing', draft: null, record: null })
        }
        const draft = existing
          ? { ...existing, ...parts, updatedAt: Date.now() }
          : newDraft(input.profileId, parts)
        return settle(input.profileId, draft, input.mode)
      },
      create: async (input) => {
        const f = record('drafts.create', input)
        if (f) return failed(f)
        const missing = gone(input.profileId, input.draftId)
        if (missing) return missing
        const existing = editable(input.profileId, input.draftId ?? null)
        const parts = {
          kind: 'create' as const,
          changes: input.fields,
          quota: input.fields.unlimited_quota ? null : { mode: 'set' as const, value: input.remainQuota },
          state: input.mode === 'hold' ? ('held' as const) : ('pending' as const),
          // Main keeps a held batch as one draft; queued, it numbers and splits it (not modelled here).
          quantity: input.mode === 'hold' && (input.quantity ?? 1) > 1 ? input.quantity : undefined,
        }
        const draft = existing ? { ...existing, ...parts } : newDraft(input.profileId, parts)
        return settle(input.profileId, draft, input.mode)
      },
      delete: async (input) => {
        const f = record('drafts.delete', input)
        if (f) return failed(f)
        const draft = newDraft(input.profileId, {
          kind: 'delete',
          tokenId: input.tokenId,
          base: draftBaseSchema.parse(input.base),
        })
        return settle(input.profileId, draft, input.mode)
      },
      discard: async (input) => {
        const f = record('drafts.discard', input)
        if (f) return failed(f)
        drafts[input.profileId] = listOf(input.profileId).filter((d) => d.id !== input.draftId)
        changed(input.profileId, [], [input.draftId])
        return ok(null)
      },
      sync: async (input) => {
        const f = record('drafts.sync', input)
        if (f) return failed(f)
        const chosen = listOf(input.profileId).filter((d) => input.draftId === null || d.id === input.draftId)
        let last: SaveOutcome | null = null
        for (const draft of chosen) {
          const outcome = settle(input.profileId, { ...draft, state: 'pending' }, 'now')
          if (outcome.ok) last = outcome.value
        }
        return ok(input.draftId === null ? null : last)
      },
      resolve: async (input) => {
        const f = record('drafts.resolve', input)
        if (f) return failed(f)
        const draft = editable(input.profileId, input.draftId)
        if (!draft) return failed({ code: 'not-found', message: 'That draft is gone.' })
        return settle(input.profileId, { ...draft, state: 'pending', conflict: null }, 'queue')
      },
    },
    servers: {
      states: async (input) => {
        const f = record('servers.states', input)
        return f ? failed(f) : ok(Object.keys(tokens).map(state))
      },
      retryNow: async (input) => {
        const f = record('servers.retryNow', input)
        return f ? failed(f) : ok(state(input.profileId))
      },
    },
    settings: {
      get: async (input) => {
        const f = record('settings.get', input)
        return f ? failed(f) : ok(settings)
      },
      set: async (input) => {
        const f = record('settings.set', input)
        if (f) return failed(f)
        settings = { ...settings, ...input }
        emit('settings.changed', settings)
        return ok(settings)
      },
    },
  }

  const refuseNext = (issues: FieldIssue[]) => {
    refusal = issues
  }

  return { api, drafts, history, keep, refuseNext }
}
