// Driving a Naive UI select the way a user does, for component tests: open it, read its options, type
// into its search box and press Enter (which picks the highlighted option, or adds what was typed).

export function openSelect(input: HTMLElement): void {
  input.closest<HTMLElement>('.n-base-selection')?.click()
}

/** The texts of the options the open menu shows. */
export function optionTexts(): string[] {
  return [...document.querySelectorAll('.n-base-select-option')].map((option) => option.textContent ?? '')
}

export function pressEnter(input: HTMLElement): void {
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }))
}

/** The option whose text starts with `text`, clicked. */
export function clickOption(text: string): void {
  const option = [...document.querySelectorAll<HTMLElement>('.n-base-select-option')].find((candidate) =>
    candidate.textContent?.startsWith(text),
  )
  if (!option) throw new Error(`no option "${text}"`)
  option.click()
}
