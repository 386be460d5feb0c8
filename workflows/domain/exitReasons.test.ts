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

describe('the labels and themes people read', () => {
  /** Each entry of a taxonomy as [code, theme, Dutch label, English label]. */
  const named = <Code extends string>(
    taxonomy: readonly { readonly code: Code; readonly theme: string }[],
    label: (code: Code, language?: 'en') => string,
  ) => taxonomy.map((entry) => [entry.code, entry.theme, label(entry.code), label(entry.code, 'en')]);

  it.each([
    [
      'exit reason',
      named(EXIT_REASONS, exitReasonLabel),
      [
        ['workload', 'workload', 'Werkdruk', 'Workload'],
        ['administrative-burden', 'workload', 'Administratieve lasten', 'Administrative burden'],
        ['little-manager-support', 'leadership', 'Weinig steun van leidinggevenden', 'Little support from managers'],
        ['career-opportunities', 'development', 'Loopbaanmogelijkheden', 'Career opportunities'],
        ['challenge-in-work', 'development', 'Uitdaging in het werk', 'Challenge in the work'],
        [
          'way-of-working-leadership',
          'leadership',
          'Manier van werken en leidinggeven',
          'Way of working and leadership',
        ],
        [
          'work-content-client-type',
          'work-content',
          'Inhoud van het werk of soort cliënten',
          'Content of the work or type of clients',
        ],
        ['work-private-balance', 'private-life', 'Balans tussen werk en privé', 'Work–private balance'],
        ['other', 'other', 'Anders', 'Other'],
      ],
    ],
    [
      '"what would have kept you" answer',
      named(RETENTION_FACTORS, retentionFactorLabel),
      [
        [
          'nothing-time-for-something-else',
          'other',
          'Niets, het was tijd voor iets anders',
          'Nothing, it was time for something else',
        ],
        [
          'better-manager-communication',
          'leadership',
          'Betere communicatie door de leidinggevende',
          'Better communication by the manager',
        ],
        ['private-circumstances', 'private-life', 'Privéomstandigheden', 'Private circumstances'],
        ['less-workload', 'workload', 'Minder werkdruk', 'Less workload'],
        ['other', 'other', 'Anders', 'Other'],
      ],
    ],
  ])('groups each %s under its theme and names it in Dutch and in English', (_taxonomy, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

describe('validateExitReasons', () => {
  const REASON_CODES =
    'workload, administrative-burden, little-manager-support, career-opportunities, challenge-in-work, way-of-working-leadership, work-content-client-type, work-private-balance, other';
  const FACTOR_CODES =
    'nothing-time-for-something-else, better-manager-communication, private-circumstances, less-workload, other';

  it.each([
    [
      'unknown and repeated codes',
      { reasons: ['workload', 7, 'workload'], wouldHaveKept: ['less-workload', 'boredom', 'less-workload'] },
      [
        `Onbekende vertrekreden "7"; kies uit: ${REASON_CODES}.`,
        'De vertrekreden "workload" staat er twee keer in.',
        `Onbekend antwoord op "wat had je kunnen houden" "boredom"; kies uit: ${FACTOR_CODES}.`,
        'Het antwoord op "wat had je kunnen houden" "less-workload" staat er twee keer in.',
      ],
      [
        `Unknown exit reason "7"; choose from: ${REASON_CODES}.`,
        'The exit reason "workload" is listed twice.',
        `Unknown answer to "what would have kept you" "boredom"; choose from: ${FACTOR_CODES}.`,
        'The answer to "what would have kept you" "less-workload" is listed twice.',
      ],
    ],
    [
      'an answer that is no list',
      { reasons: ['other'], wouldHaveKept: 'less-workload' },
      ['"wouldHaveKept" moet een lijst met codes zijn.'],
      ['"wouldHaveKept" must be a list of codes.'],
    ],
    [
      'no reason and an answer that is no list',
      { reasons: [], wouldHaveKept: 'less-workload' },
      ['Kies minstens één vertrekreden.', '"wouldHaveKept" moet een lijst met codes zijn.'],
      ['Choose at least one exit reason.', '"wouldHaveKept" must be a list of codes.'],
    ],
    [
      '"nothing" with other answers',
      { reasons: ['other'], wouldHaveKept: ['nothing-time-for-something-else', 'other'] },
      ['"Niets, het was tijd voor iets anders" gaat niet samen met andere antwoorden op "wat had je kunnen houden".'],
      [
        '"Nothing, it was time for something else" cannot be combined with other answers to "what would have kept you".',
      ],
    ],
    [
      'no object',
      null,
      ['Geef de vertrekredenen op als object met "reasons".', '"reasons" moet een lijst met codes zijn.'],
      ['Give the exit reasons as an object with "reasons".', '"reasons" must be a list of codes.'],
    ],
  ])('names every problem of %s in full, in Dutch and in English', (_case, input, dutch, english) => {
    expect(validateExitReasons(input)).toEqual({ ok: false, problems: dutch });
    expect(validateExitReasons(input, 'en')).toEqual({ ok: false, problems: english });
  });

  it('refuses what is not an object, saying what it wants', () => {
    for (const input of [null, 'workload', 3, undefined]) {
      expect(validateExitReasons(input)).toEqual({
        ok: false,
        problems: ['Geef de vertrekredenen op als object met "reasons".', '"reasons" moet een lijst met codes zijn.'],
      });
    }
    expect(validateExitReasons({})).toEqual({ ok: false, problems: ['"reasons" moet een lijst met codes zijn.'] });
  });

  it('takes "nothing" alone and an empty answer to what would have kept them, and drops no valid code', () => {
    expect(
      validateExitReasons({ reasons: ['work-private-balance'], wouldHaveKept: ['nothing-time-for-something-else'] }),
    ).toEqual({
      ok: true,
      value: { reasons: ['work-private-balance'], wouldHaveKept: ['nothing-time-for-something-else'] },
    });
    expect(validateExitReasons({ reasons: ['other', 'workload'], wouldHaveKept: [] })).toEqual({
      ok: true,
      value: { reasons: ['other', 'workload'], wouldHaveKept: [] },
    });
  });

  it('accepts several reasons and an optional answer to what would have kept them', () => {
    expect(
      validateExitReasons({ reasons: ['workload', 'little-manager-support'], wouldHaveKept: ['less-workload'] }),
    ).toEqual({
      ok: true,
      value: { reasons: ['workload', 'little-manager-support'], wouldHaveKept: ['less-workload'] },
    });
    expect(validateExitReasons({ reasons: ['other'] })).toEqual({
      ok: true,
      value: { reasons: ['other'], wouldHaveKept: [] },
    });
    expect(validateExitReasons({ reasons: ['other'] }, 'en')).toEqual({
      ok: true,
      value: { reasons: ['other'], wouldHaveKept: [] },
    });
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
    expect(validateExitReasons({ reasons: 'workload' })).toEqual({
      ok: false,
      problems: ['"reasons" moet een lijst met codes zijn.'],
    });
    expect(validateExitReasons(null).ok).toBe(false);
  });
});
