import type { BulkField } from '@shared/domain/bulk-result'
import type { MergedField } from '@shared/domain/draft'
import { formatQuota } from '@shared/domain/quota-money'
import type { ServerFacts } from '@shared/domain/server-facts'
import { showValue } from './draft-fields'

// Words for what a bulk change does: one field's value as the outbox shows it (quota in the server's
// currency), and a number of seconds as a rough duration for estimates and time left.

type Translate = (key: string, params?: Record<string, unknown>) => string

export function showBulkValue(
  field: BulkField,
  value: unknown,
  facts: ServerFacts,
  t: Translate,
  locale: string,
): string {
  if (field === 'remain_quota') return formatQuota(Number(value), facts, locale)
  return showValue(field as MergedField | 'status', value, t, locale)
}

/** "12 s", "3 min 20 s", "15 min", "2 h 5 min": whole seconds, the two largest units (a zero left out). */
export function formatSeconds(seconds: number, t: Translate): string {
  const total = Math.max(0, Math.ceil(seconds))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const rest = total % 60
  if (hours > 0)
    return minutes > 0 ? t('bulk.time.hours', { hours, minutes }) : t('bulk.time.hoursOnly', { hours })
  if (minutes > 0)
    return rest > 0
      ? t('bulk.time.minutes', { minutes, seconds: rest })
      : t('bulk.time.minutesOnly', { minutes })
  return t('bulk.time.seconds', { seconds: rest })
}
