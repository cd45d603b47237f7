import { onMounted, ref, type ComponentPublicInstance } from 'vue'
import { oneCardHeading } from '@renderer/lib/card-heading'

// The ref for an <n-card>: once it is in the page, its title is its one heading (card-heading.ts).

export function useOneCardHeading() {
  const card = ref<ComponentPublicInstance | null>(null)
  onMounted(() => oneCardHeading(card.value?.$el as Element | undefined))
  return card
}
