import { computed, ref } from 'vue'
import type { FieldIssue } from '@shared/result'
import { useErrorText } from './use-error-text'

// The messages a form shows beside its fields. The issues are kept as they were found and worded in a
// computed, so a switch of language rewords the messages already shown instead of leaving them in the
// language they were first said in.

export function useFieldMessages<Field extends string>() {
  const errorText = useErrorText()
  /** The issue found for each field (set it; clear a field by leaving it out). */
  const found = ref<Partial<Record<Field, FieldIssue>>>({})
  /** Each field's message, in the language of the moment. */
  const messages = computed(
    () =>
      Object.fromEntries(
        Object.entries(found.value).map(([field, issue]) => [
          field,
          errorText.fieldMessage(issue as FieldIssue),
        ]),
      ) as Partial<Record<Field, string>>,
  )
  return { found, messages }
}
