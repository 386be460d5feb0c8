import { Paragraph, Table } from '@amsterdam/design-system-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLanguage } from '../i18n/language';

/** Observable Plot's module: loaded only by pages that draw a chart, so it stays out of the first-load JavaScript. */
export type PlotModule = typeof import('@observablehq/plot');

/** The design system's colours, read from its tokens, so a chart looks like the rest of the page. */
export interface ChartColours {
  readonly text: string;
  readonly secondaryText: string;
  readonly interactive: string;
  readonly separator: string;
  /** Distinct series colours (the design system's highlight colours), for categories. */
  readonly series: readonly string[];
}

export function chartColours(element: Element = document.documentElement): ChartColours {
  const style = getComputedStyle(element);
  const token = (name: string, fallback: string) => style.getPropertyValue(`--ams-color-${name}`).trim() || fallback;
  return {
    text: token('text', '#000'),
    secondaryText: token('text-secondary', '#555'),
    interactive: token('interactive', '#004699'),
    separator: token('separator', '#bebebe'),
    series: [
      'interactive',
      'highlight-green',
      'highlight-orange',
      'highlight-purple',
      'highlight-magenta',
      'highlight-azure',
    ].map((name) => token(name, '#004699')),
  };
}

/** One table row of a chart's figures: what a screen reader, a keyboard user or a printout reads instead of the picture. */
export interface ChartTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ReactNode[])[];
}

/**
 * A chart drawn by Observable Plot as SVG, inside a figure with a caption. The picture is one image to assistive
 * technology (its label says what it shows); the same figures are in a table under "Toon als tabel" (WCAG 1.1.1,
 * 1.4.1: nothing is told by colour alone). `plot` builds Plot's options (keep it stable: module level or useCallback,
 * since a new function redraws); the width follows the container.
 */
export function Chart(props: {
  label: string;
  description?: string;
  plot: (Plot: PlotModule, colours: ChartColours, width: number) => NonNullable<Parameters<PlotModule['plot']>[0]>;
  table: ChartTable;
}) {
  const { label, description, plot, table } = props;
  const { t } = useLanguage();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const target = container.current;
    if (!target) return;
    import('@observablehq/plot')
      .then((Plot) => {
        if (cancelled) return;
        const colours = chartColours(target);
        const options = plot(Plot, colours, Math.max(320, target.clientWidth));
        const figure = Plot.plot({
          ...options,
          style: {
            color: colours.text,
            fontFamily: 'inherit',
            fontSize: '14px',
            background: 'transparent',
            overflow: 'visible',
            ...(typeof options.style === 'object' ? options.style : {}),
          },
        });
        // The picture is one image: Plot's labels of its mark groups (aria-label on <g>) are not for assistive technology.
        for (const labelled of figure.querySelectorAll('[aria-label]')) labelled.removeAttribute('aria-label');
        figure.setAttribute('role', 'img');
        figure.setAttribute('aria-label', label);
        // Plot labels its marks and axes (`aria-label="bar"`) on <g> elements, which have no role that allows it
        // (axe: aria-prohibited-attr); inside one image they say nothing anyway, the figure's own label does.
        for (const part of figure.querySelectorAll('g[aria-label]')) part.removeAttribute('aria-label');
        target.replaceChildren(figure);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [plot, label]);

  return (
    <figure className="sl-chart">
      <figcaption>
        <Paragraph>
          <strong>{label}</strong>
        </Paragraph>
        {description && <Paragraph size="small">{description}</Paragraph>}
      </figcaption>
      {failed ? <Paragraph>{t.charts.unavailable}</Paragraph> : <div ref={container} className="sl-chart-canvas" />}
      <details className="sl-chart-table">
        <summary>{t.charts.showAsTable}</summary>
        <FiguresTable table={table} />
      </details>
    </figure>
  );
}

/** A chart's figures as a plain table; also for figures a page shows without a chart. */
export function FiguresTable({ table }: { table: ChartTable }) {
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          {table.columns.map((column) => (
            <Table.HeaderCell key={column} scope="col">
              {column}
            </Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {table.rows.map((row, index) => (
          <Table.Row key={index}>
            {row.map((cell, column) => (
              <Table.Cell key={column}>{cell}</Table.Cell>
            ))}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
