import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { EventBus } from '../../src/main/core/event-bus'
import { TemplateService } from '../../src/main/core/templates/template-service'
import { TEMPLATES_FILE, TemplateStore } from '../../src/main/core/templates/template-store'
import type { StorageNotice } from '../../src/shared/domain/storage-notice'
import type { TokenTemplate } from '../../src/shared/domain/token-template'
import { AppError } from '../../src/shared/result'

// templates.json through the data folder's one store: overlapping saves all land, names stay unique,
// a damaged file keeps every readable template (and the original), a crash mid-write loses nothing.
// Real files in a temp folder.

let dir: string | undefined
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = undefined
})

async function open() {
  dir ??= await mkdtemp(join(tmpdir(), 'tokendesk-templates-'))
  const notices: Omit<StorageNotice, 'id'>[] = []
  const store = await TemplateStore.open({ root: dir, now: Date.now, report: (n) => notices.push(n) })
  const events = new EventBus()
  const announced: string[][] = []
  events.subscribe((event, payload) => {
    if (event === 'templates.changed')
      announced.push((payload as { templates: TokenTemplate[] }).templates.map((t) => t.name))
  })
  const service = new TemplateService({ store, events, logger: pino({ level: 'silent' }) })
  return { store, service, notices, announced, path: join(dir, TEMPLATES_FILE) }
}

const onDisk = async (path: string) =>
  (JSON.parse(await readFile(path, 'utf8')) as { templates: TokenTemplate[] }).templates

const template = (id: string, name: string, extra: Partial<TokenTemplate> = {}): TokenTemplate => ({
  id,
  name,
  group: 'vip',
  quota: { kind: 'amount', units: 1000 },
  ...extra,
})

const codeOf = (error: unknown) =>
  error instanceof AppError ? `${error.code}:${error.details?.fields?.[0]?.key ?? ''}` : String(error)

describe('saving templates', () => {
  it('keeps every save when they overlap, each announced, and reads them back after a restart', async () => {
    const { service, path, announced } = await open()
    const [a, b] = await Promise.all([
      service.save({ id: null, name: 'Team A', group: 'vip' }),
      service.save({ id: null, name: 'Team B', expiry: { kind: 'after', preset: 'days30' } }),
    ])
    await service.save({ ...a, id: a.id, group: 'default' })
    expect((await onDisk(path)).map((t) => [t.name, t.group])).toEqual([
      ['Team A', 'default'],
      ['Team B', undefined],
    ])
    expect(announced.at(-1)).toEqual(['Team A', 'Team B'])
    const again = await open()
    expect(again.service.list().templates).toEqual([
      { id: a.id, name: 'Team A', group: 'default' },
      { id: b.id, name: 'Team B', expiry: { kind: 'after', preset: 'days30' } },
    ])
  })

  it('refuses a name another template has (as a person reads it), also when two saves race for it', async () => {
    const { service } = await open()
    await service.save({ id: null, name: 'Team A' })
    await expect(service.save({ id: null, name: ' team a ' }).catch(codeOf)).resolves.toBe(
      'validation:templateName.taken',
    )
    const raced = await Promise.allSettled([
      service.save({ id: null, name: 'Shared' }),
      service.save({ id: null, name: 'SHARED' }),
    ])
    expect(raced.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
    expect(service.list().templates.map((t) => t.name)).toEqual(['Team A', 'Shared'])
  })

  it('duplicates under a free name right after the original, and deletes', async () => {
    const { service } = await open()
    const a = await service.save({ id: null, name: 'Team A', models: 'gpt-4o', modelLimitsEnabled: true })
    await service.save({ id: null, name: 'Team B' })
    const copy = await service.duplicate(a.id)
    const second = await service.duplicate(a.id)
    expect(service.list().templates.map((t) => t.name)).toEqual([
      'Team A',
      'Team A (3)',
      'Team A (2)',
      'Team B',
    ])
    expect(copy).toMatchObject({ name: 'Team A (2)', models: 'gpt-4o', modelLimitsEnabled: true })
    expect(copy.id).not.toBe(a.id)
    await service.remove(second.id)
    await expect(service.remove(second.id).catch(codeOf)).resolves.toBe('not-found:')
    await expect(service.save({ id: 'gone', name: 'X' }).catch(codeOf)).resolves.toBe('not-found:')
    expect(service.list().templates.map((t) => t.name)).toEqual(['Team A', 'Team A (2)', 'Team B'])
  })
})

describe('a damaged templates.json', () => {
  it('keeps every readable template, reports the ones left out and keeps the original', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokendesk-templates-'))
    const original = JSON.stringify({
      templates: [
        template('a', 'Team A'),
        { ...template('b', 'Team B'), quota: { kind: 'amount', units: -5 } },
        template('c', 'team a'), // a twin by name: ambiguous, left out
        template('d', 'Team D', { allowIps: '10.0.0.0/8' }),
      ],
    })
    await writeFile(join(dir, TEMPLATES_FILE), original)
    const { service, notices, path } = await open()
    expect(service.list().templates.map((t) => t.id)).toEqual(['a', 'd'])
    expect(notices).toEqual([
      expect.objectContaining({ file: TEMPLATES_FILE, kind: 'records-dropped', dropped: 2 }),
    ])
    expect(await readFile(join(dir, notices[0]!.keptAs!), 'utf8')).toBe(original)
    // What was kept is saved back at once: the next start reads it cleanly.
    expect((await onDisk(path)).map((t) => t.id)).toEqual(['a', 'd'])
  })

  it('falls back to the last good copy when the file is not JSON, and says so', async () => {
    const first = await open()
    await first.service.save({ id: null, name: 'Team A' })
    await first.service.save({ id: null, name: 'Team B' })
    await writeFile(first.path, '{"templates": [{"id": "x", "na') // torn by something other than TokenDesk
    const { service, notices } = await open()
    expect(service.list().templates.map((t) => t.name)).toEqual(['Team A'])
    expect(notices).toEqual([expect.objectContaining({ kind: 'restored-from-backup' })])
  })
})

describe('a crash mid-write', () => {
  it('leaves the templates as they were before that write, and the temp file is swept', async () => {
    const first = await open()
    const a = await first.service.save({ id: null, name: 'Team A', group: 'default' })
    await first.service.save({ ...a, group: 'vip' })
    // What a kill during the atomic write leaves: a half-written temp file beside the intact one.
    await writeFile(`${first.path}.2718281828`, '{"templates": [{"id": "new", "name": "Tea')
    await writeFile(`${first.path}.bak.tmp`, 'half')
    const { service, notices } = await open()
    expect(service.list().templates.map((t) => [t.name, t.group])).toEqual([['Team A', 'vip']])
    expect(notices).toEqual([])
    expect((await readdir(dir!)).filter((name) => name.startsWith(TEMPLATES_FILE)).sort()).toEqual([
      TEMPLATES_FILE,
      `${TEMPLATES_FILE}.bak`,
    ])
  })

  it('brings the last good copy back when the crash left the file missing', async () => {
    const first = await open()
    await first.service.save({ id: null, name: 'Team A' })
    await first.service.save({ id: null, name: 'Team B' })
    await rm(first.path)
    const { service, notices, path } = await open()
    expect(service.list().templates.map((t) => t.name)).toEqual(['Team A'])
    expect(notices).toEqual([expect.objectContaining({ kind: 'restored-from-backup', keptAs: null })])
    expect((await onDisk(path)).map((t) => t.name)).toEqual(['Team A'])
  })
})
