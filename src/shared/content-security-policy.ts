// The renderer's Content Security Policy, in one place for both hosts. `src/renderer/index.html` carries the
// same policy in a <meta> tag (tests/hosts keep the two identical); the hosts also send it as a response
// header so that `frame-ancestors`, which a <meta> tag cannot express, stops the UI from being framed.
// `style-src 'unsafe-inline'` is needed by Naive UI, which injects its styles at runtime.

export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

/** The header form: the meta policy plus the directive only a header can carry. */
export const RENDERER_CSP_HEADER = `${RENDERER_CSP}; frame-ancestors 'none'`
