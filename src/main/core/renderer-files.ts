import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

// Resolves request paths to files of the built renderer (out/renderer) and nothing else, for both hosts:
// the browser host's HTTP server and the Electron host's app:// scheme. The URL path is decoded once,
// refused if it still contains anything path-like that is not a plain segment, then resolved and checked
// to lie inside the root — also after following symlinks. Inside an Electron package the root lies in
// app.asar, which Electron's fs (also fs/promises' realpath, stat and readFile) reads like a folder.

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

export interface StaticFile {
  // Backed by a plain ArrayBuffer (as readFile gives it), so it can be a web Response body as it is.
  body: Buffer<ArrayBuffer>
  contentType: string
  isIndex: boolean
}

/** The decoded, validated segments of a URL path, or null when the path must not be served. */
export function safeSegments(pathname: string): string[] | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').filter((segment) => segment !== '')
  // `.` / `..` and dotfiles are never part of a build; refusing them also closes encoded traversal
  // (`/..%2fpackage.json` decodes to a `..` segment here).
  if (segments.some((segment) => segment.startsWith('.') || segment.includes(':'))) return null
  return segments
}

const isInside = (root: string, candidate: string): boolean =>
  candidate === root || candidate.startsWith(root + sep)

async function readInside(root: string, segments: string[]): Promise<Buffer<ArrayBuffer> | null> {
  const candidate = resolve(root, ...segments)
  if (!isInside(root, candidate)) return null
  try {
    const real = await realpath(candidate)
    if (!isInside(await realpath(root), real) || !(await stat(real)).isFile()) return null
    return await readFile(real)
  } catch {
    return null
  }
}

export interface FindOptions {
  /**
   * Whether `/` and a path without a file extension that names no file get index.html, as client-side
   * routes would (SPA fallback). A missing asset stays a 404 either way rather than HTML in disguise.
   */
  spaFallback: boolean
}

/** Finds the file for a request path, or null when there is none to serve. */
export async function findStaticFile(
  rootDir: string,
  pathname: string,
  options: FindOptions = { spaFallback: true },
): Promise<StaticFile | null> {
  const segments = safeSegments(pathname)
  if (!segments || (segments.length === 0 && !options.spaFallback)) return null
  const root = resolve(rootDir)
  const wanted = segments.length === 0 ? ['index.html'] : segments
  const body = await readInside(root, wanted)
  if (body) {
    const file = wanted.join('/')
    return { body, contentType: contentTypeFor(file), isIndex: file === 'index.html' }
  }
  if (!options.spaFallback || extname(segments.at(-1) ?? '') !== '') return null
  const index = await readInside(root, ['index.html'])
  return index ? { body: index, contentType: CONTENT_TYPES['.html']!, isIndex: true } : null
}
