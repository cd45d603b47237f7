import {
  inject,
  onUnmounted,
  provide,
  ref,
  shallowRef,
  type ComputedRef,
  type InjectionKey,
  type Ref,
} from 'vue'
import type { Command } from '@renderer/components/command-palette.vue'

// The command palette belongs to the window: Ctrl+K (⌘K) opens it on every screen. The shell owns it and
// offers what can be done from anywhere (use-shell-commands.ts); the screen on show adds its own commands
// for as long as it is mounted (the tokens screen: its toolbar, filters, sorts, selection).

/** What the screen on show adds to the palette. */
export interface ScreenCommands {
  commands: ComputedRef<Command[]>
  /** The field's placeholder there: examples of what to type that this screen can do. */
  hint: ComputedRef<string>
  /** Things of the screen found by what is typed, listed after its commands (the tokens screen: tokens). */
  find?: (query: string) => Command[]
}

/** What was typed after the palette was asked for and before its field could take it. */
export interface TypedAhead {
  text: string
  /** Enter was pressed too: run the first match once the text is in. */
  submit: boolean
}

export interface Palette {
  open: Ref<boolean>
  /** The commands of the screen on show, if it has any. */
  screen: Ref<ScreenCommands | null>
  typedAhead: Ref<TypedAhead>
}

const PALETTE: InjectionKey<Palette> = Symbol('palette')

export function providePalette(): Palette {
  const palette: Palette = {
    open: ref(false),
    screen: shallowRef(null),
    typedAhead: ref({ text: '', submit: false }),
  }
  provide(PALETTE, palette)
  return palette
}

/** The window's palette; null where a screen is shown without the shell (component tests). */
export function usePalette(): Palette | null {
  return inject(PALETTE, null)
}

/** Adds a screen's commands (and the hint that goes with them) to the palette while it is mounted. */
export function useScreenCommands(screen: ScreenCommands): void {
  const palette = usePalette()
  if (!palette) return
  palette.screen.value = screen
  onUnmounted(() => {
    if (palette.screen.value === screen) palette.screen.value = null
  })
}
