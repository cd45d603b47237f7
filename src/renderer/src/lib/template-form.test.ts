import { describe, expect, it } from 'vitest'
import { DEFAULT_SERVER_FACTS, type ServerFacts } from '@shared/domain/server-facts'
import type { TokenTemplate } from '@shared/domain/token-template'
import { emptyTemplateForm, planTemplate, templateToForm } from './template-form'

// The template manager's form: only ticked parts are saved, the quota typed in the server's currency is
// saved in quota units, and the checks are main's own.

const facts = DEFAULT_SERVER_FACTS // $1 = 500,000 units
const cny: ServerFacts = { ...DEFAULT_SERVER_FACTS, displayType: 'CNY' } // ¥7.3 = 500,000 units

const full: TokenTemplate = {
  id: 't1',
  name: 'Team A',
  namePrefix: 'team-a-',
  group: 'vip',
  modelLimitsEnabled: true,
  models: 'gpt-4o,claude-3',
  allowIps: '10.0.0.0/8',
  expiry: { kind: 'after', preset: 'month' },
  quota: { kind: 'amount', units: 10_000_000 },
}

describe('template form', () => {
  it('opens a template with its parts ticked and saves exactly it back', () => {
    const form = templateToForm(full, facts)
    expect(form.sets).toEqual({
      namePrefix: true,
      group: true,
      models: true,
      allowIps: true,
      expiry: true,
      quota: true,
    })
    expect(form.amount).toBe(20)
    expect(planTemplate(form, facts)).toEqual({ ok: true, save: full })
    // In another currency the same units show as that amount and save as the same units.
    const inYuan = templateToForm(full, cny)
    expect(inYuan.amount).toBe(146)
    expect(planTemplate(inYuan, cny)).toEqual({ ok: true, save: full })
  })

  it('saves nothing of an unticked part, even with a value typed in it', () => {
    const form = templateToForm(full, facts)
    form.sets.group = false
    form.sets.quota = false
    form.group = 'typed but unticked'
    const planned = planTemplate(form, facts)
    expect(planned.ok && planned.save).toEqual({ ...full, group: undefined, quota: undefined })
    expect(planned.ok && 'group' in planned.save).toBe(false)
  })

  it('saves only "restriction off" when the models part is ticked with the switch off', () => {
    const form = { ...emptyTemplateForm(), name: 'Open' }
    form.sets.models = true
    form.modelLimitsEnabled = false
    form.models = ['gpt-4o']
    expect(planTemplate(form, facts)).toEqual({
      ok: true,
      save: { id: null, name: 'Open', modelLimitsEnabled: false },
    })
  })

  it('names each problem at its part: name, missing amount, bad IP line, empty whitelist', () => {
    const form = emptyTemplateForm()
    form.sets.quota = true
    form.sets.allowIps = true
    form.allowIps = '10.0.0.1\n10.0.0.300'
    form.sets.models = true
    const planned = planTemplate(form, facts)
    expect(planned.ok ? [] : planned.issues.map((i) => `${i.path}:${i.key}`)).toEqual([
      'name:templateName.required',
      'allowIps:allowIps.invalid',
      'models:modelLimits.emptyEnabled',
      'quota:quota.required',
    ])
  })
})
