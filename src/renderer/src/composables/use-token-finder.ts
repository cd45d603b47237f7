import { useI18n } from 'vue-i18n'
import type { Command } from '@renderer/components/command-palette.vue'
import type { OverlaidRow } from '@shared/domain/draft-overlay'
import { effectiveStatus } from '@shared/domain/effective-status'
import { matchesSearch } from '@shared/domain/token-filter'

// The palette finds tokens too: what is typed there is also looked for in every token of the server
// (by name or key, as the search field does, whatever the table's filters hide), and Enter on one opens
// it in the editor. With hundreds of tokens that is the quickest way to one of them from anywhere on
// the screen, without losing the table's search and filters.

/** At most this many tokens under the commands: enough to pick from, short enough to read. */
export const FOUND_TOKENS_SHOWN = 8

export function useTokenFinder(deps: {
  rows: () => readonly OverlaidRow[]
  nowSeconds: () => number
  open: (row: OverlaidRow) => void
}): (query: string) => Command[] {
  const { t } = useI18n()
  return (query) => {
    const needle = query.trim().toLocaleLowerCase()
    if (!needle) return []
    const found = deps.rows().filter((row) => !row.creating && matchesSearch(row.token, needle))
    // Names that start with what was typed first; otherwise the server's order.
    const starts = (row: OverlaidRow) => (row.token.name.toLocaleLowerCase().startsWith(needle) ? 0 : 1)
    return found
      .map((row, index) => ({ row, index }))
      .sort((a, b) => starts(a.row) - starts(b.row) || a.index - b.index)
      .slice(0, FOUND_TOKENS_SHOWN)
      .map(({ row }) => ({
        id: `token-${row.token.id}`,
        group: t('palette.groups.openToken'),
        label: row.token.name || t('tokens.unnamed'),
        detail: `${row.token.key} · ${t(`tokens.status.${effectiveStatus(row.token, deps.nowSeconds())}`)}`,
        run: () => deps.open(row),
      }))
  }
}
