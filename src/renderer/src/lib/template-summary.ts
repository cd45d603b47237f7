import { splitIpList } from '@shared/domain/ip-list-lines'
import { splitNameList } from '@shared/domain/name-list'
import { formatQuota } from '@shared/domain/quota-money'
import type { ServerFacts } from '@shared/domain/server-facts'
import type { TokenTemplate } from '@shared/domain/token-template'
import { groupLabel } from './group-label'

// One line saying what a template sets, for the template list ("Group vip · 2 models · 30 days after
// creation · $20.00"). The quota is shown in the active server's currency; parts not set are not named.

type Translate = (key: string, params?: Record<string, unknown>, plural?: number) => string

export function templateSummary(
  template: TokenTemplate,
  context: { t: Translate; locale: string; facts: ServerFacts },
): string {
  const { t } = context
  const parts: string[] = []
  if (template.namePrefix !== undefined)
    parts.push(t('templates.summary.prefix', { prefix: template.namePrefix }))
  if (template.group !== undefined)
    parts.push(t('templates.summary.group', { group: groupLabel(template.group, null, t, context.locale) }))
  if (template.modelLimitsEnabled === false) parts.push(t('templates.summary.anyModel'))
  else if (template.models !== undefined)
    parts.push(
      t(
        'templates.summary.models',
        { count: splitNameList(template.models).length },
        splitNameList(template.models).length,
      ),
    )
  if (template.allowIps !== undefined) {
    const count = splitIpList(template.allowIps).length
    parts.push(count === 0 ? t('templates.summary.anyIp') : t('templates.summary.ips', { count }, count))
  }
  if (template.expiry?.kind === 'never') parts.push(t('editor.neverExpires'))
  else if (template.expiry)
    parts.push(t('templates.summary.expiry', { duration: t(`editor.presets.${template.expiry.preset}`) }))
  if (template.quota?.kind === 'unlimited') parts.push(t('editor.unlimited'))
  else if (template.quota)
    parts.push(
      t('templates.summary.quota', {
        amount: formatQuota(template.quota.units, context.facts, context.locale),
      }),
    )
  return parts.length > 0 ? parts.join(' · ') : t('templates.summary.nothing')
}
