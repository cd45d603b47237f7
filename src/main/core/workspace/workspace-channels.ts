import type { Handlers } from '../dispatcher'
import type { BulkService } from '../bulk/bulk-service'
import type { DraftService } from '../drafts/draft-service'
import type { Outbox } from '../drafts/outbox'
import type { KeyService } from '../keys/key-service'
import type { ProfileService } from '../profiles/profile-service'
import type { WatchService } from '../watch/watch-service'
import type { CatalogService } from './catalog-service'
import type { ServerViews } from './server-views'
import type { TokenService } from './token-service'
import type { UsageService } from './usage-service'

// The bridge calls about one server's tokens: its view state, the list, keys, usage, the groups and
// models it offers, drafts and the outbox, bulk jobs and the Watch — each a hand-over to the part that
// does the work. A call naming a server that is not saved is refused before any of them is asked.

type WorkspaceChannel = Extract<
  keyof Handlers,
  `${'views' | 'tokens' | 'keys' | 'usage' | 'catalog' | 'drafts' | 'bulk' | 'watch'}.${string}`
>

export interface WorkspaceChannelDeps {
  profiles: Pick<ProfileService, 'require'>
  views: ServerViews
  tokens: TokenService
  keys: KeyService
  usage: UsageService
  catalog: CatalogService
  outbox: Outbox
  drafts: DraftService
  bulk: BulkService
  watch: WatchService
}

export function workspaceChannels(deps: WorkspaceChannelDeps): Pick<Handlers, WorkspaceChannel> {
  const { profiles, views, tokens, keys, usage, catalog, drafts, bulk, watch } = deps
  return {
    'views.get': (input) => {
      profiles.require(input.profileId)
      return views.get(input.profileId)
    },
    'views.set': async (input) => {
      profiles.require(input.profileId)
      await views.set(input.profileId, input.view)
      return null
    },
    'tokens.cached': (input) => tokens.cached(input.profileId),
    'tokens.list': (input) => tokens.list(input.profileId),
    'tokens.get': (input) => tokens.get(input.profileId, input.id),
    'keys.budget': async (input) => keys.budget(input.profileId),
    'keys.copy': (input) => keys.copy(input),
    'keys.open': (input) => keys.open(input),
    'usage.token': (input) => usage.tokenUsage(input),
    'catalog.groups': (input) => catalog.groupsOf(input.profileId, input.refresh),
    'catalog.models': (input) => catalog.modelsOf(input.profileId, input.group, input.refresh),
    'drafts.list': (input) => {
      profiles.require(input.profileId)
      return deps.outbox.list(input.profileId)
    },
    'drafts.save': (input) => drafts.save(input),
    'drafts.create': (input) => drafts.create(input),
    'drafts.delete': (input) => drafts.remove(input),
    'drafts.discard': async (input) => {
      await drafts.discard(input.profileId, input.draftId)
      return null
    },
    'drafts.sync': (input) => drafts.sync(input.profileId, input.draftId),
    'drafts.resolve': (input) => drafts.resolve(input),
    'bulk.start': (input) => bulk.start(input),
    'bulk.jobs': (input) => bulk.list(input.profileId),
    'bulk.control': (input) => bulk.control(input),
    'bulk.undo': (input) => bulk.undo(input),
    'watch.list': (input) => watch.current(input.profileId),
    'watch.counts': () => watch.counts(),
  }
}
