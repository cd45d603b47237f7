import { computed, ref, shallowRef, toRaw, watch, type Ref } from 'vue'
import type { SaveOutcome } from '@shared/contract/draft-contract'
import { type DraftBase, type DraftState, type DraftView } from '@shared/domain/draft'
import { draftBaseOf } from '@shared/domain/draft-base'
import { applyDraft, overlayToken } from '@shared/domain/draft-overlay'
import type { ServerFacts } from '@shared/domain/server-facts'
import type { AppErrorData, Result } from '@shared/result'
import {
  createFields,
  displayAmount,
  formEdit,
  formFromToken,
  isEmptyFormEdit,
  NEW_TOKEN_BASE,
  type FormContext,
  type TokenForm,
} from '@renderer/lib/token-form'
import { useDraftsStore } from '@renderer/stores/drafts'
import { useTokensStore } from '@renderer/stores/tokens'

// One editing session of the token editor, bound to a draft: the form opens on the token as the user saw
// it with the draft's changes on top, and every change the user makes is kept in main's outbox shortly
// after it is typed — so closing the editor, switching servers, reloading or quitting loses nothing, and
// reopening the token brings the input back. Saving turns the same draft into one that is sent (or
// queued); discarding removes it.
//
// When the draft leaves the session's hands — it is being sent, went out, was discarded elsewhere, or is
// locked because an attempt may have reached the server — the session starts over on the token as the
// server will then hold it, keeping what is in the form: a further change becomes the next draft. The
// session learns of it from the drafts store, or from main refusing to continue the draft (whichever
// comes first: events and answers may arrive in either order). What went out is never sent twice: the
// form as main last kept it becomes the new baseline, so only what was typed since counts as an edit.

/** What the editor edits: a token of a server (with its draft, if any), or a new token. */
export interface EditorTarget {
  profileId: string
  /** The token as the user sees it, other drafts applied; null for a new token. */
  base: DraftBase | null
  /** The draft this session continues (a held or failed edit, a kept create). */
  draft: DraftView | null
}

/** How long typing may pause before the input is kept in main. */
const KEEP_AFTER_MS = 300

