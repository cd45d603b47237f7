// Runs while the app's own script is still downloading, when the page has nothing else to do.
//
// First it asks for the chunks the first render will wait for: the window's language catalogue and, in
// a dark OS, the dark theme. index.html names them (tokendesk-chunks, written by the build). Asked for by
// the app once its own script had run, they arrived about 50 ms later, with the window waiting for
// nothing else. The language is chosen as the app chooses it (detectLocale in src/renderer/src/i18n/index.ts;
// warm-up.test.ts holds the two to the same answers); a wrong guess only costs a download.
//
// Then it builds one of each Intl formatter: the first one a page builds makes the browser load its
// locale data (about 50 ms on a slow machine); done here, that no longer lands in the middle of the first
// render of the token table.
;(function warmUp() {
  try {
    const meta = document.querySelector('meta[name="tokendesk-chunks"]')
    const chunks = meta ? JSON.parse(meta.getAttribute('content') || '{}') : {}
    const wanted = [chunks[windowLocale()]]
    if (window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches)
      wanted.push(chunks.dark)
    for (const href of wanted) {
      if (typeof href !== 'string') continue
      const link = document.createElement('link')
      link.rel = 'modulepreload'
      link.crossOrigin = '' // as the app's own module scripts: one request serves both
      link.href = href
      document.head.append(link)
    }
  } catch {
    // Only a head start: the app asks for them itself.
  }
  try {
    const locale = navigator.language
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(1)
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(0)
    new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(1, 'day')
    new Intl.Collator(locale, { numeric: true }).compare('a', 'b')
    new URL('./', document.baseURI)
  } catch {
    // Only a head start: the app builds what it needs itself.
  }

  /** `?lang=`, then the choice saved in localStorage, then the OS languages; English by default. */
  function windowLocale() {
    const LOCALES = ['en-US', 'zh-CN']
    const match = (tag) => {
      if (!tag) return null
      if (LOCALES.includes(tag)) return tag
      const lower = tag.toLowerCase()
      if (lower.startsWith('zh')) return 'zh-CN'
      if (lower.startsWith('en')) return 'en-US'
      return null
    }
    const fromQuery = match(new URLSearchParams(window.location.search).get('lang'))
    if (fromQuery) return fromQuery
    let saved = null
    try {
      saved = window.localStorage.getItem('tokendesk.locale')
    } catch {
      // storage disabled: the OS language decides
    }
    if (LOCALES.includes(saved)) return saved
    for (const tag of navigator.languages || [navigator.language]) {
      const found = match(tag)
      if (found) return found
    }
    return 'en-US'
  }
})()
