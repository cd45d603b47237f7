// Runs while the app's own script is still downloading, when the page has nothing else to do. The first
// Intl formatter a page builds makes the browser load its locale data (about 50 ms on a slow machine);
// done here, that no longer lands in the middle of the first render of the token table.
;(function warmUp() {
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
})()
