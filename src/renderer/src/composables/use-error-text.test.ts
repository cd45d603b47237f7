import { defineComponent } from 'vue'
import { describe, expect, it } from 'vitest'
import type { AppErrorData } from '@shared/result'
import { switchLocale } from '@renderer/i18n'
import { mountApp } from '@renderer/test/mount-app'
import { useErrorText } from './use-error-text'

// An error in words: the translated summary, and the server's own words only where main marked them as
// the server's — main's own English summaries (a 404 without a body, a 429, a network failure) are for
// developers and logs, and in a Chinese window they read as something the server said.

function errorText() {
  let text!: ReturnType<typeof useErrorText>
  const probe = defineComponent({
    setup() {
      text = useErrorText()
      return () => null
    },
  })
  const { i18n } = mountApp(probe)
  return { text, i18n }
}

const fromServer: AppErrorData = {
  code: 'validation',
  message: '令牌名称过长',
  details: { httpStatus: 200, serverWords: true },
}
const mainsOwn: AppErrorData = {
  code: 'not-found',
  message: 'The server has no such address (HTTP 404).',
  details: { httpStatus: 404, routeMissing: true },
}

describe('error text', () => {
  it("adds the server's own words to the summary, and nothing for main's own message", () => {
    const { text } = errorText()
    expect(text.message(fromServer)).toBe('Some values are not valid. Details: 令牌名称过长')
    expect(text.describe(mainsOwn).details).toEqual([])
    expect(text.message(mainsOwn)).not.toContain('HTTP 404')
  })

  it('shows no English in a Chinese window unless the server said it', async () => {
    const { text, i18n } = errorText()
    expect(await switchLocale(i18n.global, 'zh-CN', false)).toBe(true)
    expect(text.message(fromServer)).toContain('令牌名称过长')
    expect(text.message(mainsOwn)).not.toMatch(/[A-Za-z]/)
  })
})
