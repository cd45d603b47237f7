import { computed, nextTick, shallowRef, watch, type ComponentPublicInstance, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import type { SaveOutcome } from '@shared/contract/draft-contract'
import { EDITABLE_FIELDS, type EditableField } from '@shared/domain/token'
import type { AppErrorData, FieldIssue } from '@shared/result'
import type { TokenForm } from '@renderer/lib/token-form'
import { revealFirstIssue } from '@renderer/lib/reveal-first-issue'
import { issuesByField } from './field-issues'
import { useErrorText } from './use-error-text'
import { useFieldMessages } from './use-field-messages'
import { isUnreachable, useWaitingText } from './use-waiting-text'

// What the token editor tells the user about a save: refused values at their fields (each cleared as
// its value is edited), one alert above the form (the server's own words beside the translated summary,
// a way to the outbox when the draft waits there), and a toast when the editor closes on an outcome.

export interface EditorFeedbackDeps {
  form: Ref<TokenForm | null>
  /** The editor's scrolling panel and its alert: a refusal brings the first marked field into view. */
  panel: Ref<HTMLElement | null>
  failureAlert: Ref<ComponentPublicInstance | null>
  close: () => void
  /** A single new token is on the server: said with the way to its key (use-created-notice.ts). */
  created: (token: { id: number; name: string }) => void
}

export interface EditorFailure {
  title: string
  lines: string[]
  type: 'error' | 'warning'
  toOutbox: boolean
  /** It only points at the marked fields: it goes once they are all corrected. */
  fieldsOnly?: boolean
}

export function useEditorFeedback(deps: EditorFeedbackDeps) {
  const { t } = useI18n()
  const message = useMessage()
  const errorText = useErrorText()
  const waitingText = useWaitingText()

  // What was found is kept, and worded in computeds: a switch of language rewords what is shown.
  const { found: fieldIssues, messages: issues } = useFieldMessages<EditableField>()
  /** The alert above the form, as a function that words it (in the language of the moment). */
  const shownFailure = shallowRef<(() => EditorFailure) | null>(null)
  const failure = computed<EditorFailure | null>({
    get: () => shownFailure.value?.() ?? null,
    // The alert's close button sets it to null.
    set: (value) => (shownFailure.value = value === null ? null : () => value),
  })
  // Which form value feeds which field's issue: editing the value clears that issue (the rest stay).
  const ISSUE_OF: Record<keyof TokenForm, EditableField> = {
    name: 'name',
    amount: 'remain_quota',
    quotaMode: 'remain_quota',
    delta: 'remain_quota',
    unreadableAmount: 'remain_quota',
    quantity: 'name',
    unlimited: 'unlimited_quota',
    neverExpires: 'expired_time',
    expiresAt: 'expired_time',
    modelLimitsEnabled: 'model_limits',
    models: 'model_limits',
    allowIps: 'allow_ips',
    group: 'group',
    crossGroupRetry: 'cross_group_retry',
    autoGroups: 'auto_groups',
    enabled: 'name',
  }
  let valuesAtIssue: Partial<Record<keyof TokenForm, string>> = {}

  watch(
    deps.form,
    (values) => {
      if (!values) return
      for (const key of Object.keys(ISSUE_OF) as (keyof TokenForm)[]) {
        const field = ISSUE_OF[key]
        if (fieldIssues.value[field] && JSON.stringify(values[key]) !== valuesAtIssue[key]) {
          const { [field]: _cleared, ...rest } = fieldIssues.value
          fieldIssues.value = rest
        }
      }
      if (failure.value?.fieldsOnly && Object.keys(fieldIssues.value).length === 0) shownFailure.value = null
    },
    { deep: true },
  )

  const splitIssues = (list: readonly FieldIssue[]) =>
    issuesByField(list, EDITABLE_FIELDS, { quota: 'remain_quota' })

  /** Puts issues next to their fields (each cleared as its value is edited). */
  function placeIssues(list: readonly FieldIssue[]): void {
    const values = deps.form.value ?? {}
    valuesAtIssue = Object.fromEntries(
      Object.entries(values).map(([key, value]) => [key, JSON.stringify(value)]),
    )
    fieldIssues.value = splitIssues(list).byField as Partial<Record<EditableField, FieldIssue>>
  }

  /** The texts of the issues that belong to no field. */
  const generalLines = (list: readonly FieldIssue[]) => splitIssues(list).general.map(errorText.fieldMessage)

  function showError(titleKey: string, error: AppErrorData, toOutbox = false): void {
    placeIssues(errorText.describe(error).fieldIssues)
    shownFailure.value = () => {
      const text = errorText.describe(error)
      return {
        title: t(titleKey),
        lines: [text.summary, ...text.details, ...generalLines(text.fieldIssues)],
        type: 'error',
        toOutbox,
      }
    }
  }

  /** Refused values: each at its field, and one line above saying so (with what belongs to no field). */
  function showInvalid(list: readonly FieldIssue[]): void {
    placeIssues(list)
    const { byField: atFields, general } = splitIssues(list)
    const fieldsOnly = general.length === 0 && Object.keys(atFields).length > 0
    shownFailure.value = () => ({
      title: t('editor.checkFields'),
      lines: generalLines(list),
      type: 'error',
      toOutbox: false,
      fieldsOnly,
    })
    void nextTick(() => revealFirstIssue(deps.panel.value, deps.failureAlert.value?.$el ?? null))
  }

  /** Says what a save did; closes the editor unless the user has something left to do in it. */
  function report(outcome: SaveOutcome): void {
    const quantity = deps.form.value?.quantity ?? 1
    if (quantity > 1 && ['synced', 'syncing', 'queued', 'held', 'review'].includes(outcome.outcome)) {
      message.success(t('editor.createdMany', { count: quantity }))
      return deps.close()
    }
    const name = deps.form.value?.name || t('tokens.unnamed')
    const waiting = outcome.draft?.lastError
    switch (outcome.outcome) {
      case 'nothing':
        message.info(t('editor.nothingChanged'))
        return deps.close()
      case 'synced':
        if (outcome.record?.outcome === 'created' && outcome.record.tokenId !== null)
          deps.created({ id: outcome.record.tokenId, name: outcome.record.name })
        else message.success(t('editor.saved', { name }))
        return deps.close()
      case 'syncing':
        message.info(waitingText.sending(outcome.draft?.profileId, name))
        return deps.close()
      case 'invalid':
        return showInvalid(outcome.issues ?? [])
      case 'review':
        message.info(t('production.kept', { name }))
        return deps.close()
      case 'queued':
      case 'held':
        // Not sent: because the server cannot be reached, or because it failed and is tried again later.
        if (waiting && !isUnreachable(waiting))
          message.warning(`${t('editor.notSentYet', { name })} ${errorText.message(waiting)}`)
        else message.warning(waitingText.queued(outcome.draft?.profileId, name, waiting))
        return deps.close()
      case 'conflict':
        return showConflict(outcome.draft)
      case 'failed':
        if (waiting) showError('editor.failed', waiting, true)
    }
  }

  /**
   * The draft was changed on the server too: what to do is chosen in the outbox. Said when a save finds
   * it, and again whenever the editor is opened on such a draft.
   */
  function showConflict(draft: SaveOutcome['draft']): void {
    const deleted = draft?.conflict?.kind === 'deleted'
    shownFailure.value = () => ({
      title: t('editor.conflict'),
      lines: [deleted ? t('editor.conflictDeleted') : t('editor.conflictFields')],
      type: 'warning',
      toOutbox: true,
    })
  }

  /** A new session: nothing marked, no alert. */
  function clear(): void {
    fieldIssues.value = {}
    shownFailure.value = null
  }

  return { issues, failure, showError, showInvalid, showConflict, report, clear }
}
