// Naive UI's dark theme, in a chunk of its own (see dark-theme.ts): it carries every component's dark
// styles, about a tenth of the first screen's JavaScript, which a window in light mode never uses.
export { darkTheme } from 'naive-ui'
