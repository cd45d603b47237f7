import type { InjectionKey } from 'vue'

// Where side panels mount (a CSS selector): the shell provides its main area, so a panel opens below the
// header; without a shell (component tests) they mount on the body.
export const DRAWER_HOST: InjectionKey<string> = Symbol('drawer host')

/**
 * The width of a side panel (the token editor). The tokens screen makes room for it in a wide window,
 * so that the panel covers none of the table: its right-hand columns and row actions stay in reach.
 */
export const SIDE_PANEL_WIDTH = 540
