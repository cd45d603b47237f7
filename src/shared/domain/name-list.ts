// Model whitelists and token groups are comma-separated names without spaces (the server does not trim).

export function splitNameList(text: string): string[] {
  return text
    .split(/[,，\n]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}

export function normalizeNameList(text: string): string {
  return [...new Set(splitNameList(text))].join(',')
}

export function namesWithSpaces(text: string): string[] {
  return splitNameList(text).filter((name) => /\s/.test(name))
}
