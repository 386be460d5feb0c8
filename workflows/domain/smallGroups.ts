/**
 * Minimum group size with complementary suppression, for figures about people that must not single anyone out
 * (exit reasons here; the same rule as the 90-day survey's: results only for groups of at least five).
 *
 * Primary suppression hides every group under the minimum. That alone is not enough: where a total is known
 * (the organisation's, a cohort's, a team's), the one hidden group in it is the total minus the shown ones.
 * So within every block of every margin the hidden groups are none, or at least two that together hold at least
 * the minimum, or the whole block — hiding the smallest shown groups until that holds.
 */

export const MINIMUM_GROUP_SIZE = 5;

export interface CountedGroup {
  /** How many people the group's figures are about. */
  readonly size: number;
}

/** A way of adding groups up into totals that someone may see: a group's block in that margin. */
export type Margin<G> = (group: G) => string;

/** The whole organisation: the one total every view can show. */
export const WHOLE: Margin<unknown> = () => '';

/** Which groups must be hidden (true) so no hidden figure can be derived from the margins' totals. */
export function suppressedGroups<G extends CountedGroup>(
  groups: readonly G[],
  margins: readonly Margin<G>[] = [WHOLE],
  minimum: number = MINIMUM_GROUP_SIZE,
): boolean[] {
  const hidden = groups.map((group) => group.size < minimum);
  const blocks = margins.map((margin) => {
    const byKey = new Map<string, number[]>();
    groups.forEach((group, index) => {
      const key = margin(group);
      byKey.set(key, [...(byKey.get(key) ?? []), index]);
    });
    return [...byKey.values()];
  });
  // Hiding only ever grows, so this ends; every pass fixes each block that still gives a hidden figure away.
  for (let changed = true; changed; ) {
    changed = false;
    for (const block of blocks.flat()) {
      const hiddenHere = block.filter((index) => hidden[index]);
      if (hiddenHere.length === 0 || hiddenHere.length === block.length) continue;
      const hiddenSize = hiddenHere.reduce((sum, index) => sum + groups[index]!.size, 0);
      if (hiddenHere.length >= 2 && hiddenSize >= minimum) continue;
      const smallestShown = block
        .filter((index) => !hidden[index])
        .sort((a, b) => groups[a]!.size - groups[b]!.size || a - b)[0]!;
      hidden[smallestShown] = true;
      changed = true;
    }
  }
  return hidden;
}
