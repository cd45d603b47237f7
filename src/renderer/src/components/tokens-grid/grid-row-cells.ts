import { columnWidthVariable, type ColumnDef } from '@renderer/lib/token-columns'
import type { RowLabels } from '@renderer/lib/row-labels'
import type { Limit, RowView } from '@renderer/lib/row-view'
import { attribute, contents, element, modifier, textIn } from './dom-writes'

// The cells of one table row, written straight into the page. The table reuses its rows by place, so a
// sort or a filter gives every row in view another token: built once, each cell here then only changes
// the texts and attributes that differ, where a template re-rendered every cell of every row (as much
// script as the browser's own drawing of the new rows, in the traces of a filter). The markup is the
// one the table always had: roles, names and `data-action` / `data-cell` for the row's handlers.

/** What a row shows besides its token: its place in the selection, the focus and the key menu. */
export interface RowMarks {
  selected: boolean
  /** Shown only because it is open in the editor: it does not match the search or filters. */
  kept: boolean
  /** The row the table's Tab stop is on. */
  current: boolean
  keysOpen: boolean
  keysBusy: boolean
}

type Paint = (view: RowView, marks: RowMarks, labels: RowLabels) => void

function cell(className = ''): HTMLElement {
  return element('div', `grid-cell${className ? ` ${className}` : ''}`, { role: 'gridcell' })
}

/** A span with a text that may be "quiet" (greyed: a dash, a word for nothing). */
function quietText(parent: HTMLElement) {
  const span = element('span')
  parent.append(span)
  const text = textIn(span)
  const quiet = modifier(span, 'grid-quiet')
  return { span, write: (value: string, isQuiet: boolean) => (text(value), quiet(isQuiet)) }
}

function selectCell(): [HTMLElement, Paint] {
  const root = cell('grid-cell--select')
  const box = element('input', 'grid-check', {
    type: 'checkbox',
    'data-action': 'select',
    tabindex: '-1',
  }) as HTMLInputElement
  root.append(box)
  const label = attribute(box, 'aria-label')
  return [
    root,
    (view, marks, labels) => {
      if (box.checked !== marks.selected) box.checked = marks.selected
      if (box.disabled !== view.creating) box.disabled = view.creating
      label(labels.selectRow(view.name))
    },
  ]
}

function nameCell(): [HTMLElement, Paint] {
  const root = cell('grid-cell--name')
  root.dataset.cell = 'name'
  const name = element('span', 'token-name')
  const nameText = textIn(name)
  const nameTitle = attribute(name, 'title')
  const unnamed = modifier(name, 'grid-quiet')
  // The draft's mark, drawn as Naive's small round tag (draft-state-tag.vue) by the table's CSS.
  const tag = element('span', 'grid-draft')
  const tagText = textIn(tag)
  const tagTitle = attribute(tag, 'title')
  const tagType = attribute(tag, 'data-type')
  const parts = contents(root)
  const tabIndex = attribute(root, 'tabindex')
  return [
    root,
    (view, marks) => {
      nameText(view.name)
      nameTitle(view.name)
      unnamed(view.unnamed)
      tabIndex(marks.current ? '0' : '-1')
      if (view.draft) {
        tagText(view.draft.text)
        tagTitle(view.draft.text)
        tagType(view.draft.type)
        parts(name, tag)
      } else parts(name)
    },
  ]
}

function statusCell(): [HTMLElement, Paint] {
  const root = cell()
  const badge = element('span')
  root.append(badge)
  const text = textIn(badge)
  const kind = attribute(badge, 'class')
  return [
    root,
    (view) => {
      text(view.statusText)
      kind(`grid-status grid-status--${view.status}`)
    },
  ]
}

function keyCell(): [HTMLElement, Paint] {
  const root = cell('grid-cell--key')
  const key = quietText(root)
  const mono = modifier(key.span, 'grid-mono')
  return [
    root,
    (view) => {
      key.write(view.key ?? '—', view.key === null)
      mono(view.key !== null)
    },
  ]
}

function remainingCell(): [HTMLElement, Paint] {
  const root = cell('grid-cell--end grid-cell--stack')
  const amount = element('span')
  const amountText = textIn(amount)
  const bar = element('span', 'grid-bar', {
    role: 'meter',
    'aria-valuemin': '0',
    'aria-valuemax': '100',
  })
  const fill = element('span', 'grid-bar__fill')
  bar.append(fill)
  const barLabel = attribute(bar, 'aria-label')
  const barValue = attribute(bar, 'aria-valuenow')
  const parts = contents(root)
  let width = ''
  return [
    root,
    (view, _marks, labels) => {
      amountText(view.remaining.text)
      const { share } = view.remaining
      if (share === null) return parts(amount)
      barLabel(labels.remainingShare)
      barValue(String(Math.round(share * 100)))
      const next = `${share * 100}%`
      if (next !== width) fill.style.width = width = next
      parts(amount, bar)
    },
  ]
}

/** A text in a span of its own: text straight in the cell (a flex box) would be cut without an ellipsis. */
function textCell(className: string, pick: (view: RowView) => string): [HTMLElement, Paint] {
  const root = cell(className)
  const span = element('span')
  root.append(span)
  const text = textIn(span)
  return [root, (view) => text(pick(view))]
}

