import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import keytar from 'keytar'
import { createCore } from '../../src/main/core/create-core'
import type { CoreApi, CoreOptions, SecretStore } from '../../src/main/core/core-types'
import { createKeytarStore } from '../../src/main/core/vault/keytar-store'
import { startSandbox, type SandboxGateway, type SandboxOptions } from '../../src/sandbox/index'
import type { Result } from '../../src/shared/result'
import type { SaveOutcome } from '../../src/shared/contract/draft-contract'
import type { EventName } from '../../src/shared/contract/channel-names'
import type { QuotaIntent } from '../../src/shared/domain/quota-intent'
import type { DraftBase } from '../../src/shared/domain/draft'
import { type Token, type TokenChanges } from '../../src/shared/domain/token'
import { editableOf } from '../../src/shared/domain/token-values'

// A real core (real keychain under a test service, real files in a temp folder) talking over loopback
// HTTP to a real sandbox gateway. Nothing of the project is mocked. `restart()` closes the core and opens
// a new one on the same data folder and keychain service, as quitting and starting the app does.

export interface CoreHarness {
  core: CoreApi
  sandbox: SandboxGateway
  dataDir: string
  /** The keychain service the core's access tokens live under (a fresh one per harness). */
  keychainService: string
  call: <T = unknown>(channel: string, input?: unknown) => Promise<Result<T>>
  value: <T = unknown>(channel: string, input?: unknown) => Promise<T>
  addSandboxProfile: () => Promise<{ id: string }>
  /**
   * Edits a token as the editor's Save does (a draft sent at once), its base the row as stored now with
   * `shown` laid over it (what the editor shows of drafts not sent yet).
   */
  edit: (
    profileId: string,
    id: number,
    edit: {
      changes?: TokenChanges
      quota?: QuotaIntent | null
      wantStatus?: 1 | 2 | null
      shown?: Partial<DraftBase>
    },
    mode?: 'hold' | 'queue' | 'now',
  ) => Promise<Result<SaveOutcome>>
  /** Every event the core emitted since start (or the last restart), in order. */
  events: { event: EventName; payload: unknown }[]
  /** Closes the core and opens it again; `meanwhile` runs while it is closed (to stage files). */
  restart: (meanwhile?: () => Promise<void>) => Promise<void>
  /** A second core on a fresh data folder of its own, with the same keychain service (closed with this). */
  otherCore: () => Promise<{ core: CoreApi; dataDir: string }>
  close: () => Promise<void>
}

export interface HarnessCoreOptions extends Partial<
  Pick<CoreOptions, 'clock' | 'http' | 'fetch' | 'desktop' | 'bulk' | 'watch'>
> {
  /** Wraps the keychain store (e.g. to count reads). */
  wrapSecrets?: (store: SecretStore) => SecretStore
}

export async function startCoreHarness(
  sandboxOptions: SandboxOptions = {},
  coreOptions: HarnessCoreOptions = {},
): Promise<CoreHarness> {
  const sandbox = await startSandbox(sandboxOptions)
  const dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-core-'))
  const service = `TokenDesk-test-${randomUUID()}`
  const { wrapSecrets, ...options } = coreOptions
  const keychain = createKeytarStore(service)
  const secretStore = wrapSecrets ? wrapSecrets(keychain) : keychain
  const events: CoreHarness['events'] = []
  // Server names are unique: the second sandbox profile is "Sandbox 2".
  let added = 0
  const others: { core: CoreApi; dataDir: string }[] = []
  const open = async () => {
    const core = await createCore({
      dataDir,
      secretStore,
      fetch: options.fetch ?? globalThis.fetch,
      host: 'web',
      appVersion: '0.0.0-test',
      locale: 'en-US',
      ...options,
    })
    core.onEvent((event, payload) => events.push({ event, payload }))
    return core
  }
  const harness: CoreHarness = {
    core: await open(),
    sandbox,
    dataDir,
    keychainService: service,
    events,
    call: <T>(channel: string, input?: unknown) =>
      harness.core.dispatch(channel, input) as Promise<Result<T>>,
    value: async <T>(channel: string, input?: unknown): Promise<T> => {
      const result = await harness.call<T>(channel, input)
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
      return result.value
    },
    addSandboxProfile: () =>
      harness.value<{ id: string }>('profiles.add', {
        name: (added += 1) === 1 ? 'Sandbox' : `Sandbox ${added}`,
        baseUrl: sandbox.baseUrl,
        userId: sandbox.userId,
        accessToken: sandbox.accessToken,
      }),
    edit: (profileId, id, edit, mode = 'now') => {
      // A deleted token's last row, for an editor still open on it.
      const row = sandbox.control.token(id) ?? sandbox.control.deletedTokens().find((t) => t.id === id)
      if (!row) throw new Error(`the sandbox has no token ${id}`)
      return harness.call<SaveOutcome>('drafts.save', {
        profileId,
        draftId: null,
        tokenId: id,
        base: { id, status: row.status, ...editableOf(row as Token), ...edit.shown },
        changes: edit.changes ?? {},
        quota: edit.quota ?? null,
        wantStatus: edit.wantStatus ?? null,
        mode,
      })
    },
    restart: async (meanwhile) => {
      await harness.core.close()
      await meanwhile?.()
      events.length = 0
      harness.core = await open()
    },
    otherCore: async () => {
      const otherDir = await mkdtemp(join(tmpdir(), 'tokendesk-other-'))
      const core = await createCore({
        dataDir: otherDir,
        secretStore: keychain,
        fetch: globalThis.fetch,
        host: 'web',
        appVersion: '0.0.0-test',
      })
      others.push({ core, dataDir: otherDir })
      return { core, dataDir: otherDir }
    },
    close: async () => {
      for (const other of others.splice(0)) {
        await other.core.close()
        await rm(other.dataDir, { recursive: true, force: true })
      }
      await harness.core.close()
      await sandbox.close()
      for (const credential of await keytar.findCredentials(service)) {
        await keytar.deletePassword(service, credential.account)
      }
      await rm(dataDir, { recursive: true, force: true })
    },
  }
  return harness
}
