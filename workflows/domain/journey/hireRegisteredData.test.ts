/**
 * What HireRegistered keeps of a registration: the coarse facts and references that were given, each under its
 * own name, and nothing of the request itself (who registered, its fingerprint, the template asked for).
 */
import type { HireJourneyInput } from '../../hireJourneyContract';
import { hireRegisteredData } from './decide';
import { journeyTestHire } from '../../../test/fixtures/journeyTestHire';

const bare: HireJourneyInput = { ...journeyTestHire('h-0101').input, registrationFingerprint: 'sha256:abc' };

describe('HireRegistered records of a registration', () => {
  it('only the four facts every hire has, when nothing else was given', () => {
    expect(hireRegisteredData(bare)).toStrictEqual({
      organisationId: 'jeugdzorg-rivierenland',
      hireId: 'h-0101',
      startDate: '2026-09-01',
      role: 'Jeugdzorgwerker',
    });
  });

  it('each optional fact and reference under its own name, and not the actor, fingerprint or template', () => {
    expect(
      hireRegisteredData({
        ...bare,
        team: 'wijkteam-noord',
        location: 'Tiel',
        templateId: 'rivierenland-team',
        vacancyProfileId: 'vp-12',
        vacancyProfileVersion: 3,
        rehireOf: 'h-0042',
        managerRef: 'manager:bram',
        maxHistoryEvents: 500,
      }),
    ).toStrictEqual({
      organisationId: 'jeugdzorg-rivierenland',
      hireId: 'h-0101',
      startDate: '2026-09-01',
      role: 'Jeugdzorgwerker',
      team: 'wijkteam-noord',
      location: 'Tiel',
      managerRef: 'manager:bram',
      vacancyProfileId: 'vp-12',
      vacancyProfileVersion: 3,
      rehireOf: 'h-0042',
    });
  });

  it.each([
    ['team', { team: 'wijkteam-zuid' }],
    ['location', { location: 'Culemborg' }],
    ['managerRef', { managerRef: 'manager:cor' }],
    ['vacancyProfileId', { vacancyProfileId: 'vp-1' }],
    ['vacancyProfileVersion', { vacancyProfileVersion: 1 }],
    ['rehireOf', { rehireOf: 'h-0007' }],
  ] as const)('%s alone, when only it was given', (_name, extra) => {
    expect(hireRegisteredData({ ...bare, ...extra })).toStrictEqual({
      organisationId: 'jeugdzorg-rivierenland',
      hireId: 'h-0101',
      startDate: '2026-09-01',
      role: 'Jeugdzorgwerker',
      ...extra,
    });
  });
});