export function useEditorSession(facts: Ref<ServerFacts>) {
  const drafts = useDraftsStore()
  const tokens = useTokensStore()
  const target = shallowRef<EditorTarget | null>(null)
  const form = ref<TokenForm | null>(null)
  const draftId = ref<string | null>(null)
  /** Set when the create this session edited went out: the token exists now. */
  const created = ref(false)
  /** Reactive, so the watch below looks again once a commit is over. */
  const committing = ref(false)
  let draftState: DraftState | null = null
  let context: FormContext | null = null
  /** The form the session compares with to tell whether the user typed anything (JSON). */
  const initial = ref('')
  /**
   * `initial` is what the server holds (or, for a new token, an untouched form), with no draft of the
   * session's own behind it: input brought back to it leaves nothing to keep.
   */
  let initialWithoutDraft = true
  /** The form as main last kept it in the session's draft (JSON); null without a draft. */
  let keptForm: string | null = null
  /** The session's draft once the drafts store has shown it (see the watch below). */
  let mirroredId: string | null = null
  /** Whether the form changed since it was last saved by the user's own action (or opened). */
  let typedSinceCommit = false
  /** The last keep failed: closing must not claim the input was kept. */
  let keepFailed: AppErrorData | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let keeping: Promise<unknown> = Promise.resolve()

  function startOn(base: DraftBase | null, draft: DraftView | null, keepForm: boolean): void {
    const shownOn = base ?? { ...NEW_TOKEN_BASE, id: 0 }
    const shown = draft ? applyDraft(shownOn, draft) : shownOn
    const opened = formFromToken(shown, facts.value)
    // A kept "add Y" reopens as such, the amount shown without it; a new token starts in the group
    // the server gives new tokens.
    if (draft?.quota?.mode === 'add') {
      opened.quotaMode = 'add'
      opened.delta = displayAmount(draft.quota.delta, facts.value)
      opened.amount = displayAmount(shownOn.remain_quota, facts.value)
    }
    if (!base && !draft && facts.value.defaultUseAutoGroup) opened.group = 'auto'
    if (draft?.quantity) opened.quantity = draft.quantity
    if (!keepForm || !form.value) form.value = opened
    context = {
      base: shownOn,
      facts: facts.value,
      nowSeconds: Math.floor(Date.now() / 1000),
      shownAmount: opened.amount,
      shownQuota: draft?.quota ?? null,
    }
    draftId.value = draft?.id ?? null
    draftState = draft?.state ?? null
    keptForm = draft ? JSON.stringify(opened) : null
    mirroredId = null
    initial.value = JSON.stringify(opened)
    initialWithoutDraft = draft === null
  }

  function open(opened: EditorTarget): void {
    // Plain copies: the target comes from reactive stores, and its parts travel to main as they are.
    const next: EditorTarget = {
      profileId: opened.profileId,
      base: opened.base && structuredClone(toRaw(opened.base)),
      draft: opened.draft && structuredClone(toRaw(opened.draft)),
    }
    target.value = next
    created.value = false
    typedSinceCommit = false
    keepFailed = null
    startOn(next.base, next.draft, false)
  }

  /** The context for checking the form now (the clock moves on while the editor is open). */
  function contextNow(): FormContext | null {
    return context && { ...context, nowSeconds: Math.floor(Date.now() / 1000) }
  }

  const isCreate = (): boolean => target.value !== null && target.value.base === null

  /**
   * The names numbered names of a batch continue after, as main numbers them when it queues the batch:
   * the server's tokens' and those the outbox's other creates will give.
   */
  function existingNames(): string[] {
    const session = target.value
    if (!session || tokens.profileId !== session.profileId) return []
    const creates = drafts.mirroring === session.profileId ? drafts.drafts : []
    return [
      ...tokens.tokens.map((token) => token.name),
      ...creates.flatMap((d) =>
        d.kind === 'create' && d.id !== draftId.value ? [d.changes.name ?? ''] : [],
      ),
    ]
  }
  const touched = (): boolean => form.value !== null && JSON.stringify(form.value) !== initial.value
  /** Something "Discard changes" would drop: a kept draft, or input since the editor opened or saved. */
  const discardable = computed(() => draftId.value !== null || touched())

  /** The token as the server will hold it once the drafts in the store went out; null if unknown here. */
  function shownRow(session: EditorTarget): DraftBase | null {
    if (!session.base || tokens.profileId !== session.profileId) return null
    const row = tokens.tokens.find((token) => token.id === session.base?.id)
    return row ? draftBaseOf(overlayToken(row, drafts.ofToken(row.id)).token) : null
  }

  /**
   * The session's draft left its hands (see the header). An update starts over: on the token as it will
   * be, the form kept, the form main last kept as the baseline (so what went out is not sent again, and
   * its amount is not an edit). A create cannot be continued: its token is being made. Returns whether
   * the session can go on with a draft of its own.
   */
  function draftLeft(gone: boolean): boolean {
    const session = target.value
    if (!session || !form.value) return false
    if (session.base === null) {
      if (gone) created.value = true
      return false
    }
    const base = shownRow(session) ?? session.base
    const baseline = keptForm ?? JSON.stringify(form.value)
    session.base = base
    context = {
      base,
      facts: facts.value,
      nowSeconds: Math.floor(Date.now() / 1000),
      shownAmount: (JSON.parse(baseline) as TokenForm).amount,
      shownQuota: null,
    }
    draftId.value = null
    draftState = null
    keptForm = null
    mirroredId = null
    initial.value = baseline
    initialWithoutDraft = true
    return true
  }

  /** Sends the form as it is now to main in `mode`; remembers the draft main keeps it in. */
  async function sendOnce(session: EditorTarget, mode: 'hold' | 'queue' | 'now') {
    const values = form.value
    const ctx = contextNow()
    if (!values || !ctx) return null
    const snapshot = JSON.stringify(values)
    const continuing = draftId.value
    let result: Result<SaveOutcome>
    if (session.base === null) {
      // Several tokens are one draft: main numbers and splits it when it is queued, so a kept draft
      // keeps its quantity and its numbers continue after the names the server holds by then.
      const { fields, remainQuota } = createFields(values, ctx.facts)
      result = await drafts.create({
        profileId: session.profileId,
        draftId: continuing,
        fields,
        remainQuota,
        quantity: values.quantity,
        mode,
      })
    } else {
      const edit = formEdit(values, ctx)
      if (isEmptyFormEdit(edit) && continuing === null && mode !== 'now') return null
      result = await drafts.save({
        profileId: session.profileId,
        draftId: continuing,
        tokenId: session.base.id,
        base: ctx.base as DraftBase,
        changes: edit.changes,
        quota: edit.quota,
        wantStatus: edit.wantStatus,
        mode,
      })
    }
    // Still the same session: remember which draft holds it (gone once synced or emptied).
    if (target.value === session && result.ok) {
      draftId.value = result.value.draft?.id ?? null
      draftState = result.value.draft?.state ?? null
      keptForm = result.value.draft ? snapshot : null
    }
    return { result, continuing }
  }

  /**
   * Sends the form to main in `mode`, after any keep still on its way. The form and its context are read
   * when the send runs, together with the draft it continues, so a restart in between cannot pair one
   * draft's base with another's id.
   */
  function send(mode: 'hold' | 'queue' | 'now'): Promise<Result<SaveOutcome> | null> | null {
    const session = target.value
    if (!session) return null
    const run = keeping.then(async () => {
      if (target.value !== session) return null
      let sent = await sendOnce(session, mode)
      // Main would not continue the draft: it went out, was discarded, or is being sent. Start over and
      // make this input the next draft (once: a second refusal is an answer for the user).
      const refusal = sent && !sent.result.ok ? sent.result.error.code : null
      const refused = refusal === 'not-found' || refusal === 'conflict'
      if (sent?.continuing && refused && target.value === session && draftLeft(refusal === 'not-found')) {
        sent = await sendOnce(session, mode)
      }
      const result = sent?.result ?? null
      if (target.value === session) keepFailed = result && !result.ok ? result.error : null
      return result
    })
    keeping = run.catch(() => undefined)
    return run
  }

  /** The form differs from what main keeps for the session (its draft, or the form it opened with). */
  const unkept = (): boolean =>
    form.value !== null && JSON.stringify(form.value) !== (keptForm ?? initial.value)

  /**
   * Keeps what was typed so far (debounced while typing; at once on close). A queued draft stays queued.
   * Input brought back to what the server holds drops the draft the session made for it: a draft left
   * behind would later send the change the user took back.
   */
  function keepNow(): Promise<unknown> {
    if (timer) clearTimeout(timer)
    timer = null
    if (!unkept()) return keeping
    const own = draftId.value
    if (!touched() && initialWithoutDraft && own) {
      // Let go of the draft before asking main to drop it: its removal (which main announces before it
      // answers) is then the session's own doing, not the draft leaving its hands — for a new token
      // that read as "created" and closed the editor.
      const kept = { state: draftState, form: keptForm }
      draftId.value = null
      draftState = null
      keptForm = null
      const session = target.value
      keeping = keeping
        .then(async () => {
          const result = await drafts.discard(own)
          // Not dropped (it is being sent, say): the session holds it again.
          if (!result.ok && target.value === session && draftId.value === null) {
            draftId.value = own
            draftState = kept.state
            keptForm = kept.form
          }
        })
        .catch(() => undefined)
      return keeping
    }
    return send(draftState === 'pending' ? 'queue' : 'hold') ?? keeping
  }

  watch(
    form,
    () => {
      if (!unkept()) return
      typedSinceCommit = true
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => void keepNow(), KEEP_AFTER_MS)
    },
    { deep: true },
  )

  // The session's draft left its hands (see the header), as the drafts store shows it.
  watch(
    () => {
      const id = draftId.value
      // Only the mirror of the session's own server can tell: during a server switch it shows another.
      if (!id || committing.value || drafts.mirroring !== target.value?.profileId) return null
      const draft = drafts.drafts.find((candidate) => candidate.id === id)
      // A draft the mirror has not shown yet is not gone: it has not arrived yet.
      if (draft) mirroredId = id
      else if (mirroredId !== id) return null
      return draft ? (draft.state === 'syncing' || draft.locked ? 'busy' : null) : 'gone'
    },
    (left) => {
      if (left) draftLeft(left === 'gone')
    },
  )

  // With nothing typed and no draft, the editor follows its token as it changes: e.g. the row a sent
  // draft produced, which arrives just after the draft's removal, or someone else's edit.
  watch(
    () => {
      const session = target.value
      const row = session && draftId.value === null ? shownRow(session) : null
      return row && JSON.stringify(row)
    },
    (shown) => {
      const session = target.value
      if (!shown || !session?.base || draftId.value !== null || touched()) return
      if (shown === JSON.stringify(session.base)) return
      const row = JSON.parse(shown) as DraftBase
      session.base = row
      startOn(row, null, false)
    },
  )

  /**
   * Ends the session after keeping its input. Says whether input the user typed was kept as a draft, or
   * why it could not be (the caller tells the user: it is the one case where input is not kept).
   */
  async function close(): Promise<{ kept: boolean; failure: AppErrorData | null }> {
    await keepNow()
    const failure = typedSinceCommit ? keepFailed : null
    const kept = typedSinceCommit && !failure && draftId.value !== null
    target.value = null
    form.value = null
    draftId.value = null
    context = null
    return { kept, failure }
  }

  async function discard(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = null
    await keeping
    // Let go of the draft before asking main to drop it (as keepNow does): its removal is then the
    // session's own doing, not the draft leaving its hands — for a new token that read as "created",
    // and the editor closing on it said the input was kept as a draft.
    const own = draftId.value
    draftId.value = null
    keptForm = null
    initial.value = form.value ? JSON.stringify(form.value) : ''
    initialWithoutDraft = true
    typedSinceCommit = false
    if (own) await drafts.discard(own)
  }

  /** Sends the form now (Save) or keeps it (Save as draft); the timer's pending keep is folded in. */
  async function commit(mode: 'hold' | 'now'): Promise<Result<SaveOutcome> | null> {
    if (timer) clearTimeout(timer)
    timer = null
    committing.value = true
    try {
      const result = await send(mode)
      if (form.value) initial.value = JSON.stringify(form.value)
      initialWithoutDraft = draftId.value === null
      typedSinceCommit = false
      return result
    } finally {
      committing.value = false
    }
  }

  return {
    target,
    form,
    draftId,
    created,
    open,
    close,
    discard,
    commit,
    contextNow,
    isCreate,
    touched,
    discardable,
    existingNames,
  }
}
