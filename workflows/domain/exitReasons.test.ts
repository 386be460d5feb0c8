import {
  EXIT_REASONS,
  RETENTION_FACTORS,
  exitReasonLabel,
  retentionFactorLabel,
  validateExitReasons,
} from './exitReasons';

describe('the exit-reason taxonomy', () => {
  it('holds the reasons from the Prismant and RegioPlus surveys and the "what would have kept you" answers', () => {
    expect(EXIT_REASONS.map((entry) => entry.code)).toEqual([
      'workload',
      'administrative-burden',
      'little-manager-support',
      'career-opportunities',
      'challenge-in-work',
      'way-of-working-leadership',
      'work-content-client-type',
      'work-private-balance',
      'other',
    ]);
    expect(RETENTION_FACTORS.map((entry) => entry.code)).toEqual([
      'nothing-time-for-something-else',
      'better-manager-communication',
      'private-circumstances',
      'less-workload',
      'other',
    ]);
  });

  it('has unique codes and a Dutch and an English label for each', () => {
    for (const taxonomy of [EXIT_REASONS, RETENTION_FACTORS]) {
      const codes = taxonomy.map((entry) => entry.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const entry of taxonomy) {
        expect(entry.labels.nl.trim()).not.toBe('');
        expect(entry.labels.en.trim()).not.toBe('');
      }
    }
    expect(exitReasonLabel('administrative-burden')).toBe('Administratieve lasten');
    expect(exitReasonLabel('administrative-burden', 'en')).toBe('Administrative burden');
    expect(retentionFactorLabel('better-manager-communication')).toBe('Betere communicatie door de leidinggevende');
  });
});

describe('validateExitReasons', () => {
  it('accepts several reasons and an optional answer to what would have kept them', () => {
    expect(validateExitReasons({ reasons: ['workload', 'little-manager-support'], wouldHaveKept: ['less-workload'] })).toEqual({
      ok: true,
      value: { reasons: ['workload', 'little-manager-support'], wouldHaveKept: ['less-workload'] },
    });
    expect(validateExitReasons({ reasons: ['other'] })).toEqual({ ok: true, value: { reasons: ['other'], wouldHaveKept: [] } });
  });

  it('explains in Dutch what is wrong, all at once', () => {
    const result = validateExitReasons({
      reasons: ['workload', 'workload', 'boredom'],
      wouldHaveKept: ['nothing-time-for-something-else', 'less-workload'],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'De vertrekreden "workload" staat er twee keer in.',
      expect.stringMatching(/^Onbekende vertrekreden "boredom"; kies uit: workload, /),
      expect.stringMatching(/gaat niet samen met andere antwoorden/),
    ]);
  });

  it('wants at least one reason, as a list', () => {
    expect(validateExitReasons({ reasons: [] })).toEqual({ ok: false, problems: ['Kies minstens één vertrekreden.'] });
    expect(validateExitReasons({ reasons: 'workload' })).toEqual({ ok: false, problems: ['"reasons" moet een lijst met codes zijn.'] });
    expect(validateExitReasons(null).ok).toBe(false);
  });
});
