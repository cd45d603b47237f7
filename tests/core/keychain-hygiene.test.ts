import { randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterEach, describe, expect, it } from 'vitest'
import { KEYCHAIN_INDEX_FILE } from '../../src/main/core/vault/keychain-index'
import { keychainScope } from '../../src/main/core/vault/keychain-scope'
import type { TokenList } from '../../src/shared/contract/contract'
import type { Profile } from '../../src/shared/domain/profile'
import type { ServerState } from '../../src/shared/domain/server-state'
import { AppError } from '../../src/shared/result'
import { keychainAccounts } from './keychain-accounts'
import { startCoreHarness, type CoreHarness } from './core-harness'

// Real keychain round trips (gnome-keyring in a private D-Bus session): entries scoped to their data
// folder, swept when they belong to no saved server, a remove that survives a failing keychain, and a
// server whose entry is gone asking for its token instead of blaming the server.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('keychain hygiene', () => {
  it('stores each access token under its data folder’s scope, and replaces and removes it there', async () => {
    harness = await startCoreHarness()
    const scope = await keychainScope(harness.dataDir)
    const first = await harness.addSandboxProfile()
    const second = await harness.addSandboxProfile()
    expect(await keychainAccounts(harness.keychainService)).toEqual(
      [`${scope}:${first.id}`, `${scope}:${second.id}`].sort(),
    )
    const edited = await harness.value<Profile>('profiles.update', {
      id: first.id,
      name: 'Sandbox',
      baseUrl: harness.sandbox.baseUrl,
      userId: harness.sandbox.userId,
      accessToken: harness.sandbox.accessToken,
    })
    expect(edited.accessTokenSetAt).not.toBeNull()
    expect(await keytar.getPassword(harness.keychainService, `${scope}:${first.id}`)).toBe(
      harness.sandbox.accessToken,
    )
    expect(await harness.value('profiles.remove', { id: second.id })).toEqual({ keychainCleared: true })
    expect(await keychainAccounts(harness.keychainService)).toEqual([`${scope}:${first.id}`])
  })

  it('never lets two data folders share, replace or sweep each other’s entries', async () => {
    harness = await startCoreHarness()
    const mine = await harness.addSandboxProfile()
    const { core: other } = await harness.otherCore()
    await other.keychainSwept()
    // The other folder starts (and sweeps) with this folder's entry in the same keychain service.
    const theirs = await other.dispatch('profiles.add', {
      name: 'Theirs',
      baseUrl: harness.sandbox.baseUrl,
      userId: harness.sandbox.userId,
      accessToken: harness.sandbox.accessToken,
    })
    expect(theirs.ok).toBe(true)
    await harness.restart()
    await harness.restart()
    await Promise.all([harness.core.keychainSwept(), other.keychainSwept()])
    expect(await keychainAccounts(harness.keychainService)).toHaveLength(2)
    const list = await harness.value<TokenList>('tokens.list', { profileId: mine.id })
    expect(list.source).toBe('server')
    expect(new Set((await keychainAccounts(harness.keychainService)).map((a) => a.split(':')[0])).size).toBe(
      2,
    )
  })

  it('sweeps entries of no saved server at start (a crash mid-add), and only this folder’s', async () => {
    harness = await startCoreHarness()
    const kept = await harness.addSandboxProfile()
    const scope = await keychainScope(harness.dataDir)
    // What a crash between the keychain write and profiles.json leaves: recorded in the index, stored in
    // the keychain, saved nowhere.
    const crashed = [randomUUID(), randomUUID(), randomUUID()]
    const index = JSON.parse(await readFile(join(harness.dataDir, KEYCHAIN_INDEX_FILE), 'utf8'))
    await harness.core.close()
    await writeFile(
      join(harness.dataDir, KEYCHAIN_INDEX_FILE),
      JSON.stringify({ profileIds: [...index.profileIds, ...crashed] }),
    )
    for (const id of crashed) await keytar.setPassword(harness.keychainService, `${scope}:${id}`, 'orphaned')
    // Someone else's entry in the same service (another data folder) is not ours to remove.
    await keytar.setPassword(harness.keychainService, `otherscope0:${randomUUID()}`, 'not ours')
    await harness.restart()
    await harness.core.keychainSwept()
    const left = await keychainAccounts(harness.keychainService)
    expect(left.filter((account) => account.startsWith(`${scope}:`))).toEqual([`${scope}:${kept.id}`])
    expect(left.filter((account) => account.startsWith('otherscope0:'))).toHaveLength(1)
    const after = JSON.parse(await readFile(join(harness.dataDir, KEYCHAIN_INDEX_FILE), 'utf8'))
    expect(after.profileIds).toEqual([kept.id])
  })

  it('removes the server when the keychain delete fails, says so, and deletes the entry later', async () => {
    let failDeletes = true
    harness = await startCoreHarness(
      {},
      {
        wrapSecrets: (store) => ({
          ...store,
          delete: async (account) => {
            if (failDeletes) throw new AppError('keychain-unavailable', 'The system keychain did not answer.')
            return store.delete(account)
          },
        }),
      },
    )
    const { id } = await harness.addSandboxProfile()
    expect(await harness.value('profiles.remove', { id })).toEqual({ keychainCleared: false })
    expect((await harness.value<{ profiles: Profile[] }>('profiles.list')).profiles).toEqual([])
    expect(await keychainAccounts(harness.keychainService)).toHaveLength(1)
    failDeletes = false
    await harness.restart()
    await harness.core.keychainSwept()
    expect(await keychainAccounts(harness.keychainService)).toEqual([])
  })

  it('asks for the access token when its entry is gone, and takes it back in place', async () => {
    harness = await startCoreHarness()
    const { id } = await harness.addSandboxProfile()
    const scope = await keychainScope(harness.dataDir)
    await harness.value('tokens.list', { profileId: id })
    await keytar.deletePassword(harness.keychainService, `${scope}:${id}`)
    await harness.restart()
    harness.sandbox.control.clearRequests()

    const list = await harness.value<TokenList>('tokens.list', { profileId: id })
    expect(list.source).toBe('cache')
    expect(list.error?.code).toBe('access-token-missing')
    const states = await harness.value<ServerState[]>('servers.states')
    expect(states[0]?.reach).toMatchObject({ state: 'needs-token', error: { code: 'access-token-missing' } })
    // Nothing went to the server without a token: it was never asked, so it never refused.
    expect(harness.sandbox.control.requests().filter((r) => r.headers.authorization)).toEqual([])

    await harness.value('profiles.update', {
      id,
      name: 'Sandbox',
      baseUrl: harness.sandbox.baseUrl,
      userId: harness.sandbox.userId,
      accessToken: harness.sandbox.accessToken,
    })
    const back = await harness.value<TokenList>('tokens.list', { profileId: id })
    expect(back.source).toBe('server')
    expect((await harness.value<ServerState[]>('servers.states'))[0]?.reach.state).toBe('online')
  })

  it('says the keychain is unavailable rather than blaming the server, and never falls back', async () => {
    let keychainDown = false
    harness = await startCoreHarness(
      {},
      {
        wrapSecrets: (store) => ({
          ...store,
          get: async (account) => {
            if (keychainDown)
              throw new AppError('keychain-unavailable', 'The system keychain did not answer.')
            return store.get(account)
          },
        }),
      },
    )
    const { id } = await harness.addSandboxProfile()
    await harness.restart()
    keychainDown = true
    const result = await harness.call('tokens.list', { profileId: id })
    expect(result.ok ? null : result.error.code).toBe('keychain-unavailable')
    const states = await harness.value<ServerState[]>('servers.states')
    expect(states[0]?.reach).toMatchObject({ state: 'needs-token', error: { code: 'keychain-unavailable' } })
  })

  it('finds a token stored before entries were scoped, and moves it under the scope', async () => {
    harness = await startCoreHarness()
    const { id } = await harness.addSandboxProfile()
    const scope = await keychainScope(harness.dataDir)
    await harness.core.close()
    await keytar.deletePassword(harness.keychainService, `${scope}:${id}`)
    await keytar.setPassword(harness.keychainService, id, harness.sandbox.accessToken)
    await harness.restart()
    const list = await harness.value<TokenList>('tokens.list', { profileId: id })
    expect(list.source).toBe('server')
    await harness.core.keychainSwept()
    expect(await keychainAccounts(harness.keychainService)).toEqual([`${scope}:${id}`])
  })
})
