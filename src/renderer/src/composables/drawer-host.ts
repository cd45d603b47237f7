import type { InjectionKey } from 'vue'

// Where side panels mount (a CSS selector): the shell provides its main area, so a panel opens below the
// header; without a shell (component tests) they mount on the body.
export const DRAWER_HOST: InjectionKey<string> = Symbol('drawer host')
