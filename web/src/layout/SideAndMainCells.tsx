import { Column, Grid } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';

/** The wide grid's 12 columns split between the side and the main cell. */
const MAIN_WIDE = { 4: 8, 5: 7 } as const;

/**
 * The two cells of a page about one hire: `side` (facts, forms: one under the other, `sideGap` between them) in
 * `sideWide` of the wide grid's columns and `children` (the journey or its history) in the rest; on narrow and
 * medium screens each takes the whole width, the side first.
 */
export function SideAndMainCells({
  sideWide,
  sideGap = 'large',
  side,
  children,
}: {
  sideWide: keyof typeof MAIN_WIDE;
  sideGap?: 'large' | 'x-large';
  side: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <Grid.Cell span={{ narrow: 4, medium: 8, wide: sideWide }}>
        <Column gap={sideGap}>{side}</Column>
      </Grid.Cell>
      <Grid.Cell span={{ narrow: 4, medium: 8, wide: MAIN_WIDE[sideWide] }}>{children}</Grid.Cell>
    </>
  );
}
