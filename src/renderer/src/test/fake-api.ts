import type { TokenDeskApi } from '@shared/contract/bridge-api'
import type { ChannelName, EventName } from '@shared/contract/channel-names'
import type { EventPayload } from '@shared/contract/contract'
import type { AppCommand } from '@shared/domain/app-command'
import type { Profile } from '@shared/domain/profile'
import { DEFAULT_SERVER_FACTS, type ServerFacts } from '@shared/domain/server-facts'
import { type Token } from '@shared/domain/token'
import { NEVER_EXPIRES, TOKEN_STATUS } from '@shared/domain/token-values'
import { fail, ok, type AppErrorData } from '@shared/result'
import { createFakeBulk } from './fake-bulk'
import { createFakeDemo } from './fake-demo'
import { createFakeCatalog, DEFAULT_FAKE_CATALOG, type FakeCatalogSeed } from './fake-catalog'
import { DEFAULT_SERVER_VIEW, type ServerView } from '@shared/domain/server-view'
import { serverViewSchema } from '@shared/domain/server-view-schema'
import { createFakeOutbox, type OutboxDeps } from './fake-outbox'
import { createFakeKeys } from './fake-keys'
import { createFakeProfiles, makeProfile } from './fake-profiles'
import { createFakeUsage } from './fake-usage'
import { createFakeWatch } from './fake-watch'
import { createFakeTemplateImport, createFakeTemplates } from './fake-templates'
import type { TokenTemplate } from '@shared/domain/token-template'
import type { UsageCall } from '@shared/domain/token-usage'

export { makeProfile }

// An in-memory TokenDeskApi for component and store tests: it behaves like main (one active profile,
// tokens per profile, events after changes), records every call, and can be told to fail the next call.

export function makeToken(overrides: Partial<Token> = {}): Token {
  return {
    id: 1,
    user_id: 7,
    key: 'abcd**********wxyz',
    status: TOKEN_STATUS.enabled,
    name: 'token',
    created_time: 1_700_000_000,
    accessed_time: 1_700_000_000,
    expired_time: NEVER_EXPIRES,
    remain_quota: 5_000_000,
    unlimited_quota: false,
    used_quota: 0,
    model_limits_enabled: false,
    model_limits: '',
    allow_ips: '',
    group: '',
    ...overrides,
  }
}

export interface FakeCall {
  channel: ChannelName
  input: unknown
}

export interface FakeSeed {
  profiles?: Profile[]
  activeId?: string | null
  tokens?: Record<string, Token[]>
  server?: ServerFacts
  views?: Record<string, ServerView>
  /** Calls made with each token (by id), for the usage view. */
  usage?: Record<number, UsageCall[]>
  /** What every server's catalog (groups, models) holds. */
  catalog?: Partial<FakeCatalogSeed>
  /** The saved token templates. */
  templates?: TokenTemplate[]
  /** A native-menu command picked while the window was opening, waiting for it in main. */
  commandWaiting?: AppCommand
}

