import { computed, shallowRef } from 'vue'
import type { KeyRow } from './use-key-actions'

// Which key button has the key menu open, and which one's copy is still under way. One menu serves every
// button of a screen (each token row of the table and the selection bar): rows stay plain markup, and only
// the button that opened the menu says so (aria-expanded, aria-busy).

export interface KeyMenuTarget {
  /** Who opened it: `token:<id>` for a row's button, any other name for another button. */
  id: string
  rows: readonly KeyRow[]
  /** The button it opened from: the menu sits under it and gives the focus back to it on close. */
  anchor: HTMLElement
  /** Whether the button still stands for these rows (a recycled table row may show another token now). */
  present?: () => boolean
  /** Opened from the keyboard (Enter or Space on the button): the menu starts with its first item picked. */
  byKeyboard?: boolean
}

/** A click the keyboard made (Enter or Space on a button) rather than a pointer: it has no click count. */
export const fromKeyboard = (event: MouseEvent): boolean => event.detail === 0

export const rowMenuId = (tokenId: number) => `token:${tokenId}`

type Translate = (key: string, named?: Record<string, unknown>) => string

/** The menu's name and its button's: the one token's name, or how many tokens. */
export function keyMenuLabel(t: Translate, rows: readonly KeyRow[]): string {
  const [first] = rows
  if (rows.length === 1 && first) {
    const name = ('token' in first ? first.token : first).name
    return t('keys.menuFor', { name: name || t('tokens.unnamed') })
  }
  return t('keys.menuForMany', { count: rows.length })
}

/** The button is still in the page and still stands for the rows the menu acts on. */
const stillThere = (target: KeyMenuTarget) => target.anchor.isConnected && (target.present?.() ?? true)

export function useKeyMenu() {
  const target = shallowRef<KeyMenuTarget | null>(null)
  /** The button whose copy or open is under way (the menu has closed already). */
  const working = shallowRef<string | null>(null)

  /** Opens the menu for a button, or closes it when that button has it open already. */
  function toggle(next: KeyMenuTarget): void {
    target.value = target.value?.id === next.id ? null : next
  }

  /**
   * Closes the menu, giving the focus back to its button when asked (and the button still stands for
   * those tokens: a recycled row never gets the focus for a token the user did not choose).
   */
  function close(refocus = false): void {
    const current = target.value
    target.value = null
    if (refocus && current && stillThere(current)) current.anchor.focus({ preventScroll: true })
  }

  /** After the rows moved: a menu whose button left, or shows another token now, closes. */
  function prune(): void {
    if (target.value && !stillThere(target.value)) target.value = null
  }

  /** Runs what a menu item does, the menu closed, with its button marked busy meanwhile. */
  async function work(id: string, action: () => Promise<unknown>): Promise<void> {
    working.value = id
    try {
      await action()
    } finally {
      if (working.value === id) working.value = null
    }
  }

  const openId = computed(() => target.value?.id ?? null)

  return { target, working, openId, toggle, close, prune, work }
}

export type KeyMenu = ReturnType<typeof useKeyMenu>
