import { type AnswerSet, type Questionnaire, SCALES, type SurveyItemKind } from './questionnaire';
import { SURVEY_DIMENSIONS, type SurveyDimension, type SurveyGroup } from './surveyGroups';

/**
 * The survey report of one wave: figures per group, only for groups of at least k people, with complementary
 * suppression so that no group under k can be worked out by subtracting one shown figure from another.
 *
 * What a reader can derive: within one dimension (say team), the sum of any shown groups, and — when the wave's
 * total is shown — the total minus such a sum. Between two dimensions (team and location), one derived set inside
 * another gives their difference. So the rules are: every shown group has at least k people; the groups a dimension
 * hides hold none or at least k people together; and for every set derivable from one dimension that lies inside a
 * set derivable from another, the difference is none or at least k. Open answers are listed for the wave as a whole
 * only, since a list of texts per group would let texts be attributed by difference.
 */

export interface ReleasedResponse {
  readonly group: SurveyGroup;
  readonly answers: AnswerSet;
  /** Per open item answered: an opaque id HR redacts it by; one per answer, so two texts of one person do not pair. */
  readonly openAnswerIds?: Readonly<Record<string, string>>;
  /** Open items whose text HR redacted: the text is gone, the fact that there was one stays. */
  readonly redacted?: readonly string[];
}

export interface OpenAnswer {
  readonly answerId: string;
  readonly text?: string;
  readonly redacted?: true;
}

export interface ItemFigures {
  readonly itemId: string;
  readonly kind: Exclude<SurveyItemKind, 'open'>;
  readonly responses: number;
  readonly mean: number;
  /** Counts per scale value, from the lowest (1 for Likert, 0 for eNPS) up. */
  readonly distribution: readonly number[];
  /** eNPS items: % promoters (9–10) minus % detractors (0–6), −100 to 100. */
  readonly enps?: number;
}

export interface GroupFigures {
  readonly responses: number;
  readonly items: readonly ItemFigures[];
}

export interface GroupReport {
  readonly value: string;
  readonly invited: number;
  /** Absent when the group is not shown. */
  readonly figures?: GroupFigures & { readonly responseRate: number };
  readonly suppressed?: 'below-minimum' | 'complementary';
}

export interface SurveyReport {
  readonly waveId: string;
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly minimumGroupSize: number;
  readonly invited: number;
  /** Absent while fewer than k answers of the wave are released. */
  readonly overall?: GroupFigures & { readonly responseRate: number };
  readonly openAnswers: readonly {
    readonly itemId: string;
    /** The texts not redacted, sorted. */
    readonly texts: readonly string[];
    /** The same texts with their ids, then the redacted ones: what HR redacts by. */
    readonly answers: readonly OpenAnswer[];
  }[];
  readonly dimensions: readonly { readonly dimension: SurveyDimension; readonly groups: readonly GroupReport[] }[];
}

export interface GroupCell {
  readonly group: SurveyGroup;
  readonly count: number;
}

export interface Disclosure {
  readonly totalShown: boolean;
  readonly shown: Readonly<Record<SurveyDimension, ReadonlySet<string>>>;
  /** Groups with people that are hidden although they reach k: hidden so another group cannot be derived. */
  readonly complementary: Readonly<Record<SurveyDimension, ReadonlySet<string>>>;
}

/** Dimensions with at most this many shown groups are checked for every union of them; larger ones group by group. */
const MAX_ENUMERATED_GROUPS = 8;

interface DimensionGroup {
  readonly value: string;
  readonly bits: Uint32Array;
  readonly size: number;
}

/**
 * Decides which groups are shown: the rules in this module's comment, applied until none is broken. `alsoHidden`
 * names groups another view requires hidden (a year's trend, because of its waves): they start hidden as
 * complementary, and the same rules then protect them like any other hidden group.
 */
