import { splitNameList } from './name-list'
import { applyQuotaIntent, type QuotaIntent } from './quota-intent'
import type { Token, TokenChanges } from './token'

// Builds the body of `PUT /api/token/` (a full replace: an omitted field becomes its zero value on the
// server) from the token as the server holds it *right now* plus the fields the user changed.
// - Every field the client does not know (fork fields such as selected_groups) passes through unchanged.
// - Quota is the fresh value unless the user expressed an intent, so usage is never refunded.
// - The masked key is dropped: the server ignores it, but a fork that copied it would store the mask.
// - `auto_groups` is left out unless the user changed it: absent, the server keeps the stored Auto
//   order, while sending it back makes the server validate it again — and an order naming a group the
//   admin has since taken away from the user would then refuse every edit of that token
//   (controller/token.go, since 2026-08-01). A changed order goes as the server's list ([] clears it).
// - `cross_group_retry` rides along from the fresh token (a full update zeroes it when omitted), or as
//   the user set it.

export function buildUpdateBody(
  fresh: Token,
  changes: TokenChanges,
  quota: QuotaIntent | null,
): Record<string, unknown> {
  const { key: _maskedKey, auto_groups: _keptByServer, ...rest } = fresh
  const { auto_groups: order, ...fields } = changes
  return {
    ...rest,
    model_limits: fresh.model_limits ?? '',
    allow_ips: fresh.allow_ips ?? '',
    group: fresh.group ?? '',
    ...fields,
    ...(order === undefined ? {} : { auto_groups: splitNameList(order) }),
    remain_quota: applyQuotaIntent(fresh.remain_quota, quota),
  }
}
