// new-api's default global limit (since 2026-06-10): what a server without its own setting is paced to.
// Apart from the profile schema so that the first screen (the header's "waiting for the request limit")
// can name it without loading zod.

export const DEFAULT_PACING: { requests: number; windowSeconds: number } = {
  requests: 360,
  windowSeconds: 180,
}