function groupCell(): [HTMLElement, Paint] {
  const root = cell()
  const title = attribute(root, 'title')
  const group = quietText(root)
  return [
    root,
    (view) => {
      title(view.group)
      group.write(view.group, view.ownGroup)
    },
  ]
}

/** Models or IPs: how many the token is limited to (the list as its tooltip), or a dash. */
function limitCell(pick: (view: RowView) => Limit): [HTMLElement, Paint] {
  const root = cell('grid-cell--end')
  const title = attribute(root, 'title')
  const limit = quietText(root)
  const label = attribute(limit.span, 'aria-label')
  return [
    root,
    (view, _marks, labels) => {
      const { count, list } = pick(view)
      const limited = count !== null
      title(list)
      limit.write(limited ? String(count) : '—', !limited)
      label(limited ? null : labels.noLimit)
    },
  ]
}

/** A moment as "in 3 days" over its date and time, or a word for none (never used, never expires). */
function whenCell(
  pick: (view: RowView) => (RowView['accessed'] & { past?: boolean }) | null,
  none: (labels: RowLabels) => string,
): [HTMLElement, Paint] {
  const root = cell('grid-cell--stack')
  const relative = quietText(root)
  const past = modifier(relative.span, 'grid-past')
  const absolute = element('span', 'grid-sub')
  const absoluteText = textIn(absolute)
  const parts = contents(root)
  return [
    root,
    (view, _marks, labels) => {
      const when = pick(view)
      relative.write(when ? when.relative : none(labels), when === null)
      past(when?.past === true)
      if (when === null) return parts(relative.span)
      absoluteText(when.absolute)
      parts(relative.span, absolute)
    },
  ]
}

function actionsCell(): [HTMLElement, Paint] {
  const root = cell('grid-cell--actions')
  const button = (action: string, className = '') => {
    const node = element('button', `grid-action${className ? ` ${className}` : ''}`, {
      type: 'button',
      'data-action': action,
    })
    return {
      node,
      text: textIn(node),
      label: attribute(node, 'aria-label'),
      tabIndex: attribute(node, 'tabindex'),
    }
  }
  const edit = button('edit', 'grid-action--edit')
  const revive = button('revive', 'grid-action--revive')
  const reviveTitle = attribute(revive.node, 'title')
  const toggle = button('toggle')
  const remove = button('delete', 'grid-action--delete')
  const keys = button('keys')
  keys.node.setAttribute('aria-haspopup', 'menu')
  const keysExpanded = attribute(keys.node, 'aria-expanded')
  const keysBusy = attribute(keys.node, 'aria-busy')
  const parts = contents(root)
  return [
    root,
    (view, marks, labels) => {
      // Only the current row's buttons are in the Tab order: Tab goes from its name to its actions and
      // then out of the table, instead of through four buttons on every row in view.
      const tabIndex = marks.current ? '0' : '-1'
      for (const control of [edit, revive, toggle, remove, keys]) control.tabIndex(tabIndex)
      edit.text(labels.edit)
      edit.label(labels.editAria(view.name))
      if (!view.settled) return parts(edit.node)
      const second = view.revivable ? revive : toggle
      if (view.revivable) {
        revive.text(labels.revive)
        revive.label(labels.reviveAria(view.name))
        reviveTitle(view.reviveHint)
      } else {
        toggle.text(view.disabled ? labels.enable : labels.disable)
        toggle.label(view.disabled ? labels.enableAria(view.name) : labels.disableAria(view.name))
      }
      remove.text(labels.delete)
      remove.label(labels.deleteAria(view.name))
      keys.text(labels.keys)
      keys.label(labels.keysAria(view.name))
      keysExpanded(String(marks.keysOpen))
      keysBusy(String(marks.keysBusy))
      parts(edit.node, second.node, remove.node, keys.node)
    },
  ]
}

const CELLS: Record<ColumnDef['key'], () => [HTMLElement, Paint]> = {
  name: nameCell,
  status: statusCell,
  key: keyCell,
  remaining: remainingCell,
  used: () => textCell('grid-cell--end', (view) => view.used),
  group: groupCell,
  models: () => limitCell((view) => view.models),
  ips: () => limitCell((view) => view.ips),
  created: () => textCell('', (view) => view.created),
  accessed: () =>
    whenCell(
      (view) => view.accessed,
      (labels) => labels.neverUsed,
    ),
  expires: () =>
    whenCell(
      (view) => view.expires,
      (labels) => labels.never,
    ),
  actions: actionsCell,
}

/** Builds a row's cells for these columns into `row` and returns what brings them up to date. */
export function buildRowCells(row: HTMLElement, columns: readonly ColumnDef[]): Paint {
  const built = [
    selectCell(),
    ...columns.map((column) => {
      const made = CELLS[column.key]()
      made[0].style.width = `var(${columnWidthVariable(column.key)})`
      // Each cell of data can take the focus (←/→ along the row), out of the Tab order: a screen reader
      // then reads it with its column, and the table scrolls sideways to it.
      if (column.key !== 'name' && column.key !== 'actions') {
        made[0].dataset.cell = column.key
        made[0].tabIndex = -1
      }
      return made
    }),
  ]
  row.replaceChildren(...built.map(([node]) => node))
  const painters = built.map(([, paint]) => paint)
  return (view, marks, labels) => {
    for (const paint of painters) paint(view, marks, labels)
  }
}
