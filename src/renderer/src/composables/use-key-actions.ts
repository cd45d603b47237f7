import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import type { KeyBudget } from '@shared/contract/key-contract'
import type { OverlaidRow } from '@shared/domain/draft-overlay'
import type { ClientLinkTarget } from '@shared/domain/client-links'
import type { KeyCopyFormat } from '@shared/domain/key-copy-text'
import type { Token } from '@shared/domain/token'
import type { AppErrorData } from '@shared/result'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useErrorText } from './use-error-text'
import { useNow } from './use-now'

// Copying keys and opening them in other clients, for any list of rows (a table row, the selection, the
// editor's token). Main reveals the keys (within the server's small critical budget, which this shows)
// and, in the Electron host, writes the clipboard or opens the link itself; in the browser host its
// answer carries the text or link once and the page delivers it. The page never keeps a key: the text
// goes straight to the clipboard and is dropped.

/** A table row (with drafts), a token, or what the editor knows of one: only id and name are used. */
export type KeyRow = OverlaidRow | Pick<Token, 'id' | 'name'>

const tokenOf = (row: KeyRow): Pick<Token, 'id' | 'name'> => ('token' in row ? row.token : row)
/** Rows with a key on the server: a create not yet synced has none (negative placeholder id). */
const onServer = (row: KeyRow): boolean => !('creating' in row && row.creating) && tokenOf(row).id > 0

/** Opens a client's deep link from the page (browser host): a link click, which Chromium hands to the OS. */
function openFromPage(url: string): void {
  const link = document.createElement('a')
  link.href = url
  link.rel = 'noopener noreferrer'
  link.click()
}

export function useKeyActions(profileId: Ref<string>) {
  const api = useBridge()
  const { t } = useI18n()
  const message = useMessage()
  const errorText = useErrorText()
  const now = useNow(15_000)
  const budget = ref<KeyBudget | null>(null)
  const busy = ref(false)

  const budgetText = computed(() => {
    const current = budget.value
    if (!current) return t('keys.budgetUnknown')
    const left = t('keys.budget', { left: current.left, limit: current.limit })
    if (current.nextFreeAt === null || current.nextFreeAt <= now.value) return left
    const minutes = Math.max(1, Math.round((current.nextFreeAt - now.value) / 60_000))
    return `${left} · ${t('keys.budgetNext', { minutes })}`
  })

  async function refreshBudget(): Promise<void> {
    const result = await api.keys.budget({ profileId: profileId.value })
    if (result.ok) budget.value = result.value
  }

  function fail(titleKey: string, error: AppErrorData, params: Record<string, string> = {}): void {
    message.error(`${t(titleKey, params)} ${errorText.message(error)}`, { duration: 10_000 })
  }

  async function toClipboard(text: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      message.error(t('keys.clipboardFailed'))
      return false
    }
  }

  async function copy(rows: readonly KeyRow[], format: KeyCopyFormat): Promise<boolean> {
    const ids = rows.filter(onServer).map((row) => tokenOf(row).id)
    if (ids.length === 0) {
      message.warning(t('keys.notOnServer'))
      return false
    }
    busy.value = true
    const input = { profileId: profileId.value, tokenIds: ids, format }
    // The connection text's labels, in the window's language (main writes the text).
    const labels = { baseUrl: t('keys.connectionLabels.baseUrl'), apiKey: t('keys.connectionLabels.apiKey') }
    const result = await api.keys.copy(format === 'connection' ? { ...input, labels } : input)
    busy.value = false
    if (!result.ok) {
      fail('keys.failed', result.error)
      await refreshBudget()
      return false
    }
    const answer = result.value
    budget.value = answer.budget
    if (answer.count === 0) {
      message.warning(t('keys.noneFound'))
      return false
    }
    if (!answer.copied && (answer.text === null || !(await toClipboard(answer.text)))) return false
    if (format === 'json') message.success(t('keys.copiedJson'))
    else if (format === 'connection') message.success(t('keys.copiedConnection'))
    else if (format === 'names') message.success(t('keys.copiedNames', { count: answer.count }))
    else if (answer.count === 1) message.success(t('keys.copiedOne'))
    else message.success(t('keys.copiedMany', { count: answer.count }))
    if (answer.missing.length > 0) message.warning(t('keys.missing', { count: answer.missing.length }))
    return true
  }

  /** The keys alone, one per line, or (`names`) each with its token's name before it. */
  const copyKeys = (rows: readonly KeyRow[], format: 'keys' | 'names' = 'keys') => copy(rows, format)
  const copyConnection = (rows: readonly KeyRow[], format: 'connection' | 'json') => copy(rows, format)

  async function openIn(row: KeyRow, target: ClientLinkTarget): Promise<boolean> {
    const client = t(`keys.targets.${target}`)
    if (!onServer(row)) {
      message.warning(t('keys.notOnServer'))
      return false
    }
    busy.value = true
    const result = await api.keys.open({ profileId: profileId.value, tokenId: tokenOf(row).id, target })
    busy.value = false
    if (!result.ok) {
      fail('keys.openFailed', result.error, { client })
      await refreshBudget()
      return false
    }
    budget.value = result.value.budget
    if (!result.value.opened && result.value.url) openFromPage(result.value.url)
    message.info(t('keys.opening', { client }))
    return true
  }

  return { budget, budgetText, busy, refreshBudget, copyKeys, copyConnection, openIn, onServer }
}
