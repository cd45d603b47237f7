import type { GlobalThemeOverrides } from 'naive-ui'

// The light theme's warning and error colours, darkened until their text reads at WCAG AA (4.5:1) on
// white and on their own tinted tags: Naive's #f0a020 gave 2.15:1 ("The expiry must lie in the future",
// the Watch's tags, the Offline state) and #d03050 4.0:1 on an error tag ("Access token refused"), as
// testers measured. #9c4f00 reads 5.95:1 on white and 4.85:1 on its 14 % tint; #b8243f 6.25:1 and 4.97:1.
// The dark theme's colours already pass and are left alone.
export const LIGHT_THEME_OVERRIDES: GlobalThemeOverrides = {
  common: {
    warningColor: '#9c4f00',
    warningColorHover: '#b05a00',
    warningColorPressed: '#834200',
    warningColorSuppl: '#b05a00',
    errorColor: '#b8243f',
    errorColorHover: '#c93a53',
    errorColorPressed: '#961b32',
    errorColorSuppl: '#c93a53',
  },
}
