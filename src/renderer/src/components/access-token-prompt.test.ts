import { afterEach, describe, expect, it } from 'vitest'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { bodyText, button, typeInto } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { switchLocale } from '@renderer/i18n'
import AccessTokenPrompt from './access-token-prompt.vue'

// The prompt for a server's missing access token, as the user meets it: what it says when the token is
// refused, and that it says so in the language of the moment.

afterEach(() => {
  document.body.innerHTML = ''
})

const field = () => document.querySelector<HTMLInputElement>('input[type="password"]')!

describe('the access-token prompt', () => {
  it('says why a token was not kept, at the field, and again in a newly chosen language', async () => {
    const profile = makeProfile()
    const fake = createFakeApi({ profiles: [profile] })
    const { i18n } = mountApp(AccessTokenPrompt, {
      fake,
      props: { profile, error: { code: 'access-token-missing', message: 'none stored' } },
    })
    await settle()
    typeInto(field(), 'wrong-token')
    fake.failNext('profiles.update', {
      code: 'auth',
      message: 'access token 无效',
      details: { fields: [{ path: 'accessToken', key: 'connection.tokenRejected' }] },
    })
    button('Save and connect').click()
    await settle()
    const t = i18n.global.t
    const english = t('fields.connection.tokenRejected')
    expect(bodyText()).toContain(english)
    // The field is marked and described by the reason.
    expect(field().getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(field().getAttribute('aria-describedby')!)?.textContent).toContain(english)
    expect(await switchLocale(i18n.global, 'zh-CN', false)).toBe(true)
    await settle()
    const chinese = t('fields.connection.tokenRejected')
    expect(chinese).not.toBe(english)
    expect(bodyText()).toContain(chinese)
    expect(bodyText()).not.toContain(english)
  })
})
