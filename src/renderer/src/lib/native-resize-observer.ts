// Stands in for the `@juggle/resize-observer` polyfill in the renderer's build (electron.vite.config.ts).
// Naive UI's vueuc imports the polyfill but uses it only where `window.ResizeObserver` is missing, and
// every window TokenDesk runs in is Chromium's (Electron's, or a browser's for the browser host), which
// has it: the 8 kB polyfill was dead weight on the first screen.
export const ResizeObserver = globalThis.ResizeObserver
