/** Theirs beside mine, field by field, for a stale save (partials/conflict.hbs). */
export function conflictRows(
  fields: Array<{ name: string; label: string; display?: (value: unknown) => string }>,
  theirs: Record<string, unknown>,
  mine: Record<string, unknown>,
): Array<{ label: string; theirs: string; mine: string; changed: boolean }> {
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  return fields.map(({ name, label, display }) => {
    const shown = (value: unknown) => (display ? display(value) : text(value)) || '–';
    return { label, theirs: shown(theirs[name]), mine: shown(mine[name]), changed: text(theirs[name]) !== text(mine[name]) };
  });
}
