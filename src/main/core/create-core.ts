import { chmod, mkdir, rm } from 'node:fs/promises'
import { AppError, fail, ok } from '@shared/result'
import { Connectivity } from './connectivity/connectivity'
import { ServerStates } from './server-states'
import type { CoreApi, CoreOptions } from './core-types'
import type { EventPayload } from '@shared/contract/contract'
import { DemoService } from './demo/demo-service'
import { createDispatcher } from './dispatcher'
import { BulkService } from './bulk/bulk-service'
import { BULK_FILE, BulkStore, bulkDocument } from './bulk/bulk-store'
import { BulkDrafts } from './drafts/bulk-drafts'
import { DraftService } from './drafts/draft-service'
import { FreshReads } from './drafts/fresh-reads'
import { Outbox, OUTBOX_FILE, outboxDocument } from './drafts/outbox'
import { SyncEngine } from './drafts/sync-engine'
import { EventBus } from './event-bus'
import { GatewayRegistry } from './gateway/gateway-registry'
import { closeLogger, createLogger } from './logger'
import { RendererLog } from './renderer-log'
import { ProfileService } from './profiles/profile-service'
import { ProfileStore } from './profiles/profile-store'
import { profileChannels } from './profiles/profile-channels'
import { savedIdsOnDisk } from './profiles/saved-ids'
import { ServerListTransfer } from './profiles/server-list-transfer'
import { SettingsStore } from './settings-store'
import { templateChannels } from './templates/template-channels'
import { TemplateService } from './templates/template-service'
import { TemplateStore } from './templates/template-store'
import { NoticeBoard } from './storage/notice-board'
import { ServerFiles } from './storage/server-files'
import { serverFolder } from './storage/server-folder'
import { TOKEN_CACHE_FILE, TokenCache, tokenCacheDocument } from './workspace/token-cache'
import { TokenService } from './workspace/token-service'
import { KeyService } from './keys/key-service'
import { SessionKeys } from './keys/session-keys'
import { UsageService } from './workspace/usage-service'
import { CatalogService } from './workspace/catalog-service'
import { SERVER_VIEW_FILE, ServerViews, serverViewDocument } from './workspace/server-views'
import { serverViewSchema } from '@shared/domain/server-view-schema'
import { DraftAttention } from './attention/draft-attention'
import { WATCH_ANNOUNCED_FILE, WatchAnnounced, watchAnnouncedDocument } from './watch/watch-announced'
import { WATCH_INTERVAL_MS, WatchRefresh } from './watch/watch-refresh'
import { WatchService } from './watch/watch-service'
import { AccessTokenVault } from './vault/access-token-vault'
import { keychainScope } from './vault/keychain-scope'
import { KeychainIndex } from './vault/keychain-index'
import { CommandMailbox } from './command-mailbox'
import { appChannels } from './app-channels'
import { UiLocale } from './ui-locale'
import { workspaceChannels } from './workspace/workspace-channels'

// The composition root both hosts call. Everything here runs in plain Node: no 'electron' import.

