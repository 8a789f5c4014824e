/**
 * "Kommunstyrelsen" is written "kommunstyrelsen" mid-sentence (a common noun in definite form);
 * names that begin with a place ("Södermalms stadsdelsnämnd") keep their capital.
 */
export function inRunningText(name: string): string {
  return /^\p{Lu}\p{Ll}+(en|et)$/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}
