import type { Result } from '@shared/result'
import type { EventName } from '@shared/contract/channel-names'
import type { EventPayload } from '@shared/contract/contract'
import type { ServerFeatures } from '@shared/domain/profile'
import type { HttpClientDeps } from './gateway/http-client'
import type { AppCommand } from '@shared/domain/app-command'
import type { RoundOutcome } from './watch/round-outcome'

// What a host (Electron or browser) needs from the core: one dispatcher for every contract call and one
// stream of events. Both hosts bind exactly this, so they cannot behave differently.

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface CoreHostApi {
  /** Parses `rawInput` with the channel's schema, runs the call, and returns a Result (never throws). */
  dispatch(channel: string, rawInput: unknown): Promise<Result<unknown>>
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: CoreEventListener): () => void
  close(): Promise<void>
}

/**
 * The core as createCore returns it: the host API plus calls the core's own parts (and the Electron
 * host's reconnect handling) use without a bridge channel.
 */
export interface CoreApi extends CoreHostApi {
  /** Resolves when the keychain sweep started with the core (or since) is done. */
  keychainSwept(): Promise<void>
  /** Re-detects what a saved server can do, e.g. after reconnecting (it may have been upgraded). */
  refreshServerFeatures(profileId: string): Promise<Result<ServerFeatures>>
  /**
   * Asks the window to run one of its commands (the native menu's way in: an `app.command` event, or
   * waiting for a window that is still opening to take it: command-mailbox.ts).
   */
  command(command: AppCommand): void
  /** The window closed, crashed or is loading again: commands wait until it listens. */
  windowGone(): void
  /** The UI language as the window last said (app.setLocale), else the host's guess. */
  locale(): string
  /** Follows the UI language (the native menu and tray speak it too); returns the unsubscribe function. */
  onLocaleChange(listener: (locale: string) => void): () => void
  /**
   * Runs one Watch refresh round now over every saved server (what the timer does every ~10 minutes)
   * and answers what it did for each: read, or why it skipped (busy pacer, offline, no access token…).
   */
  watchRound(): Promise<Record<string, RoundOutcome>>
}

/** Where secrets live: the OS keychain in the app, a keychain under a test service name in tests. */
export interface SecretStore {
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
}

/**
 * What only the Electron host can do for the core: write the OS clipboard and hand a link to the OS, both
 * in main, so a copied key never has to travel to the renderer. The browser host has neither (Node has no
 * OS clipboard): there the page does both.
 */
export interface DesktopActions {
  writeClipboard(text: string): void
  /** Opens a client's deep link (the host checks it against its allow-list first). */
  openExternal(url: string): Promise<void>
  /** Shows one of TokenDesk's own folders (a path the core chose, never one from the window). */
  openFolder(path: string): Promise<void>
}

export interface Clock {
  /** Unix milliseconds. */
  now(): number
}

export interface CoreOptions {
  dataDir: string
  secretStore: SecretStore
  fetch: typeof globalThis.fetch
  clock?: Clock
  host: 'electron' | 'web'
  appVersion: string
  /** UI language, sent to servers as Accept-Language. */
  locale?: string
  /** Request timeouts and pacer settings; tests shrink them. */
  http?: Pick<HttpClientDeps, 'timeoutMs' | 'maxBodyBytes' | 'pacer'>
  /**
   * How bulk jobs send their drafts: page by page with shared list reads (default), or — `pageReads:
   * false`, the design the bench measures against — each draft reading its own token.
   */
  bulk?: { pageReads?: boolean }
  /** The Watch's background refresh: every ~10 min by default; null switches the timer off (tests). */
  watch?: { intervalMs?: number | null }
  /** The Electron host's clipboard and link opener; absent in the browser host. */
  desktop?: DesktopActions
}
