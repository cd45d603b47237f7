import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import keytar from 'keytar'
import { createCore } from '../../src/main/core/create-core'
import type { CoreApi, CoreOptions } from '../../src/main/core/core-types'
import { createKeytarStore } from '../../src/main/core/vault/keytar-store'
import { startSandbox, type SandboxGateway, type SandboxOptions } from '../../src/sandbox/index'
import type { Result } from '../../src/shared/result'
import type { SaveOutcome } from '../../src/shared/contract/draft-contract'
import type { QuotaIntent } from '../../src/shared/domain/quota-intent'
import { editableOf, type Token, type TokenChanges } from '../../src/shared/domain/token'

// A real core (real keychain under a test service, real files in a temp folder) talking over loopback
// HTTP to a real sandbox gateway. Nothing of the project is mocked.

export interface CoreHarness {
  core: CoreApi
  sandbox: SandboxGateway
  dataDir: string
  call: <T = unknown>(channel: string, input?: unknown) => Promise<Result<T>>
  value: <T = unknown>(channel: string, input?: unknown) => Promise<T>
  addSandboxProfile: () => Promise<{ id: string }>
  /** Edits a token as the editor's Save does (a draft sent at once), its base the row as stored now. */
  edit: (
    profileId: string,
    id: number,
    edit: { changes?: TokenChanges; quota?: QuotaIntent | null; wantStatus?: 1 | 2 | null },
    mode?: 'hold' | 'queue' | 'now',
  ) => Promise<Result<SaveOutcome>>
  close: () => Promise<void>
}

export async function startCoreHarness(
  sandboxOptions: SandboxOptions = {},
  coreOptions: Pick<CoreOptions, 'clock'> = {},
): Promise<CoreHarness> {
  const sandbox = await startSandbox(sandboxOptions)
  const dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-core-'))
  const service = `TokenDesk-test-${randomUUID()}`
  const core = await createCore({
    dataDir,
    secretStore: createKeytarStore(service),
    fetch: globalThis.fetch,
    host: 'web',
    appVersion: '0.0.0-test',
    locale: 'en-US',
    ...coreOptions,
  })
  const call = <T>(channel: string, input?: unknown) => core.dispatch(channel, input) as Promise<Result<T>>
  const value = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await call<T>(channel, input)
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
    return result.value
  }
  return {
    core,
    sandbox,
    dataDir,
    call,
    value,
    addSandboxProfile: () =>
      value<{ id: string }>('profiles.add', {
        name: 'Sandbox',
        baseUrl: sandbox.baseUrl,
        userId: sandbox.userId,
        accessToken: sandbox.accessToken,
      }),
    edit: (profileId, id, edit, mode = 'now') => {
      // A deleted token's last row, for an editor still open on it.
      const row = sandbox.control.token(id) ?? sandbox.control.deletedTokens().find((t) => t.id === id)
      if (!row) throw new Error(`the sandbox has no token ${id}`)
      return call<SaveOutcome>('drafts.save', {
        profileId,
        draftId: null,
        tokenId: id,
        base: { id, status: row.status, ...editableOf(row as Token) },
        changes: edit.changes ?? {},
        quota: edit.quota ?? null,
        wantStatus: edit.wantStatus ?? null,
        mode,
      })
    },
    close: async () => {
      await core.close()
      await sandbox.close()
      for (const credential of await keytar.findCredentials(service)) {
        await keytar.deletePassword(service, credential.account)
      }
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
