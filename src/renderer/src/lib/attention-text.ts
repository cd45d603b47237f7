import type { Attention } from '@shared/contract/watch-contract'

// What an attention call (main's `app.attention`) says to the user, from the catalogues: a title naming
// the server and a body naming the tokens (the first few, then "and N more").

/** vue-i18n's `t`: the third argument picks the plural form ("1 token" / "2 tokens"). */
type Translate = (key: string, values?: Record<string, unknown>, plural?: number) => string

export interface AttentionText {
  title: string
  body: string
}

export function attentionText(attention: Attention, t: Translate): AttentionText {
  const named = attention.tokens.map((token) => {
    const name = token.name || t('attention.unnamed')
    if (attention.kind !== 'watch' || !('reasons' in token)) return name
    const reasons = token.reasons.map((reason) => t(`watch.reasons.${reason}`))
    return t('attention.withReasons', { name, reasons: reasons.join(t('attention.watchReasonsJoin')) })
  })
  // Each language's own list punctuation: "a, b" / "a；b".
  const listed = named.join(t('attention.namesJoin'))
  const rest = attention.count - named.length
  const names = rest > 0 ? t('attention.more', { names: listed, count: rest }, rest) : listed
  const server = attention.serverName
  switch (attention.kind) {
    case 'watch':
      return {
        title: t('attention.watchTitle', { count: attention.count, server }, attention.count),
        body: names,
      }
    case 'sync-failed':
      return {
        title: t('attention.syncFailedTitle', { server }),
        body: t('attention.syncFailedBody', { count: attention.count, names }, attention.count),
      }
    case 'needs-decision':
      return {
        title: t('attention.decisionTitle', { server }),
        body: t('attention.decisionBody', { count: attention.count, names }, attention.count),
      }
  }
}
