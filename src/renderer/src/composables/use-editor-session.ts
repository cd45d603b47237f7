import { ref, shallowRef, toRaw, watch, type Ref } from 'vue'
import type { SaveOutcome } from '@shared/contract/draft-contract'
import { applyDraft } from '@shared/domain/draft-overlay'
import type { DraftBase, DraftView } from '@shared/domain/draft'
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

// One editing session of the token editor, bound to a draft: the form opens on the token as the user saw
// it with the draft's changes on top, and every change the user makes is kept in main's outbox as a held
// draft shortly after it is typed — so closing the editor, switching servers, reloading or quitting
// loses nothing, and reopening the token brings the input back. Saving turns the same draft into one
// that is sent (or queued); discarding removes it.

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
  const target = shallowRef<EditorTarget | null>(null)
  const form = ref<TokenForm | null>(null)
  const draftId = ref<string | null>(null)
  let context: FormContext | null = null
  let initial = ''
  let timer: ReturnType<typeof setTimeout> | null = null
  let keeping: Promise<unknown> = Promise.resolve()

  function open(opened: EditorTarget): void {
    // Plain copies: the target comes from reactive stores, and its parts travel to main as they are.
    const next: EditorTarget = {
      profileId: opened.profileId,
      base: opened.base && structuredClone(toRaw(opened.base)),
      draft: opened.draft && structuredClone(toRaw(opened.draft)),
    }
    target.value = next
    draftId.value = next.draft?.id ?? null
    const base = next.base ?? { ...NEW_TOKEN_BASE, id: 0 }
    const shown = next.draft ? applyDraft(base, next.draft) : base
    form.value = formFromToken(shown, facts.value)
    context = {
      base,
      facts: facts.value,
      nowSeconds: Math.floor(Date.now() / 1000),
      shownAmount: form.value.amount,
      shownQuota: next.draft?.quota ?? null,
    }
    initial = JSON.stringify(form.value)
  }

  /** The context for checking the form now (the clock moves on while the editor is open). */
  function contextNow(): FormContext | null {
    return context && { ...context, nowSeconds: Math.floor(Date.now() / 1000) }
  }

  const isCreate = (): boolean => target.value !== null && target.value.base === null
  const touched = (): boolean => form.value !== null && JSON.stringify(form.value) !== initial

  /** Sends the form to main in `mode`; remembers the draft main keeps it in. */
  function send(mode: 'hold' | 'queue' | 'now'): Promise<Result<SaveOutcome>> | null {
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
        if (isEmptyFormEdit(edit) && draftId.value === null && mode === 'hold') return null
        result = await drafts.save({
          profileId: session.profileId,
          draftId: draftId.value,
          tokenId: session.base.id,
          base: session.base,
          changes: edit.changes,
          quota: edit.quota,
          wantStatus: edit.wantStatus,
          mode,
        })
      }
      // Still the same session: remember which draft holds it (gone once synced or emptied).
      if (target.value === session && result.ok) draftId.value = result.value.draft?.id ?? null
      return result
    })
    keeping = run.catch(() => undefined)
    return run as Promise<Result<SaveOutcome>>
  }

  /** Keeps what was typed so far (debounced while typing; at once on close). */
  function keepNow(): Promise<unknown> {
    if (timer) clearTimeout(timer)
    timer = null
    if (!touched()) return keeping
    return send('hold') ?? keeping
  }

  watch(
    form,
    () => {
      if (!touched()) return
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => void keepNow(), KEEP_AFTER_MS)
    },
    { deep: true },
  )

  /** Ends the session after keeping its input; returns whether a draft now holds it. */
  async function close(): Promise<boolean> {
    await keepNow()
    const kept = draftId.value !== null
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
  }

  /** Sends the form now (Save) or keeps it queued/held; the timer's pending keep is folded in. */
  function commit(mode: 'hold' | 'now'): Promise<Result<SaveOutcome>> | null {
    if (timer) clearTimeout(timer)
    timer = null
    const result = send(mode)
    if (result) initial = form.value ? JSON.stringify(form.value) : ''
    return result
  }

  return { target, form, draftId, open, close, discard, commit, contextNow, isCreate, touched, keepNow }
}
