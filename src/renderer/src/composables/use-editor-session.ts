import { ref, shallowRef, toRaw, watch, type Ref } from 'vue'
import type { SaveOutcome } from '@shared/contract/draft-contract'
import { draftBaseOf, type DraftBase, type DraftState, type DraftView } from '@shared/domain/draft'
import { applyDraft, overlayToken } from '@shared/domain/draft-overlay'
import type { ServerFacts } from '@shared/domain/server-facts'
import type { Result } from '@shared/result'
import {
  createFields,
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
// When the draft leaves the session's hands — it is being sent, went out, or is locked because an attempt
// may have reached the server — the session starts over on the token as the server will then hold it,
// keeping what is in the form: a further change becomes the next draft, built on the right base.

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
  let draftState: DraftState | null = null
  let context: FormContext | null = null
  let initial = ''
  /** Whether the form changed since it was last saved by the user's own action (or opened). */
  let typedSinceCommit = false
  let committing = false
  /** The session's draft once the drafts store has shown it (see the watch below). */
  let mirroredId: string | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let keeping: Promise<unknown> = Promise.resolve()

  function startOn(base: DraftBase | null, draft: DraftView | null, keepForm: boolean): void {
    const shownOn = base ?? { ...NEW_TOKEN_BASE, id: 0 }
    const shown = draft ? applyDraft(shownOn, draft) : shownOn
    const opened = formFromToken(shown, facts.value)
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
    initial = JSON.stringify(opened)
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
    startOn(next.base, next.draft, false)
  }

  /** The context for checking the form now (the clock moves on while the editor is open). */
  function contextNow(): FormContext | null {
    return context && { ...context, nowSeconds: Math.floor(Date.now() / 1000) }
  }

  const isCreate = (): boolean => target.value !== null && target.value.base === null
  const touched = (): boolean => form.value !== null && JSON.stringify(form.value) !== initial

  /** Sends the form to main in `mode`; remembers the draft main keeps it in. */
  function send(mode: 'hold' | 'queue' | 'now'): Promise<Result<SaveOutcome> | null> | null {
    const session = target.value
    const values = form.value
    const ctx = contextNow()
    if (!session || !values || !ctx) return null
    const run = keeping.then(async () => {
      let result: Result<SaveOutcome>
      if (session.base === null) {
        const { fields, remainQuota } = createFields(values, ctx.facts)
        result = await drafts.create({
          profileId: session.profileId,
          draftId: draftId.value,
          fields,
          remainQuota,
          mode,
        })
      } else {
        const edit = formEdit(values, ctx)
        if (isEmptyFormEdit(edit) && draftId.value === null && mode !== 'now') return null
        result = await drafts.save({
          profileId: session.profileId,
          draftId: draftId.value,
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
      }
      return result
    })
    keeping = run.catch(() => undefined)
    return run
  }

  /** Keeps what was typed so far (debounced while typing; at once on close). A queued draft stays queued. */
  function keepNow(): Promise<unknown> {
    if (timer) clearTimeout(timer)
    timer = null
    if (!touched()) return keeping
    return send(draftState === 'pending' ? 'queue' : 'hold') ?? keeping
  }

  watch(
    form,
    () => {
      if (!touched()) return
      typedSinceCommit = true
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => void keepNow(), KEEP_AFTER_MS)
    },
    { deep: true },
  )

  // The session's draft left its hands (see the header): start over on what the server will hold.
  watch(
    () => {
      const id = draftId.value
      // Only the mirror of the session's own server can tell: during a server switch it shows another.
      if (!id || committing || drafts.mirroring !== target.value?.profileId) return null
      const draft = drafts.drafts.find((candidate) => candidate.id === id)
      // A draft the mirror has not shown yet is not gone: it has not arrived (transports are ordered so
      // that it has, but the session does not build on that).
      if (draft) mirroredId = id
      else if (mirroredId !== id) return null
      return draft ? (draft.state === 'syncing' || draft.locked ? 'busy' : null) : 'gone'
    },
    (left) => {
      const session = target.value
      if (!left || !session) return
      if (session.base === null) {
        // A create that went out: the token exists; this editor's job is done.
        if (left === 'gone') created.value = true
        return
      }
      const row = tokens.tokens.find((token) => token.id === session.base?.id)
      const base = row ? draftBaseOf(overlayToken(row, drafts.ofToken(row.id)).token) : session.base
      startOn(base, null, true)
      session.base = base
    },
  )

  /** Ends the session after keeping its input; returns whether closing kept input the user typed. */
  async function close(): Promise<boolean> {
    await keepNow()
    const kept = typedSinceCommit && draftId.value !== null
    target.value = null
    form.value = null
    draftId.value = null
    context = null
    return kept
  }

  async function discard(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = null
    await keeping
    if (draftId.value) await drafts.discard(draftId.value)
    draftId.value = null
    initial = form.value ? JSON.stringify(form.value) : ''
    typedSinceCommit = false
  }

  /** Sends the form now (Save) or keeps it (Save as draft); the timer's pending keep is folded in. */
  async function commit(mode: 'hold' | 'now'): Promise<Result<SaveOutcome> | null> {
    if (timer) clearTimeout(timer)
    timer = null
    committing = true
    try {
      const result = await send(mode)
      if (form.value) initial = JSON.stringify(form.value)
      typedSinceCommit = false
      return result
    } finally {
      committing = false
    }
  }

  return { target, form, draftId, created, open, close, discard, commit, contextNow, isCreate, touched }
}
