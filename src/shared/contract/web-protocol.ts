// What the browser host and its page agree on beyond the contract itself.

/**
 * On every call's answer: the number of the last event emitted before it. The page's transport holds the
 * answer until its event stream (whose messages carry these numbers as SSE ids) has delivered that one,
 * so answers never overtake the events they caused — as over IPC, where both share one ordered pipe.
 */
export const EVENT_SEQ_HEADER = 'X-TokenDesk-Events'
