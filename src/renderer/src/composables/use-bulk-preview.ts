import { computed, onScopeDispose, shallowRef, watch, type Ref } from 'vue'
import type { BulkOp } from '@shared/domain/bulk-change'
import { previewBulkChange, type BulkPreview } from '@shared/domain/bulk-preview'
import type { RoundTrip } from '@shared/domain/bulk-estimate'
import type { BulkCatalogue } from '@shared/domain/bulk-warnings'
import type { DraftBase } from '@shared/domain/draft'
import type { GroupCatalog } from '@shared/domain/group-catalog'
import { splitNameList } from '@shared/domain/name-list'
import type { Pacing } from '@shared/domain/profile'
import type { ServerFacts } from '@shared/domain/server-facts'
import { useErrorText } from './use-error-text'
import { useNow } from './use-now'
import { checkBulkForm, type BulkForm } from '@renderer/lib/bulk-form'

// The bulk edit dialog's live state: the change the ticked operations make (checked by the shared
// schema, each issue beside its operation) and its preview over the selection — recomputed as the user
// ticks and types, with the same pure model main applies again when the job starts.
// A preview of hundreds of tokens takes tens of milliseconds (about 100 ms for 1000 tokens with four
// operations in Chromium): computing it on every keystroke would make typing lag, so above a few hundred
// tokens it follows the input once typing pauses, and `pending` says it is not yet up to date.

export interface BulkPreviewSource {
  tokens: Ref<readonly DraftBase[]>
  facts: Ref<ServerFacts>
  pace: Ref<Pacing>
  catalog: Ref<GroupCatalog | null>
  groupModels: Ref<Readonly<Record<string, readonly string[]>> | null>
  roundTrip: Ref<RoundTrip | undefined>
}

/** Models the given groups offer together; null when none of them is known. */
function modelsOf(groups: Iterable<string>, byGroup: Readonly<Record<string, readonly string[]>>) {
  const models = new Set<string>()
  let known = false
  for (const group of groups) {
    const own = byGroup[group] ?? splitNameList(group).flatMap((name) => byGroup[name] ?? [])
    if (byGroup[group] || own.length > 0) known = true
    for (const model of own) models.add(model)
  }
  return known ? [...models].sort() : null
}

/** Up to this many tokens the preview follows every keystroke. */
const LIVE_UP_TO = 300
const PAUSE_MS = 150

export function useBulkPreview(form: Ref<BulkForm>, source: BulkPreviewSource) {
  const errorText = useErrorText()
  const now = useNow()

  const check = computed(() => checkBulkForm(form.value, source.facts.value))

  /** The first issue of each ticked operation, translated. */
  const issues = computed(() => {
    const byOp: Partial<Record<BulkOp, string>> = {}
    if (check.value.ok) return byOp
    for (const issue of check.value.issues) {
      const op = issue.path.split('.')[0] as BulkOp
      if (op && form.value.ticked[op]) byOp[op] ??= errorText.fieldMessage(issue)
    }
    return byOp
  })

  const catalogue = computed<BulkCatalogue>(() => ({
    groups: source.catalog.value?.groups.map((group) => group.name),
    groupModels: source.groupModels.value ?? undefined,
  }))

  const preview = shallowRef<BulkPreview | null>(null)
  const pending = shallowRef(false)
  let timer: number | undefined
  function compute(): void {
    timer = undefined
    pending.value = false
    const checked = check.value
    preview.value = checked.ok
      ? previewBulkChange(source.tokens.value, checked.change, {
          nowSeconds: Math.floor(now.value / 1000),
          facts: source.facts.value,
          catalogue: catalogue.value,
          pace: source.pace.value,
          roundTrip: source.roundTrip.value,
        })
      : null
  }
  watch(
    [check, source.tokens, source.facts, source.pace, source.roundTrip, catalogue, now],
    () => {
      window.clearTimeout(timer)
      // A refused form shows its issues at once; nothing to wait for.
      if (!check.value.ok || source.tokens.value.length <= LIVE_UP_TO) return compute()
      pending.value = true
      timer = window.setTimeout(compute, PAUSE_MS)
    },
    { immediate: true },
  )
  onScopeDispose(() => window.clearTimeout(timer))

  /** What the model select offers: the models of the groups the tokens will be in. */
  const offeredModels = computed(() => {
    const byGroup = source.groupModels.value
    if (!byGroup) return null
    const groups = form.value.ticked.group
      ? [form.value.group]
      : new Set(source.tokens.value.map((token) => token.group))
    return modelsOf(groups, byGroup)
  })

  return { check, issues, preview, pending, offeredModels }
}
