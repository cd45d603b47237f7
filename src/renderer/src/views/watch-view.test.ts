import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { blur, bodyText, button, typeInto } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { switchLocale } from '@renderer/i18n'
import { useNavigationStore } from '@renderer/stores/navigation'
import { useViewsStore } from '@renderer/stores/views'
import { useProfilesStore } from '@renderer/stores/profiles'
import type { FakeApi } from '@renderer/test/fake-api'
import WatchView from './watch-view.vue'

afterEach(() => {
  document.body.innerHTML = ''
})

const DAY = 86_400
const nowSeconds = () => Math.floor(Date.now() / 1000)

function seeded() {
  const profile = makeProfile()
  return createFakeApi({
    profiles: [profile],
    tokens: {
      [profile.id]: [
        makeToken({ id: 1, name: 'fine', remain_quota: 100_000_000 }),
        makeToken({
          id: 2,
          name: 'soon',
          expired_time: nowSeconds() + 2 * DAY + 60,
          remain_quota: 100_000_000,
        }),
        makeToken({ id: 3, name: 'low', remain_quota: 250_000 }),
        makeToken({ id: 4, name: 'off', status: 2, remain_quota: 0 }),
      ],
    },
  })
}

const input = (name: string) => {
  const element = document.querySelector<HTMLInputElement>(`input[aria-label="${name}"]`)
  if (!element) throw new Error(`no input "${name}"`)
  return element
}

/** The view as the app shows it: the saved servers loaded first (the window does that). */
async function mountWatch(fake: FakeApi) {
  const mounted = mountApp(WatchView, { fake })
  await useProfilesStore().hydrate()
  await settle()
  return mounted
}

const rowTexts = () =>
  [...document.querySelectorAll('.watch__table tbody tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? ''),
  )

describe('the Watch view', () => {
  it('lists why each token needs attention, when it expires and what is left in the server’s currency', async () => {
    await mountWatch(seeded())
    const rows = rowTexts()
    expect(rows.map((cells) => cells.slice(0, 2))).toEqual([
      ['soon', 'Expires soon'],
      ['low', 'Low quota'],
    ])
    expect(rows[0]![2]).toMatch(/^in 2 days/)
    expect(rows[1]![2]).toBe('Never')
    expect(rows[1]![3]).toBe('$0.50')
    expect(bodyText()).toContain('Expiring within 7 days · remaining below $5.00 (default thresholds)')
    expect(button('Open “low” in the editor')).toBeTruthy()
  })

  it('puts the note on default thresholds in the language’s own brackets', async () => {
    const { i18n } = await mountWatch(seeded())
    expect(await switchLocale(i18n.global, 'zh-CN', false)).toBe(true)
    await settle()
    expect(document.querySelector('.watch__summary')?.textContent).toMatch(/\$5\.00（默认阈值）$/)
  })

  it('says so when nothing needs attention', async () => {
    const profile = makeProfile()
    const fake = createFakeApi({
      profiles: [profile],
      tokens: { [profile.id]: [makeToken({ remain_quota: 1e9 })] },
    })
    await mountWatch(fake)
    expect(document.querySelector('.watch__table')).toBeNull()
    expect(bodyText()).toContain('Nothing to watch')
  })

  it('saves thresholds in quota units from an amount in the server’s currency, refusing nonsense', async () => {
    const fake = seeded()
    await mountWatch(fake)
    button('Watch thresholds of Main gateway').click()
    await settle()
    const days = input('Expires within (days)')
    typeInto(days, '0')
    blur(days)
    await settle()
    button('Save').click()
    await settle()
    expect(fake.callsOf('profiles.setWatch')).toEqual([])
    expect(bodyText()).toContain('Enter a whole number of days from 1 to 3,650.')

    typeInto(days, '30')
    blur(days)
    const amount = input('Remaining below')
    typeInto(amount, '$0.4')
    blur(amount)
    await settle()
    button('Save').click()
    await settle()
    expect(fake.callsOf('profiles.setWatch')).toEqual([
      { id: 'p1', watch: { enabled: true, expiresWithinDays: 30, remainingBelow: 200_000 } },
    ])
    // Main looks again and announces the Watch: "low" ($0.50) is no longer below $0.40.
    fake.announceWatch('p1')
    await settle()
    expect(rowTexts().map((cells) => cells[0])).toEqual(['soon'])
    expect(bodyText()).toContain('Expiring within 30 days · remaining below $0.40')
  })

  it('revives an expired token with the token table’s own one-click revive', async () => {
    const profile = makeProfile()
    const fake = createFakeApi({
      profiles: [profile],
      tokens: {
        [profile.id]: [
          makeToken({ id: 5, name: 'gone', expired_time: nowSeconds() - DAY, remain_quota: 1e9 }),
          makeToken({ id: 6, name: 'soon', expired_time: nowSeconds() + DAY, remain_quota: 1e9 }),
        ],
      },
    })
    await mountWatch(fake)
    expect(() => button('Revive token soon')).toThrow()
    const revive = button('Revive token gone')
    revive.focus()
    revive.click()
    await settle()
    const [saved] = fake.callsOf('drafts.save') as {
      tokenId: number
      wantStatus: number
      changes: { expired_time: number }
    }[]
    expect(saved).toMatchObject({ tokenId: 5, wantStatus: 1 })
    expect(saved!.changes.expired_time).toBeGreaterThan(nowSeconds())
    // What the one click set is said: the new end date, not only that the token was updated.
    const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(
      saved!.changes.expired_time * 1000,
    )
    expect(bodyText()).toContain(`Token “gone” revived: it now expires ${date} and is enabled.`)
    // The Revive button goes (the token's change is on its way), and the focus does not drop to the
    // page's start: it moves to the row in that place, here the same one, still listed until the server
    // has the change.
    await vi.waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe('Open “gone” in the editor'),
    )
  })

  it('opens a token in the editor on the tokens screen', async () => {
    await mountWatch(seeded())
    button('Open “low” in the editor').click()
    await settle()
    expect(useNavigationStore().section).toBe('tokens')
    expect(useViewsStore().views.p1?.editor).toEqual({ tokenId: 3, draftId: null })
  })
})
