import { onMounted, onUpdated, type Ref } from 'vue'

// Some Naive UI controls (NDatePicker) render an <input> but offer no way to pass attributes to it, so
// neither <label for> nor aria-label can reach it. This puts an id and an accessible name on the inner
// input after each render; Vue does not manage these attributes there, so they stay. The date picker's
// input is also "passively activated": Tab lands on the box around it (Enter then types into it), so the
// box is named too, as a group: otherwise it reads as nothing but the date it shows.
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
    const box = input.closest('.n-input')
    if (!box) return
    box.setAttribute('role', 'group')
    box.setAttribute('aria-label', label())
  }
  onMounted(apply)
  onUpdated(apply)
}
