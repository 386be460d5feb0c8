import fc from 'fast-check';
import { MINIMUM_GROUP_SIZE, type Margin, WHOLE, suppressedGroups } from './smallGroups';

interface Cell {
  readonly cohort: string;
  readonly team: string;
  readonly size: number;
}

const byCohort: Margin<Cell> = (cell) => cell.cohort;
const byTeam: Margin<Cell> = (cell) => cell.team;

describe('minimum group size with complementary suppression', () => {
  it('hides a small group, and the smallest other one when the total would give it away', () => {
    const cells = [{ size: 3 }, { size: 12 }, { size: 7 }, { size: 9 }];
    expect(suppressedGroups(cells)).toEqual([true, false, true, false]);
  });

  it('hides more when the hidden ones together stay under the minimum', () => {
    expect(suppressedGroups([{ size: 1 }, { size: 2 }, { size: 6 }, { size: 8 }])).toEqual([true, true, true, false]);
  });

  it('hides nothing when every group is large enough', () => {
    expect(suppressedGroups([{ size: 5 }, { size: 6 }])).toEqual([false, false]);
  });

  it('in every block of every margin leaves nothing hidden that its total and the shown groups give away', () => {
    const cell = fc.record({
      cohort: fc.constantFrom('2025-Q1', '2025-Q2', '2025-Q3'),
      team: fc.constantFrom('noord', 'zuid', 'west', 'oost'),
      size: fc.integer({ min: 0, max: 15 }),
    });
    const margins: Margin<Cell>[] = [WHOLE, byCohort, byTeam];
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 24 }), (cells) => {
        const hidden = suppressedGroups(cells, margins);
        // Primary: no shown group is under the minimum.
        cells.forEach((c, index) => {
          if (!hidden[index] && c.size < MINIMUM_GROUP_SIZE) throw new Error(`group ${index} of ${c.size} shown`);
        });
        // Complementary: per block, hidden is none, all, or at least two holding at least the minimum together.
        for (const margin of margins) {
          const blocks = new Map<string, number[]>();
          cells.forEach((c, index) => {
            blocks.set(margin(c), [...(blocks.get(margin(c)) ?? []), index]);
          });
          for (const block of blocks.values()) {
            const hiddenHere = block.filter((index) => hidden[index]);
            const size = hiddenHere.reduce((sum, index) => sum + cells[index]!.size, 0);
            const safe =
              hiddenHere.length === 0 ||
              hiddenHere.length === block.length ||
              (hiddenHere.length >= 2 && size >= MINIMUM_GROUP_SIZE);
            if (!safe) throw new Error(`block ${margin(cells[block[0]!]!)} gives away ${size}`);
          }
        }
        // Never more than needed: a shown group stays shown when every group is large enough.
        if (cells.every((c) => c.size >= MINIMUM_GROUP_SIZE)) return hidden.every((value) => !value);
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});
