import { afterEach, describe, expect, it } from 'vitest'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { bodyText, button, inputByLabel, typeInto } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { useProfilesStore } from '@renderer/stores/profiles'
import { switchLocale } from '@renderer/i18n'
import ProfileForm from './profile-form.vue'

afterEach(() => {
  document.body.innerHTML = ''
})

function fill(values: { name: string; baseUrl: string; userId: string; accessToken: string }): void {
  typeInto(inputByLabel('Name'), values.name)
  typeInto(inputByLabel('Server address'), values.baseUrl)
  typeInto(inputByLabel('User ID'), values.userId)
  typeInto(inputByLabel('Access token'), values.accessToken)
}

/** Fills the form and runs a connection test that main answers: the token is user 12's, not user 7's. */
async function testWithAnotherUsersToken(fake: ReturnType<typeof createFakeApi>): Promise<void> {
  fill({ name: 'Main', baseUrl: 'https://gw.example.com', userId: '7', accessToken: 'secret-token' })
  fake.failNext('profiles.test', {
    code: 'auth',
    message: 'The access token belongs to user 12, not user 7.',
    details: { fields: [{ path: 'userId', key: 'connection.userIdIsOther', params: { actual: 12 } }] },
  })
  button('Test connection').click()
  await settle()
}

const consent = () => document.querySelector<HTMLElement>('[role="checkbox"]')

