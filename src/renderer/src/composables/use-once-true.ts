import { ref, watch, type Ref } from 'vue'

// True from the first time `source` is truthy on: a part loaded on first use (the editor, the palette)
// then stays mounted, so its closing animation runs and it opens at once the next time.

export function useOnceTrue(source: Ref<unknown>): Ref<boolean> {
  const once = ref(Boolean(source.value))
  const stop = watch(source, (value) => {
    if (!value) return
    once.value = true
    stop()
  })
  return once
}
