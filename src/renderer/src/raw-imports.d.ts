// A file's text as a string (Vite's `?raw` import): tests read public/warm-up.js, which the bundle
// does not contain, this way.
declare module '*?raw' {
  const text: string
  export default text
}
