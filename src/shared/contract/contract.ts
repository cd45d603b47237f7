import { z } from 'zod'
import { draftViewSchema, syncRecordSchema } from '../domain/draft'
import { pacingInputSchema, profileSchema, profilesStateSchema } from '../domain/profile'
import { connectionTestSchema, newProfileSchema, profileEditSchema } from '../domain/profile-input'
import { connectionReportSchema } from '../domain/connection-report'
import { importPlanSchema } from '../domain/server-list-document'
import { serverFactsSchema } from '../domain/server-facts-schema'
import { serverStateSchema } from '../domain/server-state'
import { serverViewSchema } from '../domain/server-view-schema'
import { settingsSchema, settingsPatchSchema } from '../domain/settings'
import { storageNoticeSchema } from '../domain/storage-notice'
import { tokenSchema } from '../domain/token'
import { templateSaveSchema, tokenTemplateSchema } from '../domain/token-template'
import { tokenUsageInputSchema, tokenUsageSchema } from '../domain/token-usage'
import { groupCatalogSchema, groupModelsSchema } from '../domain/group-catalog'
import { appErrorDataSchema } from '../result-schema'
import { APP_COMMANDS, APP_FOLDERS } from '../domain/app-command'
import type { ChannelName, EventName } from './channel-names'
import {
  draftCreateInputSchema,
  draftDeleteInputSchema,
  draftListSchema,
  draftRefSchema,
  draftResolveInputSchema,
  draftSaveInputSchema,
  draftSyncInputSchema,
  profileIdSchema,
  saveOutcomeSchema,
  tokenIdSchema,
} from './draft-contract'
import {
  bulkControlInputSchema,
  bulkJobRefSchema,
  bulkJobSchema,
  bulkStartInputSchema,
} from './bulk-contract'
import {
  keyBudgetSchema,
  keyCopyInputSchema,
  keyCopyOutputSchema,
  keyOpenInputSchema,
  keyOpenOutputSchema,
} from './key-contract'
import { attentionSchema, setWatchInputSchema, watchCountsSchema, watchStateSchema } from './watch-contract'
import { SAME_NAME_CHOICES, templateRefSchema, templatesStateSchema } from './template-contract'

// The one typed contract both processes derive from: each channel's input and output schema. Main parses
// every input with it (after checking the sender), and parses outputs too, so a field that is not in an
// output schema (a secret, say) can never cross the bridge.

const noInput = z
  .undefined()
  .or(z.object({}).strict())
  .transform(() => undefined)

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  platform: z.string(),
  locale: z.string(),
  /** Where TokenDesk keeps its files (told to the user when a damaged one was set aside there). */
  dataDir: z.string(),
})

export const tokenListSchema = z.object({
  profileId: z.string(),
  tokens: z.array(tokenSchema),
  /** Unix milliseconds when the list was read from the server; null when it never was. */
  fetchedAt: z.number().nullable(),
  server: serverFactsSchema,
  /** 'cache': the server could not be reached and this is the list as last fetched (`error` says why). */
  source: z.enum(['server', 'cache']),
  error: appErrorDataSchema.nullable(),
})

const profileRef = z.object({ profileId: profileIdSchema })
const importText = z.object({ text: z.string().max(2_000_000) })

