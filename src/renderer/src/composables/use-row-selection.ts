import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type { OverlaidRow } from '@shared/domain/draft-overlay'

// Which tokens are selected for the bulk actions, by id, as file managers do it: a click toggles one,
// Shift selects the range from the last one clicked over the rows as shown (sorted and filtered) — a
// new range replaces the one before from the same start, so Shift+↓ ↓ ↑ leaves two rows, not three —
// and "select all matching" takes every row the filters leave. Selected tokens stay selected while a filter hides
// them (the bar says how many are hidden); tokens that leave the list leave the selection. Pending
// creates are not on the server yet: nothing can be done to them in bulk, so they are not selectable.

export function useRowSelection(
  shown: Ref<readonly OverlaidRow[]>,
  all: Ref<readonly OverlaidRow[]>,
  /**
   * The token shown only because it is open in the editor (it does not match the search or filters):
   * "all matching" leaves it out — a tester disabled such a token with a "select all" of ten others.
   */
  keptOnly: Readonly<Ref<number | null>> = ref(null),
) {
  const selected = shallowRef<ReadonlySet<number>>(new Set())
  /** Where a Shift range starts: the row last toggled on its own. */
  let anchor: number | null = null
  /** The selection as it was when the range's start was set: a range is added to this, not to the last. */
  let base: ReadonlySet<number> = new Set()

  const selectable = (row: OverlaidRow) => !row.creating

  watch(all, (rows) => {
    if (selected.value.size === 0) return
    const present = new Set(rows.map((row) => row.token.id))
    const kept = [...selected.value].filter((id) => present.has(id))
    if (kept.length !== selected.value.size) selected.value = new Set(kept)
  })

  /**
   * The selected rows in the order the table shows them (then those a filter hides): keys copied, a
   * bulk preview and its report follow the list the user looks at, not the server's order.
   */
  const selectedRows = computed(() => {
    const inView = shown.value.filter((row) => selected.value.has(row.token.id))
    if (inView.length === selected.value.size) return inView
    const seen = new Set(inView.map((row) => row.token.id))
    return [
      ...inView,
      ...all.value.filter((row) => selected.value.has(row.token.id) && !seen.has(row.token.id)),
    ]
  })
  const hiddenCount = computed(() => {
    const visible = new Set(shown.value.map((row) => row.token.id))
    return [...selected.value].filter((id) => !visible.has(id)).length
  })
  const selectableShown = computed(() =>
    shown.value.filter((row) => selectable(row) && row.token.id !== keptOnly.value),
  )
  const allShownSelected = computed(
    () =>
      selectableShown.value.length > 0 &&
      selectableShown.value.every((row) => selected.value.has(row.token.id)),
  )

  // What the header's checkbox shows: rows a filter hides count for the bar, not for the rows shown.
  const someShownSelected = computed(() =>
    selectableShown.value.some((row) => selected.value.has(row.token.id)),
  )

  function isSelected(row: OverlaidRow): boolean {
    return selected.value.has(row.token.id)
  }

  function toggle(row: OverlaidRow): void {
    if (!selectable(row)) return
    const next = new Set(selected.value)
    if (next.has(row.token.id)) next.delete(row.token.id)
    else next.add(row.token.id)
    selected.value = next
    anchor = row.token.id
    base = next
  }

  /**
   * Selects every shown row from the anchor to this one (both included), beside what was selected when
   * the anchor was set: the range before this one from the same anchor is replaced.
   */
  function extendTo(row: OverlaidRow): void {
    const rows = shown.value
    const to = rows.indexOf(row)
    const from = anchor === null ? -1 : rows.findIndex((candidate) => candidate.token.id === anchor)
    if (to < 0) return
    if (from < 0) return toggle(row)
    const present = new Set(all.value.map((candidate) => candidate.token.id))
    const next = new Set([...base].filter((id) => present.has(id)))
    for (let index = Math.min(from, to); index <= Math.max(from, to); index++) {
      const candidate = rows[index]
      if (candidate && selectable(candidate)) next.add(candidate.token.id)
    }
    selected.value = next
  }

  /** Every row the search and filters leave; or, when they are all selected already, none of them. */
  function toggleAllShown(): void {
    const next = new Set(selected.value)
    if (allShownSelected.value) for (const row of selectableShown.value) next.delete(row.token.id)
    else for (const row of selectableShown.value) next.add(row.token.id)
    selected.value = next
    base = next
  }

  function anchorAt(row: OverlaidRow): void {
    anchor = row.token.id
    base = selected.value
  }

  function clear(): void {
    selected.value = new Set()
    anchor = null
    base = new Set()
  }

  return {
    selected,
    selectedRows,
    hiddenCount,
    allShownSelected,
    someShownSelected,
    selectableCount: computed(() => selectableShown.value.length),
    keptOnly,
    isSelected,
    toggle,
    anchorAt,
    extendTo,
    toggleAllShown,
    clear,
  }
}

export type RowSelection = ReturnType<typeof useRowSelection>
