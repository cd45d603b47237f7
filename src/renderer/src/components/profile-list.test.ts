import { afterEach, describe, expect, it } from 'vitest'
import { draftBaseOf } from '@shared/domain/draft-base'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { bodyText, button, inputById, typeInto } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { useProfilesStore } from '@renderer/stores/profiles'
import ProfileList from './profile-list.vue'

afterEach(() => {
  document.body.innerHTML = ''
})

const names = () =>
  [...document.querySelectorAll('.profile-list__title strong')].map((node) => node.textContent)

async function mountList() {
  const fake = createFakeApi({
    profiles: [
      makeProfile({ id: 'p1', name: 'First' }),
      makeProfile({ id: 'p2', name: 'Second', production: true }),
      makeProfile({ id: 'p3', name: 'Third', accessTokenSetAt: null }),
    ],
    tokens: { p2: [makeToken({ id: 5, name: 'alpha' })] },
  })
  mountApp(ProfileList, { fake })
  await useProfilesStore().hydrate()
  await settle()
  return fake
}

describe('saved servers list', () => {
  it('marks production and token-needed servers, and names a server’s drafts before removing it', async () => {
    const fake = await mountList()
    expect(bodyText()).toContain('Production')
    expect(bodyText()).toContain('Access token needed')
    await fake.api.drafts.save({
      profileId: 'p2',
      draftId: null,
      tokenId: 5,
      base: draftBaseOf(makeToken({ id: 5, name: 'alpha' })),
      changes: { name: 'renamed alpha' },
      quota: null,
      wantStatus: null,
      mode: 'hold',
    })
    button('Remove server Second').click()
    await settle()
    const dialog = document.querySelector('[role="alertdialog"]')
    // Its own paragraph after what removing does, naming the draft; the whole text is the dialog's
    // description, read out with its question.
    const paragraphs = [...dialog!.querySelectorAll('p')].map((p) => p.textContent)
    const description = document.getElementById(dialog!.getAttribute('aria-describedby') ?? '')
    expect(description?.textContent).toBe(paragraphs.join(''))
    expect(paragraphs.at(-1)).toBe(
      'Its unsynced change is deleted too and never reaches the server: Edit of “renamed alpha”.',
    )
    button('Remove', dialog!).click()
    await settle()
    expect(names()).toEqual(['First', 'Third'])
  })

  const declares = (serverAddress: string) => ({ ...makeProfile().server, serverAddress })

  it("says where clients are sent when the server's own setting names another address", async () => {
    const fake = createFakeApi({
      profiles: [
        makeProfile({
          id: 'p1',
          name: 'Declared',
          baseUrl: 'https://10.0.0.5:8443',
          server: declares('https://api.example.com'),
        }),
        makeProfile({ id: 'p2', name: 'Unset', server: declares('http://localhost:3000') }),
      ],
    })
    mountApp(ProfileList, { fake })
    await useProfilesStore().hydrate()
    await settle()
    const facts = (name: string) =>
      [...document.querySelectorAll('.profile-list__item')].find(
        (item) => item.querySelector('strong')?.textContent === name,
      )!.textContent!
    expect(facts('Declared')).toContain(
      "Clients are given https://api.example.com (the server's own setting)",
    )
    expect(facts('Unset')).not.toContain('Clients are given')
  })

  it('closes an untouched server form at once, and asks before Escape loses what was typed', async () => {
    const fake = await mountList()
    button('Edit server First').click()
    await settle()
    button('Cancel', document.querySelector<HTMLElement>('[role="dialog"]')!).click()
    await settle()
    expect(document.querySelector('[role="dialog"]')).toBeNull()

    button('Edit server First').click()
    await settle()
    typeInto(inputById('profile-edit-p1-name'), 'First, renamed')
    await settle()
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
    await settle()
    expect(bodyText()).toContain('Discard your changes?')
    button('Keep editing').click()
    await settle()
    expect(inputById('profile-edit-p1-name').value).toBe('First, renamed')
    button('Cancel', document.querySelector<HTMLElement>('[role="dialog"][aria-label^="Edit"]')!).click()
    await settle()
    button('Discard').click()
    await settle()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    expect(fake.callsOf('profiles.update')).toEqual([])
  })

  it('reorders with the arrow buttons, keeping focus on the moved row, and duplicates', async () => {
    const fake = await mountList()
    button('Move server Third up').click()
    await settle()
    expect(names()).toEqual(['First', 'Third', 'Second'])
    expect(fake.callsOf('profiles.reorder')).toEqual([{ ids: ['p1', 'p3', 'p2'] }])
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Move server Third up')
    expect(bodyText()).toContain('“Third” moved to position 2.')
    button('Duplicate server First').click()
    await settle()
    expect(names()).toEqual(['First', 'First (2)', 'Third', 'Second'])
  })
})
