/** Whether some string in `sorted` (ascending, by code unit) starts with `prefix`: a binary search for the first string not below it. */
export function hasPrefix(sorted: readonly string[], prefix: string): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < prefix) low = middle + 1;
    else high = middle;
  }
  return low < sorted.length && sorted[low].startsWith(prefix);
}
