// The names of every call and event the bridge carries, with no dependencies, so the sandboxed preload
// can build `window.tokenDesk` from them without bundling zod. `contract.ts` is checked against these.

export const CHANNEL_NAMES = [
  'app.info',
  'app.setLocale',
  'app.notices',
  'app.dismissNotice',
  'app.signal',
  'app.log',
  'app.openFolder',
  'settings.get',
  'settings.set',
  'profiles.list',
  'profiles.add',
  'profiles.update',
  'profiles.duplicate',
  'profiles.reorder',
  'profiles.test',
  'profiles.remove',
  'profiles.select',
  'profiles.export',
  'profiles.importPreview',
  'profiles.import',
  'profiles.setPacing',
  'templates.list',
  'templates.save',
  'templates.delete',
  'templates.duplicate',
  'demo.start',
  'views.get',
  'views.set',
  'servers.states',
  'servers.retryNow',
  'tokens.cached',
  'tokens.list',
  'tokens.get',
  'keys.budget',
  'keys.copy',
  'keys.open',
  'usage.token',
  'catalog.groups',
  'catalog.models',
  'drafts.list',
  'drafts.save',
  'drafts.create',
  'drafts.delete',
  'drafts.discard',
  'drafts.sync',
  'drafts.resolve',
  'bulk.start',
  'bulk.jobs',
  'bulk.control',
  'bulk.undo',
] as const

export type ChannelName = (typeof CHANNEL_NAMES)[number]

export const EVENT_NAMES = [
  'profiles.changed',
  'tokens.changed',
  'tokens.progress',
  'drafts.changed',
  'servers.changed',
  'app.notice',
  'settings.changed',
  'templates.changed',
  'bulk.changed',
  'app.command',
] as const

export type EventName = (typeof EVENT_NAMES)[number]

/** Prefix of the IPC channels that carry events from main to the renderer. */
export const EVENT_CHANNEL_PREFIX = 'event:'
