/**
 * Gates between a template's items: a task or milestone that `requires` others cannot be completed before they
 * are — in youth care above all no own caseload before the certificate of conduct is on file (Jeugdwet
 * art. 4.1.6). A gate names ids of the same template, tasks and milestones alike (they share one id space).
 * Pure: the workflow bundle imports it.
 */
import type { LegalSource, TemplateProblem } from './journeyTemplate';

interface GatedItem {
  readonly id: string;
  readonly requires?: readonly string[];
  readonly source?: LegalSource;
}

interface Placed {
  readonly item: GatedItem;
  /** Where in the template, e.g. `milestones[2]`. */
  readonly path: string;
}

/**
 * Every gate that names an unknown item or itself, and every ring of gates that wait on each other (nothing in
 * a ring could ever be completed). `known` holds the ids a gate may name.
 */
export function gateProblems(items: readonly Placed[], known: ReadonlySet<string>): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const { item, path } of items) {
    const requires = item.requires;
    if (requires === undefined) continue;
    if (!Array.isArray(requires) || requires.some((id) => typeof id !== 'string')) {
      problems.push({
        path: `${path}.requires`,
        message: 'De voorwaarden zijn een lijst met ids van taken of mijlpalen.',
      });
      continue;
    }
    requires.forEach((id, index) => {
      const at = `${path}.requires[${index}]`;
      if (id === item.id) problems.push({ path: at, message: `"${id}" kan niet op zichzelf wachten.` });
      else if (!known.has(id))
        problems.push({
          path: at,
          message: `Onbekende taak of mijlpaal "${id}"; een voorwaarde moet in deze reis staan.`,
        });
    });
  }
  const ring = firstRing(items);
  if (ring) {
    const at = items.find(({ item }) => item.id === ring[0])!.path;
    problems.push({
      path: `${at}.requires`,
      message: `Deze voorwaarden wachten in een kring op elkaar, dus niets ervan kan worden afgerond: ${ring.join(' → ')}.`,
    });
  }
  return problems;
}

/** A legal source has both its rule and where it is written, or it is no help to the HR advisor who checks it. */
export function sourceProblems(item: GatedItem, path: string): TemplateProblem[] {
  const source = item.source;
  if (source === undefined) return [];
  const problems: TemplateProblem[] = [];
  if (typeof source !== 'object' || source === null)
    return [{ path: `${path}.source`, message: 'De bron heeft een regel en een vindplaats.' }];
  if (typeof source.rule !== 'string' || source.rule.trim() === '')
    problems.push({ path: `${path}.source.rule`, message: 'Beschrijf de regel die deze stap volgt.' });
  if (source.ruleEn !== undefined && (typeof source.ruleEn !== 'string' || source.ruleEn.trim() === ''))
    problems.push({
      path: `${path}.source.ruleEn`,
      message: 'Een Engelse regel mag niet leeg zijn; laat hem weg of vul hem in.',
    });
  if (typeof source.reference !== 'string' || source.reference.trim() === '')
    problems.push({ path: `${path}.source.reference`, message: 'Noem waar de regel staat (wet, artikel of kader).' });
  return problems;
}

/** The ids of one ring of gates (the first id repeated at the end), or undefined when there is none. */
function firstRing(items: readonly Placed[]): string[] | undefined {
  const requiresOf = new Map(items.map(({ item }) => [item.id, Array.isArray(item.requires) ? item.requires : []]));
  const done = new Set<string>();
  const walk = (id: string, trail: string[]): string[] | undefined => {
    const at = trail.indexOf(id);
    if (at >= 0) return [...trail.slice(at), id];
    if (done.has(id)) return undefined;
    for (const next of requiresOf.get(id) ?? []) {
      if (next === id) continue; // reported as waiting on itself
      const ring = walk(next, [...trail, id]);
      if (ring) return ring;
    }
    done.add(id);
    return undefined;
  };
  for (const { item } of items) {
    const ring = walk(item.id, []);
    if (ring) return ring;
  }
  return undefined;
}
