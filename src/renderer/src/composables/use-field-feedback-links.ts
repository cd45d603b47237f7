import { onScopeDispose, watch } from 'vue'
import { linkFieldFeedback } from '@renderer/lib/field-feedback-links'

// A form's messages linked to their fields (field-feedback-links.ts) for as long as the form is shown.

export function useFieldFeedbackLinks(form: () => HTMLElement | null | undefined): void {
  let stop = (): void => {}
  watch(
    form,
    (element) => {
      stop()
      stop = element ? linkFieldFeedback(element) : () => {}
    },
    { immediate: true, flush: 'post' },
  )
  onScopeDispose(() => stop())
}
