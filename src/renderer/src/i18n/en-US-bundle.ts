import enUS from './en-US'

// The English catalogue as a chunk of its own, like every other language's: a window shown in Chinese
// does not download and parse the English texts it never shows. Naive UI's English texts stay with the
// first screen (naive-locales.ts): they are Naive's defaults.
export default { messages: enUS }
