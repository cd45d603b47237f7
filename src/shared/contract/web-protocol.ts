// What the browser host and its page agree on beyond the contract itself.

/**
 * On every call's answer: the number of the last event emitted before it. The page's transport holds the
 * answer until its event stream (whose messages carry these numbers as SSE ids) has delivered that one,
 * so answers never overtake the events they caused — as over IPC, where both share one ordered pipe.
 */
export const EVENT_SEQ_HEADER = 'X-TokenDesk-Events'

/**
 * The page's performance mark for the first answer of a channel or the first message of an event, taken
 * when it has been read (only the first of each: the timeline keeps every mark for the page's lifetime).
 * The UI benchmark times "the first page's data → its rows on screen" from them.
 */
export const arrivalMark = (kind: 'answer' | 'event', name: string): string => `tokendesk:${kind}:${name}`
