import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/main/core/logger'
import { ProfileStore } from '../../src/main/core/profiles/profile-store'
import { DEFAULT_SERVER_FACTS } from '../../src/shared/domain/server-facts'
import type { Profile } from '../../src/shared/domain/profile'

let dir: string | undefined
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = undefined
})

const profile = (id: string): Profile => ({
  id,
  name: id,
  baseUrl: 'https://gw.example.com',
  userId: 1,
  createdAt: 0,
  username: null,
  server: DEFAULT_SERVER_FACTS,
  features: null,
  pacing: null,
})

describe('profile store', () => {
  it('keeps every change when saves overlap', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokendesk-store-'))
    const store = await ProfileStore.open(dir, createLogger(dir), Date.now)
    await Promise.all([
      store.update((draft) => void draft.profiles.push(profile('a'))),
      store.update((draft) => void (draft.activeId = 'a')),
      store.update((draft) => void draft.profiles.push(profile('b'))),
    ])
    const expected = { profiles: [profile('a'), profile('b')], activeId: 'a' }
    expect(store.snapshot()).toEqual(expected)
    expect(JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8'))).toEqual(expected)
  })

  it('carries on after a failed change, which its caller sees', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokendesk-store-'))
    const store = await ProfileStore.open(dir, createLogger(dir), Date.now)
    const failing = store.update(() => {
      throw new Error('boom')
    })
    const next = store.update((draft) => void draft.profiles.push(profile('c')))
    await expect(failing).rejects.toThrow('boom')
    expect((await next).profiles.map((p) => p.id)).toEqual(['c'])
  })
})
