/** Checked array access (the tree is written for noUncheckedIndexedAccess). */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range 0..${items.length - 1}`);
  return item;
}
