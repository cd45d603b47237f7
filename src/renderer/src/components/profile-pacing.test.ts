import { afterEach, describe, expect, it } from 'vitest'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { blur, bodyText, button, byRole, typeInto } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { useProfilesStore } from '@renderer/stores/profiles'
import { switchLocale } from '@renderer/i18n'
import ProfileList from './profile-list.vue'
import ProfilePacing from './profile-pacing.vue'

afterEach(() => {
  document.body.innerHTML = ''
})

const input = (name: string) => {
  const element = document.querySelector<HTMLInputElement>(`input[aria-label="${name}"]`)
  if (!element) throw new Error(`no input "${name}"`)
  return element
}

async function enter(name: string, value: string): Promise<void> {
  typeInto(input(name), value)
  blur(input(name))
  await settle()
}

describe('server rate limit', () => {
  it('opens as a dialog named by its title, closed by its own Close button', async () => {
    const profile = makeProfile()
    mountApp(ProfilePacing, { fake: createFakeApi({ profiles: [profile] }), props: { profile } })
    button('Rate limit of server Main gateway').click()
    await settle()
    const dialog = byRole('dialog', 'Rate limit of “Main gateway”')
    // One heading, its title: not "… Close" (the header's button), not the title twice.
    const headings = [...dialog.querySelectorAll('[role="heading"]')].map((h) => h.textContent?.trim())
    expect(headings).toEqual(['Rate limit of “Main gateway”'])
    // Opened with the focus on its first field, ready to type (not on the header's Close button).
    expect(document.activeElement).toBe(input('Requests'))
    button('Close', dialog).click()
    await settle()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    // Cancel closes it as well, as in the app's other dialogs.
    button('Rate limit of server Main gateway').click()
    await settle()
    button('Cancel', byRole('dialog', 'Rate limit of “Main gateway”')).click()
    await settle()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
  })

  it('asks before Cancel or Escape loses a changed limit', async () => {
    const profile = makeProfile()
    const fake = createFakeApi({ profiles: [profile] })
    mountApp(ProfilePacing, { fake, props: { profile } })
    button('Rate limit of server Main gateway').click()
    await settle()
    await enter('Requests', '200')
    button('Cancel', byRole('dialog', 'Rate limit of “Main gateway”')).click()
    await settle()
    expect(bodyText()).toContain('Discard your changes?')
    button('Keep editing').click()
    await settle()
    expect(input('Requests').value).toBe('200')
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
    await settle()
    button('Discard').click()
    await settle()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    expect(fake.callsOf('profiles.setPacing')).toEqual([])
  })

  it('starts from new-api’s default, refuses nonsense and saves what the user entered', async () => {
    const profile = makeProfile()
    const fake = createFakeApi({ profiles: [profile] })
    mountApp(ProfilePacing, { fake, props: { profile } })

    button('Rate limit of server Main gateway').click()
    await settle()
    expect(input('Requests').value).toBe('360')
    expect(input('Window (seconds)').value).toBe('180')
    // Both are spinbuttons that say their bounds.
    for (const [name, max] of [
      ['Requests', '100000'],
      ['Window (seconds)', '86400'],
    ] as const) {
      expect(input(name).getAttribute('role')).toBe('spinbutton')
      expect([input(name).getAttribute('aria-valuemin'), input(name).getAttribute('aria-valuemax')]).toEqual([
        '1',
        max,
      ])
    }

    await enter('Requests', '0')
    button('Save').click()
    await settle()
    expect(fake.callsOf('profiles.setPacing')).toEqual([])
    expect(bodyText()).toContain('Enter a whole number of requests from 1 to 100,000.')
    // The focus goes to the field refused, which is marked invalid and described by the reason.
    expect(document.activeElement).toBe(input('Requests'))
    expect(input('Requests').getAttribute('aria-invalid')).toBe('true')
    const describedBy = input('Requests').getAttribute('aria-describedby') ?? ''
    expect(describedBy.split(' ').map((id) => document.getElementById(id)?.textContent?.trim())).toContain(
      'Enter a whole number of requests from 1 to 100,000.',
    )

    await enter('Requests', '180')
    button('Save').click()
    await settle()
    expect(fake.callsOf('profiles.setPacing')).toEqual([
      { id: 'p1', pacing: { requests: 180, windowSeconds: 180 } },
    ])
    expect(bodyText()).toContain('Rate limit of “Main gateway” saved.')
  })

  it('says a refusal already shown in the new language when the language is switched', async () => {
    const profile = makeProfile()
    const { i18n } = mountApp(ProfilePacing, {
      fake: createFakeApi({ profiles: [profile] }),
      props: { profile },
    })
    button('Rate limit of server Main gateway').click()
    await settle()
    await enter('Requests', '0')
    button('Save').click()
    await settle()
    const english = 'Enter a whole number of requests from 1 to 100,000.'
    expect(bodyText()).toContain(english)
    expect(await switchLocale(i18n.global, 'zh-CN', false)).toBe(true)
    await settle()
    // The field is named in Chinese now: the first of the two numbers.
    const requests = document.querySelector<HTMLInputElement>('input[role="spinbutton"]')!
    const said = (requests.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' ')
    expect(bodyText()).not.toContain(english)
    // Still beside the field, with its bounds, in Chinese.
    expect(said).toContain('100,000')
    expect(said).toMatch(/[\u4e00-\u9fff]/)
  })

  it('returns to the default on request', async () => {
    const profile = makeProfile({ pacing: { requests: 100, windowSeconds: 60 } })
    const fake = createFakeApi({ profiles: [profile] })
    mountApp(ProfilePacing, { fake, props: { profile } })
    button('Rate limit of server Main gateway').click()
    await settle()
    button('Use the default').click()
    await settle()
    expect(fake.callsOf('profiles.setPacing')).toEqual([{ id: 'p1', pacing: null }])
  })

  it('shows each server’s rate limit in the server list', async () => {
    const fake = createFakeApi({
      profiles: [
        makeProfile(),
        makeProfile({ id: 'p2', name: 'Second', pacing: { requests: 100, windowSeconds: 60 } }),
      ],
    })
    mountApp(ProfileList, { fake })
    await useProfilesStore().hydrate()
    await settle()
    const items = [...document.querySelectorAll('li')].map((li) => li.textContent ?? '')
    expect(items[0]).toContain('Rate limit: new-api default')
    expect(items[1]).toContain('Rate limit: 100 per 60 s')
  })
})
