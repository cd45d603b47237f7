import type enUS from './en-US'

// The shape every catalogue has: English's keys, each a message. Its own file because the catalogues
// themselves are nothing but `export default {…}` (see en-US.ts).
export type MessageSchema = typeof enUS
