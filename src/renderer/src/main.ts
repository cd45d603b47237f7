import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { config as zodConfig } from 'zod/v4/core'
import App from './App.vue'
import { bridge } from './bridge'
import { provideBridge } from './bridge/use-bridge'
import { createAppI18n, detectLocale, switchLocale } from './i18n'
import { reportErrorsToMain } from './lib/error-reporting'
import { loadDarkTheme, prefersDark } from './theme/dark-theme'
import './styles/visually-hidden.css'
import './styles/focus-ring.css'

// Composition root of the renderer: the real bridge is chosen here and handed to everything else by
// injection, so nothing below imports it (and tests can hand in a fake).

// The CSP forbids eval; without this zod probes `new Function` and the browser logs a CSP violation.
// Set through zod's core (the one global config every schema reads), so the first screen, which parses
// nothing, does not carry zod itself; the parts that parse load it when first opened.
zodConfig({ jitless: true })

const app = createApp(App)
provideBridge(app, bridge)
reportErrorsToMain(app, bridge)
app.use(createPinia())
const i18n = createAppI18n()
app.use(i18n)
// Shown in the chosen language and colours from the first frame: its catalogue (not English's) and, in a
// dark OS, the dark theme load before mounting. Not a top-level await: those chunks import from this
// entry chunk, which would still be evaluating while it waits — each waiting for the other, the window
// stayed blank in Chinese.
const ready = [switchLocale(i18n.global, detectLocale(), false), prefersDark() ? loadDarkTheme() : null]
void Promise.allSettled(ready).finally(() => app.mount('#app'))