export async function createCore(options: CoreOptions): Promise<CoreApi> {
  const now = () => (options.clock ?? Date).now()
  const locale = new UiLocale(options.locale)
  const dataDir = options.dataDir
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  await chmod(dataDir, 0o700).catch(() => undefined)
  const logger = createLogger(dataDir)
  const events = new EventBus()
  const rendererLog = new RendererLog(logger, now)
  const notices = new NoticeBoard(logger, (notice) => events.emit('app.notice', notice))
  const storage = {
    root: dataDir,
    now,
    report: (notice: Parameters<NoticeBoard['report']>[0]) => notices.report(notice),
  }

  const profiles = await ProfileStore.open(storage)
  const savedIds = () => profiles.snapshot().profiles.map((profile) => profile.id)
  const vault = new AccessTokenVault({
    keychain: options.secretStore,
    index: await KeychainIndex.open(storage, savedIds),
    scope: await keychainScope(dataDir),
    savedIds: () => savedIdsOnDisk(dataDir, savedIds),
    logger,
  })
  const settings = await SettingsStore.open(storage, events)
  const templates = new TemplateService({ store: await TemplateStore.open(storage), events, logger })
  // Queued drafts go out by themselves when the setting says so — never to a production server, where
  // only the user's push from the outbox sends.
  const sendsByItself = (profileId: string) =>
    settings.value.autoSync && profiles.find(profileId)?.production !== true
  // Parts that need each other are wired through these late-bound references.
  const late: { states?: ServerStates; engine?: SyncEngine } = {}
  // Keys revealed this session live in main's memory only, dropped with the server's client.
  const sessionKeys = new SessionKeys()

  const connectivity = new Connectivity({
    now,
    // A removed server is not probed (its client is gone): async, so that refusal is a rejection.
    probe: async (profileId) => (profiles.find(profileId) ? gateways.client(profileId).status() : undefined),
    onChange: (profileId, reach, previous) => {
      late.states?.announce(profileId)
      if (reach.state !== 'online') return
      late.engine?.kick(profileId)
      // Back after being unreachable: the server may have been upgraded meanwhile.
      if (previous.state === 'offline') {
        gateways.refreshFeatures(profileId).catch((error: unknown) => {
          const code = error instanceof AppError ? error.code : 'internal'
          logger.warn({ profileId, code }, 'server feature detection after reconnect failed')
        })
      }
    },
  })
  const gateways = new GatewayRegistry({
    fetch: options.fetch,
    now,
    logger,
    secrets: vault,
    locale: () => locale.get(),
    profiles,
    http: options.http,
    listener: {
      // A request still in flight when its server was removed reports nothing any more.
      onOutcome: (profileId, error) => {
        if (profiles.find(profileId)) connectivity.noteOutcome(profileId, error)
      },
      onPause: (profileId, until) => {
        if (profiles.find(profileId)) connectivity.notePause(profileId, until)
      },
      onHold: (profileId, until) => late.states?.noteHold(profileId, until),
      onRefused: (profileId, admitted, estimate) => late.states?.noteRefusal(profileId, admitted, estimate),
      onFeatures: () => events.emit('profiles.changed', profiles.snapshot()),
      onForget: (profileId) => {
        sessionKeys.forget(profileId)
        // A dropped client's pacer holds nothing any more.
        late.states?.noteHold(profileId, 0)
      },
    },
  })
  const cache = new TokenCache(new ServerFiles(TOKEN_CACHE_FILE, tokenCacheDocument, storage), events)
  const outbox = new Outbox(new ServerFiles(OUTBOX_FILE, outboxDocument, storage), events, (profileId) =>
    late.states?.announce(profileId),
  )
  const catalog = new CatalogService({
    profiles,
    gateways,
    cache,
    now,
    onProfileChanged: () => events.emit('profiles.changed', profiles.snapshot()),
  })
  const autoGroupLimit = (profileId: string) => catalog.autoGroupLimit(profileId)
  const freshReads = new FreshReads(now)
  const sync = new SyncEngine({
    freshReads,
    outbox,
    cache,
    gateways,
    profiles,
    logger,
    now,
    reach: (profileId) => connectivity.reach(profileId),
    autoSync: sendsByItself,
    autoGroupLimit,
  })
  const serverStates = new ServerStates({
    profiles,
    connectivity,
    outbox,
    autoSync: sendsByItself,
    events,
  })
  late.engine = sync
  late.states = serverStates
  const tokenNames = async (profileId: string) => (await cache.read(profileId)).tokens.map((t) => t.name)
  const listedToken = async (profileId: string, tokenId: number) =>
    (await cache.read(profileId)).tokens.find((t) => t.id === tokenId)
  const drafts = new DraftService({
    outbox,
    engine: sync,
    profiles,
    now,
    autoGroupLimit,
    tokenNames,
    listedToken,
    heldUntil: (profileId) => serverStates.heldUntil(profileId),
  })
  const bulk = new BulkService({
    profiles,
    cache,
    store: new BulkStore(new ServerFiles(BULK_FILE, bulkDocument, storage)),
    drafts: new BulkDrafts({ outbox, engine: sync, now }),
    outbox,
    gateways,
    freshReads,
    events,
    logger,
    now,
    reach: (profileId) => connectivity.reach(profileId),
    pageReads: options.bulk?.pageReads,
  })
  const watch = new WatchService({
    profiles,
    cache,
    announced: new WatchAnnounced(new ServerFiles(WATCH_ANNOUNCED_FILE, watchAnnouncedDocument, storage)),
    events,
    logger,
    now,
  })
  const draftAttention = new DraftAttention(profiles, events)
  // A bulk job follows its drafts as the outbox announces them, like the UI does; so do the attention
  // calls. The Watch looks again whenever rows change or a server's thresholds (or servers) do.
  events.subscribe((event, payload) => {
    if (event === 'drafts.changed') {
      bulk.onDraftsChanged(payload as EventPayload<'drafts.changed'>)
      draftAttention.onDraftsChanged(payload as EventPayload<'drafts.changed'>)
    }
    if (event === 'tokens.changed') void watch.recheck((payload as EventPayload<'tokens.changed'>).profileId)
    if (event === 'profiles.changed') void watch.recheckAll()
  })
  const tokens = new TokenService({
    profiles,
    gateways,
    cache,
    events,
    now,
    listed: (profileId) => {
      void watch.recheck(profileId)
      catalog
        .noticeGroupList(profileId)
        .catch((error: unknown) =>
          logger.warn(
            { profileId, err: String(error) },
            'could not save that the server takes several groups',
          ),
        )
    },
  })
  const watchRefresh = new WatchRefresh({
    profiles,
    gateways,
    cache,
    tokens,
    watch,
    reach: (profileId) => connectivity.reach(profileId),
    hasAccessToken: async (profileId) => (await vault.get(profileId).catch(() => null)) !== null,
    logger,
    intervalMs: options.watch?.intervalMs === undefined ? WATCH_INTERVAL_MS : options.watch.intervalMs,
  })
  const keys = new KeyService({
    profiles,
    gateways,
    cache,
    keys: sessionKeys,
    logger,
    now,
    desktop: options.desktop ?? null,
  })
  const usage = new UsageService({ profiles, gateways, cache, now })
  const views = new ServerViews(new ServerFiles(SERVER_VIEW_FILE, serverViewDocument, storage))
  const profileService = new ProfileService({
    store: profiles,
    secrets: vault,
    gateways,
    events,
    logger,
    now,
    forgetServer: async (profileId) => {
      await sync.forget(profileId)
      await bulk.forget(profileId)
      catalog.forget(profileId)
      connectivity.forget(profileId)
      usage.forget(profileId)
      await outbox.remove(profileId)
      await cache.remove(profileId)
      await views.remove(profileId)
      await watch.forget(profileId)
      await rm(serverFolder(dataDir, profileId), { recursive: true, force: true })
    },
    unsynced: async (profileId) => (await outbox.doc(profileId)).drafts.length,
    retargeted: async (profileId) => {
      usage.forget(profileId)
      catalog.forget(profileId)
      await cache.forgetRows(profileId)
      await views.set(profileId, serverViewSchema.parse({}))
      await watch.reset(profileId)
    },
    reconnected: (profileId) => {
      connectivity.retry(profileId)
      sync.kick(profileId)
    },
    edited: (profileId) => {
      // Marked production: drafts asked to go before that wait for a push from the outbox now.
      if (profiles.find(profileId)?.production) sync.unrequest(profileId)
      serverStates.announce(profileId)
      sync.kick(profileId)
    },
  })

  // The demo server TokenDesk runs itself: a saved one gets its gateway back (new port) before any use.
  const demo = new DemoService({ store: profiles, vault, gateways, events, logger, now })
  await demo.resume()

  const commands = new CommandMailbox((command) => events.emit('app.command', { command }))

  const dispatch = createDispatcher(
    {
      ...appChannels({
        options,
        locale,
        notices,
        commands,
        rendererLog,
        logger,
        connectivity,
        settings,
        profiles,
        serverStates,
        sync,
      }),
      ...profileChannels(
        profileService,
        new ServerListTransfer({ store: profiles, templates, events, logger, now }),
      ),
      ...templateChannels(templates),
      'demo.start': () => demo.start(),
      'servers.states': () => serverStates.all(),
      'servers.retryNow': async (input) => {
        profileService.require(input.profileId)
        gateways.client(input.profileId).http.pacing.clearPauses()
        connectivity.retry(input.profileId)
        sync.kick(input.profileId)
        return serverStates.of(input.profileId)
      },
      ...workspaceChannels({
        profiles: profileService,
        views,
        tokens,
        keys,
        usage,
        catalog,
        outbox,
        drafts,
        bulk,
        watch,
      }),
    },
    logger,
  )

  // Drafts queued before the last quit (or crash) go out as soon as their server answers.
  for (const profile of profiles.snapshot().profiles) {
    const { drafts: kept } = await outbox.doc(profile.id)
    draftAttention.seed(kept)
    if (kept.some((draft) => draft.state === 'pending')) sync.kick(profile.id)
  }
  // Bulk jobs running at the last quit (or crash) catch up with their outbox and go on.
  await bulk.resume()
  // Leftovers of a crash mid-add or a failed keychain delete; in the background, never blocking start.
  void vault.sweepSoon()
  // The Watch as the token caches hold it (announcing what entered it while the app was closed), then
  // kept current in the background.
  void watch.recheckAll()
  watchRefresh.start()
  logger.info({ host: options.host, version: options.appVersion }, 'core started')

  return {
    dispatch,
    onEvent: (listener) => events.subscribe(listener),
    keychainSwept: () => vault.swept(),
    watchRound: () => watchRefresh.round(),
    refreshServerFeatures: async (profileId) => {
      try {
        return ok(await gateways.refreshFeatures(profileId))
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toData() }
        logger.error({ err: String(error) }, 'feature detection crashed')
        return fail('internal', 'Something went wrong inside TokenDesk. The details are in the log.')
      }
    },
    command: (command) => commands.send(command),
    windowGone: () => commands.windowGone(),
    locale: () => locale.get(),
    onLocaleChange: (listener) => locale.onChange(listener),
    close: async () => {
      watchRefresh.close()
      await watch.close()
      connectivity.close()
      await vault.close()
      await bulk.close()
      await sync.close()
      await demo.close()
      logger.info('core stopped')
      await closeLogger(logger)
    },
  }
}
