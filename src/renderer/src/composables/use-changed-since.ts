import { computed, ref, type ComputedRef } from 'vue'

/**
 * Whether a form's values differ from what they were when it was opened (`mark`), compared as JSON: a
 * dialog holding such a form asks before closing (card-dialog's `dirty`).
 */
export function useChangedSince(values: () => unknown): { mark: () => void; changed: ComputedRef<boolean> } {
  const opened = ref<string | null>(null)
  const changed = computed(() => opened.value !== null && JSON.stringify(values()) !== opened.value)
  return { mark: () => void (opened.value = JSON.stringify(values())), changed }
}