export function discloseGroups(
  cells: readonly GroupCell[],
  k: number,
  alsoHidden: Partial<Record<SurveyDimension, ReadonlySet<string>>> = {},
): Disclosure {
  const words = Math.max(1, Math.ceil(cells.length / 32));
  const total = cells.reduce((sum, cell) => sum + cell.count, 0);
  const groups = new Map<SurveyDimension, DimensionGroup[]>();
  for (const dimension of SURVEY_DIMENSIONS) {
    const byValue = new Map<string, { bits: Uint32Array; size: number }>();
    cells.forEach((cell, index) => {
      if (cell.count === 0) return;
      const value = cell.group[dimension];
      const group = byValue.get(value) ?? { bits: new Uint32Array(words), size: 0 };
      group.bits[index >>> 5]! |= 1 << (index & 31);
      group.size += cell.count;
      byValue.set(value, group);
    });
    groups.set(
      dimension,
      [...byValue.entries()].map(([value, group]) => ({ value, ...group })),
    );
  }
  const everyone = union(groups.get(SURVEY_DIMENSIONS[0])!, words);
  const totalShown = total >= k;
  const shown = new Map<SurveyDimension, Set<string>>();
  const complementary = new Map<SurveyDimension, Set<string>>();
  for (const dimension of SURVEY_DIMENSIONS) {
    shown.set(
      dimension,
      new Set(
        totalShown
          ? groups
              .get(dimension)!
              .filter((group) => group.size >= k && !alsoHidden[dimension]?.has(group.value))
              .map((group) => group.value)
          : [],
      ),
    );
    complementary.set(
      dimension,
      new Set(
        groups
          .get(dimension)!
          .filter((group) => totalShown && group.size >= k && alsoHidden[dimension]?.has(group.value))
          .map((group) => group.value),
      ),
    );
  }
  const shownGroups = (dimension: SurveyDimension) =>
    groups.get(dimension)!.filter((group) => shown.get(dimension)!.has(group.value));
  const hide = (dimension: SurveyDimension, candidates: readonly DimensionGroup[]) => {
    const smallest = [...candidates].sort((a, b) => a.size - b.size || (a.value < b.value ? -1 : 1))[0]!;
    shown.get(dimension)!.delete(smallest.value);
    complementary.get(dimension)!.add(smallest.value);
  };
  const risky = (difference: number) => difference > 0 && difference < k;

  for (let changed = totalShown; changed; ) {
    changed = false;
    for (const dimension of SURVEY_DIMENSIONS) {
      const visible = shownGroups(dimension);
      const hidden = total - visible.reduce((sum, group) => sum + group.size, 0);
      if (visible.length > 0 && risky(hidden)) {
        hide(dimension, visible);
        changed = true;
      }
    }
    if (changed) continue;
    outer: for (const inner of SURVEY_DIMENSIONS) {
      const visible = shownGroups(inner);
      for (const derived of derivedSets(visible, everyone, total)) {
        for (const outerDimension of SURVEY_DIMENSIONS) {
          if (outerDimension === inner) continue;
          if (
            containingSets(shownGroups(outerDimension), derived.bits, total).some((size) => risky(size - derived.size))
          ) {
            hide(inner, derived.parts.length > 0 ? derived.parts : visible);
            changed = true;
            break outer;
          }
        }
      }
    }
  }
  const freeze = (map: Map<SurveyDimension, Set<string>>) =>
    Object.fromEntries(map) as Record<SurveyDimension, Set<string>>;
  return { totalShown, shown: freeze(shown), complementary: freeze(complementary) };
}

interface DerivedSet {
  readonly bits: Uint32Array;
  readonly size: number;
  /** The shown groups whose hiding removes this set from what can be derived. */
  readonly parts: readonly DimensionGroup[];
}

