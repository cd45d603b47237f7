import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ProfileStore } from '../../src/main/core/profiles/profile-store'
import { DEFAULT_SERVER_FACTS } from '../../src/shared/domain/server-facts'
import type { Profile } from '../../src/shared/domain/profile'
import type { StorageNotice } from '../../src/shared/domain/storage-notice'

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
  watch: null,
  allowInsecureHttp: false,
  production: false,
  multiGroup: false,
  groupListSeen: false,
  demo: false,
  accessTokenSetAt: null,
})

describe('profile store', () => {
  it('keeps every change when saves overlap', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokendesk-store-'))
    const store = await ProfileStore.open({ root: dir, now: Date.now, report: () => undefined })
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
    const store = await ProfileStore.open({ root: dir, now: Date.now, report: () => undefined })
    const failing = store.update(() => {
      throw new Error('boom')
    })
    const next = store.update((draft) => void draft.profiles.push(profile('c')))
    await expect(failing).rejects.toThrow('boom')
    expect((await next).profiles.map((p) => p.id)).toEqual(['c'])
  })
})

describe('a damaged profiles.json', () => {
  it('keeps every readable server, reports the one left out and keeps the original', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokendesk-store-'))
    const broken = { ...profile('b'), userId: 'not a number' }
    await writeFile(
      join(dir, 'profiles.json'),
      JSON.stringify({ profiles: [profile('a'), broken, profile('c')], activeId: 'b' }),
    )
    const notices: Omit<StorageNotice, 'id'>[] = []
    const store = await ProfileStore.open({ root: dir, now: Date.now, report: (n) => notices.push(n) })
    expect(store.snapshot().profiles.map((p) => p.id)).toEqual(['a', 'c'])
    // The active server was the unreadable one: the first readable one takes its place.
    expect(store.snapshot().activeId).toBe('a')
    expect(notices).toEqual([
      expect.objectContaining({ file: 'profiles.json', kind: 'records-dropped', dropped: 1 }),
    ])
    const kept = notices[0]!.keptAs!
    expect(JSON.parse(await readFile(join(dir, kept), 'utf8')).profiles[1].userId).toBe('not a number')
    // The readable servers are saved back at once: the next start reads them cleanly.
    expect(JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8')).profiles).toHaveLength(2)
    expect((await readdir(dir)).filter((name) => name.startsWith('profiles.json.corrupt-'))).toHaveLength(1)
  })
})
