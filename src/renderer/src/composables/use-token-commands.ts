import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Command } from '@renderer/components/command-palette.vue'
import { EFFECTIVE_STATUSES, NO_FILTER, TOKEN_TRAITS, type TokenFilter } from '@shared/domain/token-filter'
import type { TokenSort } from '@shared/domain/token-sort'
import { TOKEN_COLUMNS } from '@renderer/lib/token-columns'
import { useTokensStore } from '@renderer/stores/tokens'
import type { RowSelection } from './use-row-selection'
import type { useTokenActions } from './use-token-actions'

// What the command palette offers on the tokens screen: every toolbar action, each filter, each sort,
// the columns, the selection's bulk actions (when there is a selection); what every screen offers is the
// shell's (use-shell-commands.ts). The same functions the buttons call: the palette is another way in,
// not another implementation.

export interface TokenCommandDeps {
  filter: Ref<TokenFilter>
  sort: Ref<TokenSort | null>
  hiddenColumns: Ref<string[]>
  columnWidths: Ref<Record<string, number>>
  selection: RowSelection
  actions: ReturnType<typeof useTokenActions>
  focusSearch: () => void
  createToken: () => void
  /** Opens the bulk edit dialog over the selection. */
  bulkEdit: () => void
}

const EXPIRY_WINDOWS = [7, 30] as const

export function useTokenCommands(deps: TokenCommandDeps) {
  const { t } = useI18n()
  const tokens = useTokensStore()

  return computed<Command[]>(() => {
    const group = (name: string) => t(`palette.groups.${name}`)
    const list: Command[] = [
      { id: 'new', group: group('tokens'), label: t('tokens.create'), keys: 'N', run: deps.createToken },
      {
        id: 'refresh',
        group: group('tokens'),
        label: t('tokens.refresh'),
        keys: 'R',
        run: () => void tokens.reload(),
      },
      { id: 'search', group: group('tokens'), label: t('tokens.search'), keys: '/', run: deps.focusSearch },
      {
        id: 'select-all',
        group: group('selection'),
        label: t('palette.selectAllShown'),
        keys: 'Ctrl+A',
        run: () => {
          if (!deps.selection.allShownSelected.value) deps.selection.toggleAllShown()
        },
      },
    ]
    const selected = deps.selection.selectedRows.value
    if (selected.length > 0) {
      list.push(
        {
          id: 'clear-selection',
          group: group('selection'),
          label: t('tokens.selection.clear'),
          keys: 'Esc',
          run: deps.selection.clear,
        },
        {
          id: 'bulk-edit',
          group: group('selection'),
          label: t('bulk.openCommand'),
          run: deps.bulkEdit,
        },
        {
          id: 'enable-selected',
          group: group('selection'),
          label: t('palette.enableSelected', { count: selected.length }),
          run: () => void deps.actions.setStatusOf(selected, true),
        },
        {
          id: 'disable-selected',
          group: group('selection'),
          label: t('palette.disableSelected', { count: selected.length }),
          run: () => void deps.actions.setStatusOf(selected, false),
        },
        {
          id: 'delete-selected',
          group: group('selection'),
          label: t('palette.deleteSelected', { count: selected.length }),
          run: () => deps.actions.confirmRemoveAll(selected, deps.selection.clear),
        },
      )
    }
    const only = (change: Partial<TokenFilter>) => () => (deps.filter.value = { ...NO_FILTER, ...change })
    for (const status of EFFECTIVE_STATUSES)
      list.push({
        id: `status-${status}`,
        group: group('filter'),
        label: t('palette.showOnly', { what: t(`tokens.status.${status}`) }),
        run: only({ statuses: [status] }),
      })
    for (const trait of TOKEN_TRAITS)
      list.push({
        id: `trait-${trait}`,
        group: group('filter'),
        label: t('palette.showTrait', { what: t(`tokens.filters.trait.${trait}`) }),
        run: only({ traits: [trait] }),
      })
    for (const days of EXPIRY_WINDOWS)
      list.push({
        id: `expiring-${days}`,
        group: group('filter'),
        label: t('tokens.filters.expiringChip', { days }, days),
        run: only({ expiringWithinDays: days }),
      })
    list.push({
      id: 'clear-filters',
      group: group('filter'),
      label: t('tokens.filters.clear'),
      run: () => (deps.filter.value = NO_FILTER),
    })
    for (const column of TOKEN_COLUMNS.filter((def) => def.sortable)) {
      const title = t(`tokens.columns.${column.key}`)
      list.push(
        {
          id: `sort-${column.key}-asc`,
          group: group('sort'),
          label: t('palette.sortAscending', { column: title }),
          run: () => (deps.sort.value = { column: column.key, order: 'ascend' }),
        },
        {
          id: `sort-${column.key}-desc`,
          group: group('sort'),
          label: t('palette.sortDescending', { column: title }),
          run: () => (deps.sort.value = { column: column.key, order: 'descend' }),
        },
      )
    }
    list.push(
      {
        id: 'unsorted',
        group: group('sort'),
        label: t('palette.unsorted'),
        run: () => (deps.sort.value = null),
      },
      {
        id: 'show-columns',
        group: group('columns'),
        label: t('tokens.columnsMenu.showAll'),
        run: () => (deps.hiddenColumns.value = []),
      },
      {
        id: 'reset-widths',
        group: group('columns'),
        label: t('tokens.columnsMenu.resetWidths'),
        run: () => (deps.columnWidths.value = {}),
      },
    )
    return list
  })
}
