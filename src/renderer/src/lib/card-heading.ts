// Naive's card makes its whole header a heading with the title's own heading inside it, so a screen
// reader read a dialog's title as "Change 3 tokens Close" (its Close button is in the header too), and
// the title twice over. The title keeps its heading; the header around it, and what sits beside the
// title, are none. Naive writes only the header's class and style again, so this stays.

/** Gives the card around `inside` (or `inside` itself, a card) one heading: its title. */
export function oneCardHeading(inside: Element | null | undefined): void {
  const card = inside?.closest('.n-card')
  card?.querySelector(':scope > .n-card-header[role="heading"]')?.setAttribute('role', 'none')
}