/** The sets one dimension's shown groups let a reader derive: unions of them, and the total minus such a union. */
function* derivedSets(visible: readonly DimensionGroup[], everyone: Uint32Array, total: number): Generator<DerivedSet> {
  const words = everyone.length;
  const subsets: DimensionGroup[][] =
    visible.length <= MAX_ENUMERATED_GROUPS
      ? Array.from({ length: (1 << visible.length) - 1 }, (_, mask) =>
          visible.filter((_, index) => ((mask + 1) >>> index) & 1),
        )
      : visible.map((group) => [group]);
  for (const parts of subsets) {
    const bits = union(parts, words);
    const size = parts.reduce((sum, group) => sum + group.size, 0);
    yield { bits, size, parts };
    // The total minus the union: every cell outside it, also the hidden ones (total is shown whenever anything is).
    const rest = new Uint32Array(words);
    for (let word = 0; word < words; word += 1) rest[word] = everyone[word]! & ~bits[word]!;
    const others = visible.filter((group) => !parts.includes(group));
    if (size < total) yield { bits: rest, size: total - size, parts: others };
  }
}

/**
 * The sizes of the smallest sets derivable from another dimension that contain `bits`: the union of its shown groups
 * that meet them (when those cover them), and the total minus its shown groups that do not. Any bigger derivable set
 * adds whole shown groups (each at least k) or every hidden one (none or at least k), so checking these two suffices.
 */
function containingSets(visible: readonly DimensionGroup[], bits: Uint32Array, total: number): number[] {
  const meeting = visible.filter((group) => intersects(group.bits, bits));
  const sizes: number[] = [];
  const covered = union(meeting, bits.length);
  if (isSubset(bits, covered)) sizes.push(meeting.reduce((sum, group) => sum + group.size, 0));
  sizes.push(total - visible.filter((group) => !meeting.includes(group)).reduce((sum, group) => sum + group.size, 0));
  return sizes;
}

function union(groups: readonly DimensionGroup[], words: number): Uint32Array {
  const bits = new Uint32Array(words);
  for (const group of groups) for (let word = 0; word < words; word += 1) bits[word]! |= group.bits[word]!;
  return bits;
}

function intersects(a: Uint32Array, b: Uint32Array): boolean {
  for (let word = 0; word < a.length; word += 1) if ((a[word]! & b[word]!) !== 0) return true;
  return false;
}

function isSubset(a: Uint32Array, b: Uint32Array): boolean {
  for (let word = 0; word < a.length; word += 1) if ((a[word]! & ~b[word]!) !== 0) return false;
  return true;
}

const cellKey = (group: SurveyGroup) => SURVEY_DIMENSIONS.map((dimension) => group[dimension]).join('\u0000');

interface CellTally {
  readonly group: SurveyGroup;
  count: number;
  /** Per scale item (questionnaire order), counts per scale value. */
  readonly values: number[][];
}

