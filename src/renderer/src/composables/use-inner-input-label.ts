import { onMounted, onUpdated, type Ref } from 'vue'

// Some Naive UI controls (NDatePicker) render an <input> but offer no way to pass attributes to it, so
// neither <label for> nor aria-label can reach it. This puts an id and an accessible name on the inner
// input after each render; Vue does not manage these attributes there, so they stay.
export function useInnerInputLabel(
  container: Ref<HTMLElement | null>,
  id: () => string,
  label: () => string,
): void {
  const apply = () => {
    const input = container.value?.querySelector('input')
    if (!input) return
    input.id = id()
    input.setAttribute('aria-label', label())
  }
  onMounted(apply)
  onUpdated(apply)
}
