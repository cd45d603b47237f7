import { computed, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Profile } from '@shared/domain/profile'
import type { ConnectionReport } from '@shared/domain/connection-report'
import { needsInsecureConsent, parseBaseUrl } from '@shared/domain/server-address'
import type { AppErrorData, FieldIssue } from '@shared/result'
import { issuesByField } from './field-issues'
import { useErrorText } from './use-error-text'
import { useFieldMessages } from './use-field-messages'

// The state of the server form (add or edit): its values, the message beside each field, and the alert
// above the buttons. A failure that names one part of the form (connection-diagnosis in main) is said
// with the same words beside that field and in the alert, so the two always agree. The access token lives
// only here, while typed: it goes to main once and the field is cleared after.

export type ProfileField = 'name' | 'baseUrl' | 'userId' | 'accessToken'
export const PROFILE_FIELDS: ProfileField[] = ['name', 'baseUrl', 'userId', 'accessToken']

export interface ProfileFormValues {
  name: string
  baseUrl: string
  userId: string
  accessToken: string
  allowInsecureHttp: boolean
  production: boolean
  /** The server takes several groups per token. */
  multiGroup: boolean
}

export interface FormAlert {
  title: string
  lines: string[]
  /** The user id the server says the access token belongs to, offered with one click. */
  offeredUserId: number | null
}

function valuesOf(profile: Profile | null): ProfileFormValues {
  return {
    name: profile?.name ?? '',
    baseUrl: profile?.baseUrl ?? '',
    userId: profile ? String(profile.userId) : '',
    accessToken: '',
    allowInsecureHttp: profile?.allowInsecureHttp ?? false,
    production: profile?.production ?? false,
    multiGroup: profile?.multiGroup ?? false,
  }
}

export function useProfileForm(profile: () => Profile | null) {
  const errorText = useErrorText()
  const { t } = useI18n()
  const form = reactive(valuesOf(profile()))
  // What was found is kept, and worded in computeds: a switch of language rewords the messages shown.
  const { found: fieldIssues, messages: issues } = useFieldMessages<ProfileField>()
  /** The failure the alert tells of: the i18n key of its title, and the error. */
  const failure = ref<{ titleKey: string; error: AppErrorData } | null>(null)
  const alert = computed<FormAlert | null>(() => (failure.value ? alertOf(failure.value) : null))
  /** What the last connection test found, for the values the form held then. */
  const report = ref<ConnectionReport | null>(null)

  const insecure = computed(() => needsInsecureConsent(form.baseUrl))
  // Consent belongs to the address it was given for: another host (or https) needs it again.
  const host = computed(() => {
    const parsed = parseBaseUrl(form.baseUrl, true)
    return parsed.ok ? new URL(parsed.url).host : ''
  })
  watch([insecure, host], ([value], [, before]) => {
    if (!value || host.value !== before) form.allowInsecureHttp = false
  })

  // Editing a field clears its message (the consent box counts as part of the address). Compared with
  // the value the message was about, so a change still queued from before the submit does not clear it.
  const valueOf = (field: ProfileField) =>
    field === 'baseUrl' ? `${form.baseUrl}|${form.allowInsecureHttp}` : String(form[field])
  let valuesAtIssue: Partial<Record<ProfileField, string>> = {}
  for (const field of PROFILE_FIELDS) {
    watch(
      () => valueOf(field),
      (value) => {
        if (value === valuesAtIssue[field]) return
        // What the alert and the test result said was about the values before: no longer true.
        failure.value = null
        report.value = null
        if (!fieldIssues.value[field]) return
        const { [field]: _cleared, ...rest } = fieldIssues.value
        fieldIssues.value = rest
      },
    )
  }

  /** Puts each issue beside its field. */
  function showIssues(list: readonly FieldIssue[]): void {
    valuesAtIssue = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, valueOf(field)]))
    fieldIssues.value = issuesByField(list, PROFILE_FIELDS).byField as Partial<
      Record<ProfileField, FieldIssue>
    >
  }

  /** Before a new test or save: nothing shown is about the next answer yet. */
  function clear(): void {
    fieldIssues.value = {}
    failure.value = null
    report.value = null
    valuesAtIssue = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, valueOf(field)]))
  }

  /** A failure from main: the named part's message leads (beside its field too), then the server's words. */
  function showFailure(titleKey: string, error: AppErrorData): void {
    showIssues(errorText.describe(error).fieldIssues)
    failure.value = { titleKey, error }
  }

  function alertOf({ titleKey, error }: { titleKey: string; error: AppErrorData }): FormAlert {
    const text = errorText.describe(error)
    // Every issue, beside its field or not, is in the alert: with none, the summary says what failed.
    const named = text.fieldIssues.map((issue) => errorText.fieldMessage(issue))
    const lines = named.length > 0 ? named : [text.summary]
    const serverAnswered = error.details?.httpStatus !== undefined
    if (named.length > 0 && serverAnswered && (error.code === 'auth' || error.code === 'forbidden')) {
      // The server's own words stay visible beside the translation (what it said is what to search for).
      const said = errorText.serverSaid(error)
      if (said !== null) lines.push(said)
    } else lines.push(...text.details)
    const other = text.fieldIssues.find((issue) => issue.key === 'connection.userIdIsOther')?.params?.actual
    return {
      title: t(titleKey),
      lines: [...new Set(lines.filter(Boolean))],
      offeredUserId: typeof other === 'number' ? other : null,
    }
  }

  function reset(next: Profile | null): void {
    Object.assign(form, valuesOf(next))
    clear()
  }

  const status = (field: ProfileField) => (issues.value[field] ? ('error' as const) : undefined)
  const feedback = (field: ProfileField, help?: string) => issues.value[field] ?? help

  return { form, issues, alert, report, insecure, showIssues, showFailure, clear, reset, status, feedback }
}