/** Aggregates a wave's released answers into its report. `invited` counts invitations per group. */
export function surveyReport(input: {
  waveId: string;
  questionnaire: Questionnaire;
  responses: readonly ReleasedResponse[];
  invited: readonly GroupCell[];
}): SurveyReport {
  const { questionnaire } = input;
  const k = questionnaire.minimumGroupSize;
  const scaleItems = questionnaire.items.filter((item) => item.kind !== 'open') as (Questionnaire['items'][number] & {
    kind: 'likert' | 'enps';
  })[];
  const openItems = questionnaire.items.filter((item) => item.kind === 'open');
  const cells = new Map<string, CellTally>();
  const tally = (group: SurveyGroup) => {
    const key = cellKey(group);
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        group,
        count: 0,
        values: scaleItems.map((item) => new Array<number>(SCALES[item.kind].max - SCALES[item.kind].min + 1).fill(0)),
      };
      cells.set(key, cell);
    }
    return cell;
  };
  const texts = new Map<string, OpenAnswer[]>(openItems.map((item) => [item.id, []]));
  for (const response of input.responses) {
    const cell = tally(response.group);
    cell.count += 1;
    scaleItems.forEach((item, index) => {
      const value = response.answers[item.id];
      if (typeof value === 'number') cell.values[index]![value - SCALES[item.kind].min]! += 1;
    });
    for (const [itemId, list] of texts) {
      const text = response.answers[itemId];
      const answerId = response.openAnswerIds?.[itemId] ?? '';
      if (response.redacted?.includes(itemId)) list.push({ answerId, redacted: true });
      else if (typeof text === 'string') list.push({ answerId, text });
    }
  }
  for (const invitation of input.invited) tally(invitation.group);
  const tallies = [...cells.values()];
  const disclosure = discloseGroups(tallies, k);
  const invitedIn = (predicate: (group: SurveyGroup) => boolean) =>
    input.invited.filter((cell) => predicate(cell.group)).reduce((sum, cell) => sum + cell.count, 0);
  const figuresOf = (members: readonly CellTally[], invited: number) => {
    const responses = members.reduce((sum, cell) => sum + cell.count, 0);
    return {
      responses,
      responseRate: invited > 0 ? responses / invited : 0,
      items: scaleItems.map((item, index) =>
        itemFigures(
          item,
          members.map((cell) => cell.values[index]!),
        ),
      ),
    };
  };
  const totalInvited = invitedIn(() => true);
  return {
    waveId: input.waveId,
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    minimumGroupSize: k,
    invited: totalInvited,
    ...(disclosure.totalShown ? { overall: figuresOf(tallies, totalInvited) } : {}),
    // Sorted, not in the order they were stored: the order says nothing about who wrote what.
    openAnswers: disclosure.totalShown
      ? [...texts].map(([itemId, list]) => {
          const shown = list
            .filter((answer) => answer.text !== undefined)
            .sort((a, b) => (a.text! < b.text! ? -1 : a.text! > b.text! ? 1 : 0));
          const redacted = list.filter((answer) => answer.redacted).sort((a, b) => (a.answerId < b.answerId ? -1 : 1));
          return { itemId, texts: shown.map((answer) => answer.text!), answers: [...shown, ...redacted] };
        })
      : [],
    dimensions: SURVEY_DIMENSIONS.map((dimension) => {
      const values = [...new Set(tallies.map((cell) => cell.group[dimension]))].sort();
      return {
        dimension,
        groups: values.map((value): GroupReport => {
          const invited = invitedIn((group) => group[dimension] === value);
          if (disclosure.shown[dimension].has(value))
            return {
              value,
              invited,
              figures: figuresOf(
                tallies.filter((cell) => cell.group[dimension] === value),
                invited,
              ),
            };
          return {
            value,
            invited,
            suppressed: disclosure.complementary[dimension].has(value) ? 'complementary' : 'below-minimum',
          };
        }),
      };
    }),
  };
}

export function itemFigures(
  item: { id: string; kind: 'likert' | 'enps' },
  perCell: readonly (readonly number[])[],
): ItemFigures {
  const { min } = SCALES[item.kind];
  const distribution = new Array<number>(perCell[0]?.length ?? SCALES[item.kind].max - min + 1).fill(0);
  for (const counts of perCell)
    counts.forEach((count, index) => {
      distribution[index]! += count;
    });
  const responses = distribution.reduce((sum, count) => sum + count, 0);
  const sum = distribution.reduce((acc, count, index) => acc + count * (index + min), 0);
  const figures = {
    itemId: item.id,
    kind: item.kind,
    responses,
    mean: responses > 0 ? round(sum / responses, 2) : 0,
    distribution,
  };
  if (item.kind !== 'enps') return figures;
  const promoters = (distribution[9] ?? 0) + (distribution[10] ?? 0);
  const detractors = distribution.slice(0, 7).reduce((acc, count) => acc + count, 0);
  return { ...figures, enps: responses > 0 ? Math.round((100 * (promoters - detractors)) / responses) : 0 };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