describe('profile form', () => {
  it('refuses http:// to a remote host until the user accepts sending the token unencrypted', async () => {
    const fake = createFakeApi({ profiles: [] })
    mountApp(ProfileForm, { fake })
    fill({ name: 'Remote', baseUrl: 'http://gw.example.com', userId: '7', accessToken: 'secret-token' })
    await settle()
    expect(bodyText()).toContain('This connection is not encrypted')
    expect(consent()?.textContent).toContain('Send the access token unencrypted')

    button('Add server').click()
    await settle()
    expect(fake.callsOf('profiles.add')).toEqual([])
    expect(bodyText()).toContain('This http:// address is not encrypted.')

    consent()!.click()
    await settle()
    button('Add server').click()
    await settle()
    expect(fake.callsOf('profiles.add')).toEqual([
      {
        name: 'Remote',
        baseUrl: 'http://gw.example.com',
        userId: 7,
        accessToken: '<redacted>',
        allowInsecureHttp: true,
        production: false,
        multiGroup: false,
      },
    ])
  })

  it('does not ask for consent for loopback http://', async () => {
    const fake = createFakeApi({ profiles: [] })
    mountApp(ProfileForm, { fake })
    fill({ name: 'Local', baseUrl: 'http://127.0.0.1:3000/', userId: '1', accessToken: 'x' })
    await settle()
    expect(consent()).toBeNull()
    button('Add server').click()
    await settle()
    expect(fake.callsOf('profiles.add')).toMatchObject([
      { baseUrl: 'http://127.0.0.1:3000', allowInsecureHttp: false },
    ])
  })

  it('shows translated field errors and sends nothing', async () => {
    const fake = createFakeApi({ profiles: [] })
    mountApp(ProfileForm, { fake })
    fill({ name: '', baseUrl: 'ftp://x', userId: 'abc', accessToken: '' })
    button('Add server').click()
    await settle()
    expect(fake.callsOf('profiles.add')).toEqual([])
    expect(bodyText()).toContain('Enter a name for this server.')
    expect(bodyText()).toContain('The address must start with https:// or http://.')
    expect(bodyText()).toContain('Enter your numeric user ID')
    expect(bodyText()).toContain('Paste the access token.')
  })

  it('clears the access token after success and switches to the new server', async () => {
    const fake = createFakeApi({ profiles: [] })
    mountApp(ProfileForm, { fake })
    fill({ name: 'Main', baseUrl: 'https://gw.example.com/', userId: '7', accessToken: 'secret-token' })
    button('Add server').click()
    await settle()
    expect(inputByLabel('Access token').value).toBe('')
    expect(useProfilesStore().active?.name).toBe('Main')
    expect(JSON.stringify(useProfilesStore().$state)).not.toContain('secret-token')
  })

  it('keeps the input and explains when main cannot verify the server', async () => {
    const fake = createFakeApi({ profiles: [] })
    mountApp(ProfileForm, { fake })
    fill({ name: 'Main', baseUrl: 'https://gw.example.com', userId: '7', accessToken: 'secret-token' })
    fake.failNext('profiles.add', {
      code: 'auth',
      message: '无权进行此操作，access token 无效',
      details: { httpStatus: 200, serverWords: true },
    })
    button('Add server').click()
    await settle()
    expect(bodyText()).toContain('The server could not be added')
    expect(bodyText()).toContain('The server did not accept the access token or user ID.')
    expect(bodyText()).toContain('access token 无效')
    expect(inputByLabel('Access token').value).toBe('secret-token')
  })

  it('says the same about a wrong part beside its field and in the summary, and offers the right user id', async () => {
    const fake = createFakeApi({ profiles: [] })
    mountApp(ProfileForm, { fake })
    await testWithAnotherUsersToken(fake)
    const said = 'This access token belongs to user 12, not to this user ID.'
    expect(bodyText()).toContain('The connection test failed')
    expect(bodyText().split(said)).toHaveLength(3) // beside the field and in the summary: the same words
    expect(bodyText()).not.toContain('The server did not accept the access token or user ID.')
    button('Use user ID 12').click()
    await settle()
    expect(inputByLabel('User ID').value).toBe('12')
    expect(bodyText()).not.toContain(said)
  })

  it('says a failure already shown in the new language when the language is switched', async () => {
    const fake = createFakeApi({ profiles: [] })
    const { i18n } = mountApp(ProfileForm, { fake })
    await testWithAnotherUsersToken(fake)
    const english = 'This access token belongs to user 12, not to this user ID.'
    expect(bodyText().split(english)).toHaveLength(3)
    expect(await switchLocale(i18n.global, 'zh-CN', false)).toBe(true)
    await settle()
    const t = i18n.global.t
    const chinese = t('fields.connection.userIdIsOther', { actual: 12 })
    expect(chinese).not.toBe(english)
    expect(bodyText()).toContain(t('profiles.form.testFailed'))
    // Beside the field and in the summary, both in Chinese now; nothing left in English.
    expect(bodyText().split(chinese)).toHaveLength(3)
    expect(bodyText()).not.toContain(english)
    expect(bodyText()).not.toContain('The connection test failed')
  })

  it('shows what the connection test found: server, account, role, balance and quota unit', async () => {
    const fake = createFakeApi({ profiles: [] })
    mountApp(ProfileForm, { fake })
    fill({ name: 'Main', baseUrl: 'gw.example.com/console/token', userId: '7', accessToken: 'secret-token' })
    button('Test connection').click()
    await settle()
    expect(fake.callsOf('profiles.test')).toMatchObject([{ baseUrl: 'https://gw.example.com', userId: 7 }])
    expect(bodyText()).toContain('Connected')
    expect(bodyText()).toContain('New API v0.9.0')
    expect(bodyText()).toContain('Administrator')
    expect(bodyText()).toContain('$100.00')
    expect(bodyText()).toContain('500,000 units = $1.00')
    expect(fake.callsOf('profiles.add')).toEqual([])
  })

  it('edits a saved server: the token is write-only, kept when left empty, replaced when typed', async () => {
    const profile = makeProfile({ accessTokenSetAt: Date.UTC(2026, 10, 3, 9, 30) })
    const fake = createFakeApi({ profiles: [profile] })
    mountApp(ProfileForm, { fake, props: { profile } })
    expect(inputByLabel('Name').value).toBe('Main gateway')
    expect(inputByLabel('Access token').value).toBe('')
    expect(bodyText()).toContain('An access token is stored (set Nov 3, 2026')
    typeInto(inputByLabel('Name'), 'Renamed')
    document.querySelector<HTMLElement>('[role="switch"]')!.click()
    // The switch named by its visible label: this server takes several groups per token.
    const label = [...document.querySelectorAll('span')].find(
      (s) => s.textContent === 'Several groups per token',
    )
    document.querySelector<HTMLElement>(`[role="switch"][aria-labelledby="${label!.id}"]`)!.click()
    button('Save changes').click()
    await settle()
    expect(fake.callsOf('profiles.update')).toEqual([
      {
        id: 'p1',
        name: 'Renamed',
        baseUrl: 'https://gw.example.com',
        userId: 7,
        allowInsecureHttp: false,
        production: true,
        multiGroup: true,
        accessToken: undefined,
      },
    ])
    typeInto(inputByLabel('Access token'), 'new-secret')
    button('Save changes').click()
    await settle()
    expect(fake.callsOf('profiles.update')[1]).toMatchObject({ accessToken: '<redacted>' })
    expect(inputByLabel('Access token').value).toBe('')
  })
})