export function createFakeApi(seed: FakeSeed = {}) {
  const profiles = [...(seed.profiles ?? [makeProfile()])]
  const commands: { waiting: AppCommand | null } = { waiting: seed.commandWaiting ?? null }
  const active = { id: seed.activeId === undefined ? (profiles[0]?.id ?? null) : seed.activeId }
  const tokens: Record<string, Token[]> = structuredClone(seed.tokens ?? {})
  /** Each server's view state as main keeps it (seeded, or saved by the UI). */
  const views: Record<string, ServerView> = structuredClone(seed.views ?? {})
  const lastListed: Record<string, { tokens: Token[]; fetchedAt: number }> = {}
  /** Listings wait for this (a slow server reading its pages); `holdListing` sets it. */
  const listing: { held: Promise<void> | null } = { held: null }
  function holdListing(): () => void {
    let release = () => {}
    listing.held = new Promise<void>((resolve) => (release = resolve))
    return () => {
      listing.held = null
      release()
    }
  }
  const calls: FakeCall[] = []
  const failures = new Map<ChannelName, AppErrorData>()
  const listeners = new Map<EventName, Set<(payload: never) => void>>()

  const record = (channel: ChannelName, input: unknown): AppErrorData | undefined => {
    calls.push({ channel, input: structuredClone(input) })
    const failure = failures.get(channel)
    failures.delete(channel)
    return failure
  }
  /** Whether the fake servers "cannot be reached": lists come from the cache, saves are queued. */
  const network: OutboxDeps['network'] = { offline: false }
  const facts = (id: string) =>
    profiles.find((p) => p.id === id)?.server ?? seed.server ?? DEFAULT_SERVER_FACTS

  /** Events late by this many ms: answers then overtake their events, as they may between processes. */
  const lag = { eventsMs: 0 }
  function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const deliver = () => {
      for (const listener of listeners.get(event) ?? []) (listener as (p: EventPayload<E>) => void)(payload)
    }
    if (lag.eventsMs > 0) setTimeout(deliver, lag.eventsMs)
    else deliver()
  }

  const outbox = createFakeOutbox({ tokens, record, emit, network })
  const keys = createFakeKeys({ record, profiles, tokens })
  const usageCalls: Record<number, UsageCall[]> = structuredClone(seed.usage ?? {})
  const usage = createFakeUsage({ record, calls: usageCalls })
  const catalog: FakeCatalogSeed = { ...structuredClone(DEFAULT_FAKE_CATALOG), ...seed.catalog }
  const templates: TokenTemplate[] = structuredClone(seed.templates ?? [])
  const bulk = createFakeBulk({ tokens, record, emit })
  const watch = createFakeWatch({ profiles, tokens, record, emit })

  const api: TokenDeskApi = {
    ...outbox.api,
    ...bulk.api,
    ...watch.api,
    app: {
      notices: async (input) => {
        const f = record('app.notices', input)
        return f ? { ok: false, error: f } : ok([])
      },
      takeCommand: async (input) => {
        const f = record('app.takeCommand', input)
        if (f) return { ok: false, error: f }
        const waited = commands.waiting
        commands.waiting = null
        return ok(waited)
      },
      dismissNotice: async (input) => {
        const f = record('app.dismissNotice', input)
        return f ? { ok: false, error: f } : ok(null)
      },
      signal: async (input) => {
        const f = record('app.signal', input)
        return f ? { ok: false, error: f } : ok(null)
      },
      log: async (input) => {
        const f = record('app.log', input)
        return f ? { ok: false, error: f } : ok(null)
      },
      setLocale: async (input) => {
        const f = record('app.setLocale', input)
        return f ? { ok: false, error: f } : ok(null)
      },
      // Opened by the desktop host (`keyHost.desktop`); the browser host only answers where it is.
      openFolder: async (input) => {
        const f = record('app.openFolder', input)
        if (f) return { ok: false, error: f }
        const dataDir = '/home/alice/.config/TokenDesk'
        return ok({ path: input.kind === 'logs' ? `${dataDir}/logs` : dataDir, opened: keys.host.desktop })
      },
      info: async (input) => {
        const f = record('app.info', input)
        if (f) return { ok: false, error: f }
        return ok({
          name: 'TokenDesk',
          version: '0.1.0',
          host: 'web' as const,
          platform: 'test',
          locale: 'en-US',
          dataDir: '/home/alice/.config/TokenDesk',
        })
      },
    },
    profiles: createFakeProfiles({
      profiles,
      active,
      tokens,
      record,
      emit,
      templateImport: createFakeTemplateImport({ templates, emit }),
    }),
    demo: createFakeDemo({ profiles, active, tokens, record, emit }),
    keys: keys.api,
    usage: usage.api,
    catalog: createFakeCatalog({ seed: catalog, network, record }),
    templates: createFakeTemplates({ templates, record, emit }),
    views: {
      get: async (input) => {
        const f = record('views.get', input)
        if (f) return { ok: false, error: f }
        return ok(structuredClone(views[input.profileId] ?? DEFAULT_SERVER_VIEW))
      },
      set: async (input) => {
        const f = record('views.set', input)
        if (f) return { ok: false, error: f }
        views[input.profileId] = serverViewSchema.parse(input.view)
        return ok(null)
      },
    },
    tokens: {
      /** Main's cache: what `tokens.list` answered last for the server (nothing before the first). */
      cached: async (input) => {
        const f = record('tokens.cached', input)
        if (f) return { ok: false, error: f }
        const kept = lastListed[input.profileId]
        return ok({
          profileId: input.profileId,
          tokens: structuredClone(kept?.tokens ?? []),
          fetchedAt: kept?.fetchedAt ?? null,
          server: facts(input.profileId),
          source: 'cache' as const,
          error: null,
        })
      },
      list: async (input) => {
        await listing.held
        const f = record('tokens.list', input)
        if (f) return { ok: false, error: f }
        if (!tokens[input.profileId]) return fail('not-found', 'no such profile')
        const fetchedAt = Date.now()
        if (!network.offline)
          lastListed[input.profileId] = { tokens: structuredClone(tokens[input.profileId] ?? []), fetchedAt }
        return ok({
          profileId: input.profileId,
          tokens: structuredClone(tokens[input.profileId] ?? []),
          fetchedAt,
          server: facts(input.profileId),
          source: network.offline ? ('cache' as const) : ('server' as const),
          error: network.offline ? { code: 'offline' as const, message: 'connect ECONNREFUSED' } : null,
        })
      },
      get: async (input) => {
        const f = record('tokens.get', input)
        if (f) return { ok: false, error: f }
        const token = tokens[input.profileId]?.find((t) => t.id === input.id)
        return token ? ok(structuredClone(token)) : fail('not-found', 'record not found')
      },
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener as (payload: never) => void)
      return () => set.delete(listener as (payload: never) => void)
    },
  }

  return {
    api,
    calls,
    tokens,
    views,
    network,
    lag,
    catalog,
    /** The saved templates as main holds them. */
    templates,
    drafts: outbox.drafts,
    /** Bulk jobs as the fake keeps them; `settleBulk` gives their items outcomes. */
    bulkJobs: bulk.jobs,
    settleBulk: bulk.settle,
    /** The key calls' host: `desktop` answers as the Electron host; what it copied and opened. */
    keyHost: keys.host,
    keyLimit: keys.limit,
    /** The calls made on one channel, in order. */
    callsOf: (channel: ChannelName) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    failNext: (channel: ChannelName, error: AppErrorData) => failures.set(channel, error),
    /** The next save or create breaks one of main's rules: answered as invalid, the input kept. */
    refuseNext: outbox.refuseNext,
    holdListing,
    /** Calls per token id the usage view counts; tests may add to them. */
    usageCalls,
    holdUsage: usage.hold,
    /** Main's Watch of a server looked again: its state goes out as `watch.changed`. */
    announceWatch: watch.announce,
    emit,
  }
}

export type FakeApi = ReturnType<typeof createFakeApi>
