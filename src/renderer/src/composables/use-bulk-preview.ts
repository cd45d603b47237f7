import { computed, type Ref } from 'vue'
import type { BulkOp } from '@shared/domain/bulk-change'
import { previewBulkChange } from '@shared/domain/bulk-preview'
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

  const preview = computed(() => {
    if (!check.value.ok) return null
    return previewBulkChange(source.tokens.value, check.value.change, {
      nowSeconds: Math.floor(now.value / 1000),
      facts: source.facts.value,
      catalogue: catalogue.value,
      pace: source.pace.value,
      roundTrip: source.roundTrip.value,
    })
  })

  /** What the model select offers: the models of the groups the tokens will be in. */
  const offeredModels = computed(() => {
    const byGroup = source.groupModels.value
    if (!byGroup) return null
    const groups = form.value.ticked.group
      ? [form.value.group]
      : new Set(source.tokens.value.map((token) => token.group))
    return modelsOf(groups, byGroup)
  })

  return { check, issues, preview, offeredModels }
}
