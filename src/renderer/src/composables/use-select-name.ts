import { onMounted, onUpdated, type Ref } from 'vue'

// A Naive UI select takes keyboard focus on its selection box, and a searchable multiple select renders
// its search input only while open — so neither <label for> nor input-props names what a keyboard or
// screen-reader user lands on. This names the box itself after each render (Vue does not manage the
// attribute there, so it stays).
export function useSelectName(container: Ref<HTMLElement | null>, label: () => string): void {
  const apply = () => container.value?.querySelector('.n-base-selection')?.setAttribute('aria-label', label())
  onMounted(apply)
  onUpdated(apply)
}
