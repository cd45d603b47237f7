import { onMounted, onUnmounted, ref, watch, type Ref } from 'vue'

// Whether the user has pressed a key or the pointer since `source` last changed: for a part that loads
// when first asked for and takes the focus once drawn, which must not take it from whatever the user
// went on to do meanwhile. The key or click that asked for it came before the change, so it does not count.

export function useUserActedSince(source: Ref<unknown>): Ref<boolean> {
  const acted = ref(false)
  watch(source, () => (acted.value = false), { flush: 'sync' })
  const note = () => (acted.value = true)
  onMounted(() => {
    window.addEventListener('keydown', note, { capture: true, passive: true })
    window.addEventListener('pointerdown', note, { capture: true, passive: true })
  })
  onUnmounted(() => {
    window.removeEventListener('keydown', note, { capture: true })
    window.removeEventListener('pointerdown', note, { capture: true })
  })
  return acted
}
