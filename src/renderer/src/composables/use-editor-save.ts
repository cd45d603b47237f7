import type { Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import { formatList } from '@shared/domain/formatters'
import { formatQuota } from '@shared/domain/quota-money'
import type { ServerFacts } from '@shared/domain/server-facts'
import type { FieldIssue } from '@shared/result'
import { fieldLabel } from '@renderer/lib/draft-fields'
import { planCreate, planSave } from '@renderer/lib/token-form'
import type { useEditorFeedback } from './use-editor-feedback'
import type { useEditorSession } from './use-editor-session'

// The editor's two ways of keeping its input: Save (checked as main checks it, sent at once) and Save as
// draft (kept whatever it says, with word of what stops it from being sent).

type Feedback = Pick<ReturnType<typeof useEditorFeedback>, 'showInvalid' | 'showError' | 'report' | 'clear'>

export function useEditorSave(deps: {
  session: ReturnType<typeof useEditorSession>
  facts: () => ServerFacts
  /** A save is under way: the editor's buttons wait. */
  busy: Ref<boolean>
  feedback: Feedback
  close: () => void
}) {
  const { t, locale } = useI18n()
  const message = useMessage()
  const { session, busy, feedback } = deps

  /** The fields that have issues, named as the form names them ("Name and IP whitelist"). */
  const issueFieldNames = (found: readonly FieldIssue[]) =>
    formatList(
      [...new Set(found.map((issue) => issue.path))].map((path) =>
        path === 'quantity' ? t('editor.quantity') : fieldLabel(path, t),
      ),
      locale.value,
    )

  /** What main's checks would say of the form: no issues, or the ones that stop it. */
  function issuesNow(): FieldIssue[] | null {
    const form = session.form.value
    const context = session.contextNow()
    if (!form || !context) return null
    const facts = deps.facts()
    const planned = session.isCreate()
      ? planCreate(form, facts, context.nowSeconds, session.existingNames())
      : planSave(form, context, { formatQuota: (quota) => formatQuota(quota, facts, locale.value) })
    return planned.ok ? [] : planned.issues
  }

  async function save(): Promise<void> {
    if (busy.value || !session.form.value) return
    feedback.clear()
    const issues = issuesNow()
    if (issues === null) return
    if (issues.length > 0) return feedback.showInvalid(issues)
    busy.value = true
    const result = await session.commit('now')
    busy.value = false
    if (!result) return
    if (!result.ok) return feedback.showError('editor.failed', result.error)
    feedback.report(result.value)
  }

  /**
   * A draft keeps what is typed even where it breaks a rule (it is sent once that is put right), and says
   * so. Only an amount that reads as no amount cannot be kept: it is said at the field, nothing is saved.
   */
  async function saveAsDraft(): Promise<void> {
    if (busy.value) return
    feedback.clear()
    const issues = issuesNow() ?? []
    const unreadable = issues.filter((issue) => issue.key === 'quota.unreadable')
    if (unreadable.length > 0) return feedback.showInvalid(unreadable)
    busy.value = true
    const result = await session.commit('hold')
    busy.value = false
    if (result && !result.ok) return feedback.showError('editor.failed', result.error)
    if (!session.draftId.value) message.info(t('editor.nothingChanged'))
    else if (issues.length > 0)
      message.warning(t('editor.heldInvalid', { fields: issueFieldNames(issues) }), { duration: 8000 })
    else message.success(t('editor.heldAsDraft'))
    deps.close()
  }

  return { save, saveAsDraft }
}
