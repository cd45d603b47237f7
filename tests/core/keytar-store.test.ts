import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { createKeytarStore } from '../../src/main/core/vault/keytar-store'

// Runs against the real Secret Service (gnome-keyring in a private D-Bus session: scripts/with-keyring.sh),
// under a service name of its own so it never touches a developer's TokenDesk entries.

const service = `TokenDesk-test-${randomUUID()}`
const store = createKeytarStore(service)
const account = 'profile-under-test'

describe('keytar secret store', () => {
  afterAll(async () => {
    await store.delete(account)
  })

  it('stores, reads back, replaces and deletes a secret in the OS keychain', async () => {
    expect(await store.get(account)).toBeNull()
    await store.set(account, 'first-secret')
    expect(await store.get(account)).toBe('first-secret')
    await store.set(account, 'second-secret')
    expect(await store.get(account)).toBe('second-secret')
    expect(await store.delete(account)).toBe(true)
    expect(await store.get(account)).toBeNull()
    expect(await store.delete(account)).toBe(false)
  })

  it('keeps secrets of different services apart', async () => {
    const other = createKeytarStore(`${service}-other`)
    await store.set(account, 'mine')
    expect(await other.get(account)).toBeNull()
    await store.delete(account)
  })
})
