import { RETENTION_HORIZONS } from '../../workflows/domain/retention';
import { csvField } from '../audit/historyRecords';
import type { SurveyBesideRetention } from './surveyBesideRetention';

const HEADER = [
  'wave',
  'dimension',
  'group',
  'suppressed',
  'responses',
  'response_rate',
  'item',
  'mean',
  'enps',
  'hires',
  'still_employed',
  'left',
  'early_leavers',
  ...RETENTION_HORIZONS.map(({ key }) => `retention_${key}`),
];

/**
 * RFC 4180 of exactly what the JSON answer holds (built from it, so suppression cannot differ): one row per
 * shown group and survey item, the group's retention repeated on each; a hidden group is one row with its reason
 * and no figures of either kind.
 */
export function surveyBesideRetentionCsv(view: SurveyBesideRetention): string {
  const rows: string[][] = [HEADER];
  for (const group of view.groups) {
    const head = [view.waveId, group.dimension, group.value, group.suppressed ?? ''];
    if (!group.survey || !group.retention) {
      rows.push([...head, ...Array(HEADER.length - head.length).fill('')]);
      continue;
    }
    const { hires, stillEmployed, left, earlyLeavers, retention } = group.retention;
    const stayed = [
      ...[hires, stillEmployed, left, earlyLeavers].map(String),
      ...RETENTION_HORIZONS.map(({ key }) => (retention[key] === null ? '' : retention[key]!.toFixed(4))),
    ];
    for (const item of group.survey.items)
      rows.push([
        ...head,
        String(group.survey.responses),
        group.survey.responseRate.toFixed(3),
        item.itemId,
        String(item.mean),
        item.enps === undefined ? '' : String(item.enps),
        ...stayed,
      ]);
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
