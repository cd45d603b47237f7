import { ref, watch, type Ref } from 'vue'
import type { TokenUsage, UsageRange } from '@shared/domain/token-usage'
import type { AppErrorData } from '@shared/result'
import { useBridge } from '@renderer/bridge/use-bridge'

// The usage view's state for the token the editor shows: the range picked, the answer main gave for it,
// and whether it is being read. Main keeps answers for a minute, so switching ranges back and forth or
// reopening the editor asks it again freely; "refresh" asks it to read the server again (the token too). An answer that
// arrives after the user moved on (another range, another token) is dropped.

/**
 * Whether the usage section is open. Closed at first: reading a busy token's log costs up to 11 of the
 * server's requests, which an editor opened only to rename a token should not spend. Once opened it stays
 * open for the next tokens, as long as the app runs.
 */
export const usageExpanded = ref(false)

export interface UsageSubject {
  profileId: string
  tokenId: number
  /** The name the server's log files the token's calls under. */
  tokenName: string
}

export function useTokenUsage(subject: Readonly<Ref<UsageSubject | null>>) {
  const api = useBridge()
  const range = ref<UsageRange>('24h')
  const usage = ref<TokenUsage | null>(null)
  const error = ref<AppErrorData | null>(null)
  const loading = ref(false)
  let seq = 0

  async function load(fresh = false): Promise<void> {
    const target = subject.value
    const ask = ++seq
    if (!target) {
      usage.value = null
      loading.value = false
      return
    }
    loading.value = true
    error.value = null
    const result = await api.usage.token({ ...target, range: range.value, ...(fresh ? { fresh } : {}) })
    if (ask !== seq) return
    loading.value = false
    if (result.ok) usage.value = result.value
    else {
      usage.value = null
      error.value = result.error
    }
  }

  // Each part watched on its own: the subject is recomputed whenever the listed row changes (a busy
  // token's quota moves all the time), which must not read the usage again.
  watch(
    [() => subject.value?.profileId, () => subject.value?.tokenId, () => subject.value?.tokenName, range],
    () => void load(),
    { immediate: true },
  )

  /**
   * Reads the log again, and the token itself: the calls the log shows have used quota, and the table's
   * row (main announces the token read) should not go on showing what was left before them. One request,
   * asked for by the user; its failure is the usage's to tell.
   */
  function refresh(): Promise<void> {
    const target = subject.value
    if (target) void api.tokens.get({ profileId: target.profileId, id: target.tokenId })
    return load(true)
  }

  return { range, usage, error, loading, refresh }
}