export const contract = {
  'app.info': { input: noInput, output: appInfoSchema },
  /** The UI language, which main sends to servers as Accept-Language (their messages are localised). */
  'app.setLocale': { input: z.object({ locale: z.enum(['en-US', 'zh-CN']) }), output: z.null() },
  /** What the store recovered from damaged files (since start, until dismissed). */
  'app.notices': { input: noInput, output: z.array(storageNoticeSchema) },
  'app.dismissNotice': { input: z.object({ id: z.string().min(1).max(100) }), output: z.null() },
  /**
   * The window's native-command handler is listening: answers the command that waited for it (picked in
   * the menu, tray or dock while the window was opening), if any; later ones arrive as `app.command`.
   */
  'app.takeCommand': { input: noInput, output: z.enum(APP_COMMANDS).nullable() },
  /** The OS or the page says the network came back (or went), or the machine woke up. */
  'app.signal': { input: z.object({ signal: z.enum(['online', 'offline', 'resume']) }), output: z.null() },
  /** An error or warning of the window, for the log main keeps (the window has no file of its own). */
  'app.log': {
    input: z.object({
      level: z.enum(['warn', 'error']),
      message: z.string().min(1).max(2000),
      stack: z.string().max(8000).optional(),
      /** Where it was caught: a Vue hook name, 'window', 'promise'. */
      source: z.string().max(200).optional(),
    }),
    output: z.null(),
  },
  /**
   * Shows TokenDesk's data or logs folder in the file manager (the desktop app); answers its path either
   * way, and whether it was opened (the browser host never opens one: it shows the path).
   */
  'app.openFolder': {
    input: z.object({ kind: z.enum(APP_FOLDERS) }),
    output: z.object({ path: z.string(), opened: z.boolean() }),
  },
  'settings.get': { input: noInput, output: settingsSchema },
  'settings.set': { input: settingsPatchSchema, output: settingsSchema },
  'profiles.list': { input: noInput, output: profilesStateSchema },
  'profiles.add': { input: newProfileSchema, output: profileSchema },
  /** Name, address, user id, production mark; a new access token (write-only) when given. */
  'profiles.update': { input: profileEditSchema, output: profileSchema },
  'profiles.duplicate': { input: z.object({ id: profileIdSchema }), output: profileSchema },
  'profiles.reorder': {
    input: z.object({ ids: z.array(profileIdSchema).max(1000) }),
    output: profilesStateSchema,
  },
  /** Reads the server's status and the account behind the access token, without saving anything. */
  'profiles.test': { input: connectionTestSchema, output: connectionReportSchema },
  /** `keychainCleared: false`: the server is gone, its keychain entry will be deleted later. */
  'profiles.remove': {
    input: z.object({ id: profileIdSchema }),
    output: z.object({ keychainCleared: z.boolean() }),
  },
  'profiles.select': { input: z.object({ id: profileIdSchema }), output: profilesStateSchema },
  /** The server list as a JSON document without secrets. */
  'profiles.export': { input: noInput, output: z.object({ text: z.string() }) },
  /** What importing a server list would add, and which entries are already saved or invalid. */
  'profiles.importPreview': { input: importText, output: importPlanSchema },
  /**
   * Adds the list's new servers (each then asks for its access token) and its templates; a template
   * named like a saved one is skipped, replaces it, or is kept as well under a free name. Answers the
   * ids added (and replaced).
   */
  'profiles.import': {
    input: importText.extend({ sameNameTemplates: z.enum(SAME_NAME_CHOICES).default('skip') }),
    output: z.object({
      added: z.array(z.string()),
      templates: z.object({ added: z.array(z.string()), replaced: z.array(z.string()) }),
    }),
  },
  /** The server's global rate limit TokenDesk paces itself under; null = new-api's default. */
  'profiles.setPacing': {
    input: z.object({ id: profileIdSchema, pacing: pacingInputSchema.nullable() }),
    output: profileSchema,
  },
  /** What the Watch looks for on the server (expiry look-ahead, remaining amount); null = the defaults. */
  'profiles.setWatch': { input: setWatchInputSchema, output: profileSchema },
  /** The token templates (TokenDesk's own, usable on every server). */
  'templates.list': { input: noInput, output: templatesStateSchema },
  /** Creates (id null) or replaces a template; its name must be free. */
  'templates.save': { input: templateSaveSchema, output: tokenTemplateSchema },
  'templates.delete': { input: templateRefSchema, output: z.null() },
  /** A copy under a free name ("Team A (2)"), placed after the original. */
  'templates.duplicate': { input: templateRefSchema, output: tokenTemplateSchema },
  /**
   * Runs the demo server TokenDesk keeps inside the app, saves it (once, `demo: true`) and makes it the
   * active server. Its access token is no secret and never reaches the keychain.
   */
  'demo.start': { input: noInput, output: profileSchema },
  /** How the user left a server's screens (search, sort, page, scroll, open editor). */
  'views.get': { input: profileRef, output: serverViewSchema },
  'views.set': { input: z.object({ profileId: profileIdSchema, view: serverViewSchema }), output: z.null() },
  /** Each saved server's reachability and unsynced drafts. */
  'servers.states': { input: noInput, output: z.array(serverStateSchema) },
  /** Lifts the server's rate-limit pause and looks again at once (the user's "retry now"). */
  'servers.retryNow': { input: profileRef, output: serverStateSchema },
  /** The list as last fetched, at once and without asking the server (shown while it is read again). */
  'tokens.cached': { input: profileRef, output: tokenListSchema },
  'tokens.list': { input: profileRef, output: tokenListSchema },
  'tokens.get': { input: z.object({ profileId: profileIdSchema, id: tokenIdSchema }), output: tokenSchema },
  /** Key reveals left in the server's critical window (shared with logins), without asking the server. */
  'keys.budget': { input: profileRef, output: keyBudgetSchema },
  /** Keys as text for the clipboard (plain, with the address, or new-api's connection JSON). */
  'keys.copy': { input: keyCopyInputSchema, output: keyCopyOutputSchema },
  /** A deep link that imports the key into a desktop client (CC Switch, Cherry Studio …). */
  'keys.open': { input: keyOpenInputSchema, output: keyOpenOutputSchema },
  /**
   * One token's requests and quota over the last 24 h / 7 d / 30 d, a series for a chart and its recent
   * calls, from the server's own usage log (a minute-old answer is reused unless `fresh`).
   */
  'usage.token': { input: tokenUsageInputSchema, output: tokenUsageSchema },
  /**
   * The groups a token may use (ratio, description), the user's own group and the Auto order: read once
   * per session (`refresh` reads again); the last one read when the server cannot be reached.
   */
  'catalog.groups': {
    input: z.object({ profileId: profileIdSchema, refresh: z.boolean().optional() }),
    output: groupCatalogSchema,
  },
  /** The models a token may be limited to in a group ('' = the user's own; several comma-separated). */
  'catalog.models': {
    input: z.object({
      profileId: profileIdSchema,
      group: z.string().max(1000),
      refresh: z.boolean().optional(),
    }),
    output: groupModelsSchema,
  },
  'drafts.list': { input: profileRef, output: draftListSchema },
  /** Keeps, queues or sends an edit of a token (its fields, quota, status). */
  'drafts.save': { input: draftSaveInputSchema, output: saveOutcomeSchema },
  'drafts.create': { input: draftCreateInputSchema, output: saveOutcomeSchema },
  'drafts.delete': { input: draftDeleteInputSchema, output: saveOutcomeSchema },
  'drafts.discard': { input: draftRefSchema, output: z.null() },
  /** Sends one draft (answering with its outcome) or every one that can go (answering null). */
  'drafts.sync': { input: draftSyncInputSchema, output: saveOutcomeSchema.nullable() },
  'drafts.resolve': { input: draftResolveInputSchema, output: saveOutcomeSchema },
  /**
   * Applies a bulk change to the tokens named, as main's token list holds them: one draft per token
   * through the outbox, followed as a job (`bulk.changed`).
   */
  'bulk.start': { input: bulkStartInputSchema, output: bulkJobSchema },
  /** The server's bulk jobs, newest first. */
  'bulk.jobs': { input: profileRef, output: z.array(bulkJobSchema) },
  /** Pause, resume, cancel (what is not yet sent) or retry the failed tokens of a job. */
  'bulk.control': { input: bulkControlInputSchema, output: bulkJobSchema },
  /** Reverts what a job changed: a new job of kind 'undo' (quota by the difference, usage kept). */
  'bulk.undo': { input: bulkJobRefSchema, output: bulkJobSchema },
  /** The server's tokens that expire soon, have expired or run low, from its token list as last read. */
  'watch.list': { input: profileRef, output: watchStateSchema },
  /** How many tokens the Watch holds per server and in all (what a tray badge shows). */
  'watch.counts': { input: noInput, output: watchCountsSchema },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>

export const eventSchemas = {
  'profiles.changed': profilesStateSchema,
  /** Rows the server answered with (so the UI never reads again after a save) and rows now gone. */
  'tokens.changed': z.object({
    profileId: z.string(),
    tokens: z.array(tokenSchema),
    removedIds: z.array(z.number().int()),
  }),
  'drafts.changed': z.object({
    profileId: z.string(),
    drafts: z.array(draftViewSchema),
    removedIds: z.array(z.string()),
    /** Sync results added to the history. */
    history: z.array(syncRecordSchema),
  }),
  /** A listing under way: the rows of the page just read, how many so far and of how many. */
  'tokens.progress': z.object({
    profileId: z.string(),
    tokens: z.array(tokenSchema),
    loaded: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
  }),
  'servers.changed': serverStateSchema,
  'app.notice': storageNoticeSchema,
  'settings.changed': settingsSchema,
  'templates.changed': templatesStateSchema,
  /** A bulk job's items or state changed (a few times a second at most while it runs). */
  'bulk.changed': bulkJobSchema,
  /** The native menu asks the window to run one of its own commands (desktop app only). */
  'app.command': z.object({ command: z.enum(APP_COMMANDS) }),
  /** A server's Watch changed (its token list was read or written, or its thresholds changed). */
  'watch.changed': watchStateSchema,
  /** Something worth telling the user even in the background (an OS notification); once per event. */
  'app.attention': attentionSchema,
} as const satisfies Record<EventName, z.ZodType>

export type Contract = typeof contract
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>
export type TokenList = z.output<typeof tokenListSchema>
export type AppInfo = z.output<typeof appInfoSchema>
