import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import enUS from '@renderer/i18n/en-US'
import zhCN from '@renderer/i18n/zh-CN'
import { attentionText } from './attention-text'

// The words of a notification in each language, with that language's own list punctuation.

const translate = (locale: 'en-US' | 'zh-CN') =>
  createI18n({ legacy: false, locale, messages: { 'en-US': enUS, 'zh-CN': zhCN } }).global.t as never

const watch = {
  kind: 'watch' as const,
  profileId: 'p1',
  serverName: 'Main gateway',
  count: 4,
  tokens: [
    { tokenId: 1, name: 'old-key', reasons: ['expired' as const, 'low' as const] },
    { tokenId: 2, name: '', reasons: ['expiring' as const] },
  ],
}

describe('attentionText', () => {
  it('names the tokens and their reasons, then how many more, in English', () => {
    expect(attentionText(watch, translate('en-US'))).toEqual({
      title: '4 tokens need attention on “Main gateway”',
      body: 'old-key (Expired, Low quota), (no name) (Expires soon) and 2 more',
    })
  })

  it('uses Chinese brackets and separators in Chinese', () => {
    expect(attentionText(watch, translate('zh-CN'))).toEqual({
      title: '“Main gateway”上有 4 个令牌需要处理',
      body: 'old-key（已过期、额度不足）；（无名称）（即将过期），以及另外 2 个',
    })
  })
})
