import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/**
 * The border-box height of an element while it is in the page, in CSS pixels (0 before it is, and where
 * the window cannot observe sizes). For what floats over other content and must leave room for itself,
 * whatever its text wraps to.
 */
export function useElementHeight(element: Ref<HTMLElement | null>): Ref<number> {
  const height = ref(0)
  const observer =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(([entry]) => {
          height.value =
            entry?.borderBoxSize?.[0]?.blockSize ?? entry?.target.getBoundingClientRect().height ?? 0
        })
      : null
  watch(
    element,
    (now, before) => {
      if (before) observer?.unobserve(before)
      if (now) observer?.observe(now)
      else height.value = 0
    },
    { immediate: true, flush: 'post' },
  )
  onBeforeUnmount(() => observer?.disconnect())
  return height
}
