import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { DraftView } from '@shared/domain/draft'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import { NEW_TOKEN_FIELDS } from '@shared/domain/token-values'
import enUS from '@renderer/i18n/en-US'
import zhCN from '@renderer/i18n/zh-CN'
import { draftChanges } from './draft-fields'

// A draft's changes as the Outbox lists them: the user's own group named as the table names it, and
// lists written as the UI's language writes them.

const translate = (locale: 'en-US' | 'zh-CN') =>
  createI18n({ legacy: false, locale, messages: { 'en-US': enUS, 'zh-CN': zhCN } }).global.t as never

const draft: DraftView = {
  id: 'd1',
  profileId: 'p1',
  kind: 'update',
  tokenId: 7,
  base: { id: 7, status: 1, ...NEW_TOKEN_FIELDS, name: 'bot', group: 'vip' },
  changes: { group: '', model_limits: 'gpt-4o,o3-mini,claude-3' },
  quota: null,
  wantStatus: null,
  state: 'held',
  seq: 1,
  createdAt: 0,
  updatedAt: 0,
  attempts: 0,
  lastError: null,
  conflict: null,
  retryAt: null,
  locked: false,
}

describe('draftChanges', () => {
  it('names the own group as the table does once it is known, and lists models in the UI language', () => {
    const en = draftChanges(draft, DEFAULT_SERVER_FACTS, translate('en-US'), 'en-US', 'default')
    expect(en.find((row) => row.field === 'group')).toMatchObject({
      before: 'vip',
      after: 'Default (your group: default)',
    })
    expect(en.find((row) => row.field === 'model_limits')?.after).toBe('gpt-4o, o3-mini, claude-3')
    const zh = draftChanges(draft, DEFAULT_SERVER_FACTS, translate('zh-CN'), 'zh-CN', null)
    expect(zh.find((row) => row.field === 'group')?.after).toBe('跟随账号分组')
    expect(zh.find((row) => row.field === 'model_limits')?.after).toBe('gpt-4o、o3-mini、claude-3')
  })
})
