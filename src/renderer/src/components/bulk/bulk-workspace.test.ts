import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { bodyText, button, checkbox, inputById, typeInto } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { useProfilesStore } from '@renderer/stores/profiles'
import BulkWorkspace from './bulk-workspace.vue'

// Starting a bulk change from the tokens screen: on a server marked production the user confirms first
// (a bulk job sends at once, it does not wait in the outbox for a push); elsewhere it starts at once.

const rows = [makeToken({ id: 1, name: 'alpha' }), makeToken({ id: 2, name: 'bravo' })].map((token) => ({
  token,
  drafts: [],
  state: null,
  deleting: false,
  creating: false,
}))

async function mountWorkspace(production: boolean) {
  const fake = createFakeApi({
    profiles: [makeProfile({ id: 'p1', name: 'Live gateway', production })],
    tokens: { p1: rows.map((row) => row.token) },
  })
  mountApp(BulkWorkspace, {
    fake,
    props: { profileId: 'p1', rows, facts: DEFAULT_SERVER_FACTS, open: true },
  })
  await useProfilesStore().hydrate()
  await settle()
  return fake
}

/** Ticks Rename, types a prefix, presses Apply. */
async function applyRename(): Promise<void> {
  if (!document.getElementById('bulk-rename-text')) {
    checkbox('Rename').click()
    await settle()
  }
  typeInto(inputById('bulk-rename-text'), 'team-')
  await settle()
  const apply = [...document.querySelectorAll('button')].find((b) =>
    b.textContent?.trim().startsWith('Apply to 2 tokens'),
  )!
  apply.click()
  await settle()
}

/** The confirmation, found as assistive technology finds it: an alert dialog named by its question. */
const confirmation = () =>
  [...document.querySelectorAll<HTMLElement>('[role="alertdialog"]')].find((d) =>
    d.getAttribute('aria-label')?.includes('production server'),
  ) ?? null
const started = {
  profileId: 'p1',
  tokenIds: [1, 2],
  change: { kind: 'edit', rename: { mode: 'prefix', text: 'team-' } },
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('bulk start on a production server', () => {
  it('asks first: Cancel sends nothing, confirming starts the job', async () => {
    const fake = await mountWorkspace(true)
    await applyRename()
    const asked = confirmation()
    expect(asked?.getAttribute('aria-label')).toBe(
      'Apply this bulk change to 2 tokens on the production server “Live gateway”?',
    )
    expect(asked?.textContent).toContain('sent to this production server as soon as it starts')
    button('Cancel', asked!).click()
    await settle()
    expect(fake.callsOf('bulk.start')).toEqual([])
    expect(confirmation()).toBeNull()

    await applyRename()
    button('Start on the production server', confirmation()!).click()
    await settle()
    expect(fake.callsOf('bulk.start')).toEqual([started])
    expect(bodyText()).toContain('Bulk change of 2 tokens')
  })

  it('starts at once on a server not marked production', async () => {
    const fake = await mountWorkspace(false)
    await applyRename()
    expect(confirmation()).toBeNull()
    expect(fake.callsOf('bulk.start')).toEqual([started])
  })
})
