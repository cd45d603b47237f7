import { formatList } from '@shared/domain/formatters'
import { splitNameList } from '@shared/domain/name-list'
import { AUTO_GROUP } from '@shared/domain/token-values'

// One name for a token's group wherever it shows (editor, table, outbox). The empty group means the
// user's own group: named as such, with that group's name when the server said it — never a bare "".
// `auto` is the ordered fallback across groups; several groups read as a list.

type Translate = (key: string, params?: Record<string, unknown>) => string

/** The words for a token's `group` ('' = the user's own; `userGroup` null when not known yet). */
export function groupLabel(
  group: string | null | undefined,
  userGroup: string | null,
  t: Translate,
  locale: string,
): string {
  const names = splitNameList(group ?? '')
  if (names.length === 0) return userGroup ? t('groups.own', { group: userGroup }) : t('groups.ownUnknown')
  if (names.length === 1) return names[0] === AUTO_GROUP ? t('groups.auto') : names[0]!
  return formatList(
    names.map((name) => (name === AUTO_GROUP ? t('groups.auto') : name)),
    locale,
  )
}

/** A group's price ratio as shown beside it ("×0.8"; Auto has none of its own). */
export function ratioLabel(ratio: number | 'auto', t: Translate): string {
  return ratio === 'auto' ? t('groups.ratioAuto') : t('groups.ratio', { ratio })
}
