// One benchmark figure per line, in the format the project's tooling reads.
export function report(
  id: string,
  value: number,
  unit: string,
  goal: { op: '<' | '<=' | '>=' | '=='; value: number },
): boolean {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2)
  console.log(`bench ${id}: ${shown} ${unit} (goal ${goal.op} ${goal.value})`)
  if (goal.op === '<') return value < goal.value
  if (goal.op === '<=') return value <= goal.value
  if (goal.op === '>=') return value >= goal.value
  return value === goal.value
}
