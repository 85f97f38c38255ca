import { compareCivilDates } from './calendar';
import { addDuration, exceeds, LegalRegime, legalRegimes, reaches, RegimeError, regimeById, regimeInForceOn, regimeTransitions, ruleNames } from './regimes';
import { workplaceRuleNames, workplaceRules, workplaceRulesOf } from './workplace-rules';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('legal regimes', () => {
  it('are sorted by effective date with unique ids', () => {
    expect(legalRegimes.map((r) => [r.id, r.effectiveFrom])).toEqual([
      ['decision-22-2018', '2018-07-01'],
      ['decree-61-2023', '2023-08-16'],
      ['two-tier-2025', '2025-07-01'],
    ]);
    for (let i = 1; i < legalRegimes.length; i++) {
      expect(compareCivilDates(legalRegimes[i - 1].effectiveFrom, legalRegimes[i].effectiveFrom)).toBe(-1);
    }
  });

  it('given the 2018 regime, the district recognizes; from 16/8/2023 the ward does', () => {
    expect(regimeById('decision-22-2018').recognizingAuthority).toBe('district_peoples_committee');
    expect(regimeById('decree-61-2023').recognizingAuthority).toBe('ward_peoples_committee');
    expect(regimeById('two-tier-2025').recognizingAuthority).toBe('ward_peoples_committee');
  });

  it('given Decree 61/2023, holds its deadlines and thresholds', () => {
    expect(regimeById('decree-61-2023')).toMatchObject({
      legalBasis: 'Nghị định 61/2023/NĐ-CP; Luật 10/2022/QH15',
      consultationMinimum: { amount: 30, unit: 'calendar_days' },
      submissionDeadline: { amount: 5, unit: 'working_days' },
      decisionDeadline: { amount: 5, unit: 'working_days' },
      suspensionReportDeadline: { amount: 3, unit: 'working_days' },
      annualReviewInterval: { amount: 1, unit: 'years' },
      quorum: { numerator: 1, denominator: 2 },
      adoption: { numerator: 1, denominator: 2 },
    });
  });

  it('given the two-tier regime, keeps the thresholds and deadlines of Decree 61/2023', () => {
    const rules = (regime: LegalRegime) => {
      const { id, title, titleVi, effectiveFrom, legalBasis, sources, ...rest } = regime;
      return { rest, labels: [id, title, titleVi, effectiveFrom, legalBasis, sources] };
    };
    expect(rules(regimeById('two-tier-2025')).rest).toEqual(rules(regimeById('decree-61-2023')).rest);
  });

  it('given Decree 61/2023 and the two-tier regime, require forms 01, 02 and the adopted text; the 2018 regime keeps the same list', () => {
    for (const regime of legalRegimes) {
      expect({ id: regime.id, documents: regime.dossierDocuments }).toEqual({
        id: regime.id,
        documents: ['request_form_01', 'minutes_form_02', 'adopted_text'],
      });
    }
  });

  it('are frozen', () => {
    const regime = regimeById('decree-61-2023') as { -readonly [K in keyof LegalRegime]: LegalRegime[K] };
    expect(() => {
      regime.recognizingAuthority = 'district_peoples_committee';
    }).toThrow(TypeError);
    expect(Object.isFrozen(regime.quorum)).toBe(true);
    expect(Object.isFrozen(regime.dossierDocuments)).toBe(true);
    expect(Object.isFrozen(regime.sources)).toBe(true);
    expect(Object.isFrozen(regime.sources.adoption)).toBe(true);
    expect(Object.isFrozen(legalRegimes)).toBe(true);
  });
});

describe('legal sources of the regimes', () => {
  const everySource = [
    ...legalRegimes.flatMap((regime) => ruleNames.map((rule) => ({ key: `${regime.id}.${rule}`, source: regime.sources[rule] }))),
    ...regimeTransitions.map((transition) => ({ key: `transition.${transition.id}`, source: transition.source })),
    ...workplaceRules.flatMap((rules) => workplaceRuleNames.map((rule) => ({ key: `${rules.kind}.${rule}`, source: rules.sources[rule] }))),
  ];

  it('cover every rule of every regime and nothing else', () => {
    for (const regime of legalRegimes) expect(Object.keys(regime.sources).sort()).toEqual([...ruleNames].sort());
    expect(ruleNames).toEqual([
      'recognizingAuthority',
      'consultationMinimum',
      'submissionDeadline',
      'decisionDeadline',
      'suspensionReportDeadline',
      'annualReviewInterval',
      'annualReviewDay',
      'quorum',
      'adoption',
      'dossierDocuments',
    ]);
  });

  it('name a text for every rule, an article for every confirmed one, and a note for every unconfirmed one', () => {
    for (const { key, source } of everySource) {
      expect({ key, text: source.text.trim().length > 0 }).toEqual({ key, text: true });
      if (source.status === 'confirmed') expect({ key, article: (source.article ?? '').trim().length > 0 }).toEqual({ key, article: true });
      else expect({ key, note: (source.note ?? '').trim().length > 0 }).toEqual({ key, note: true });
    }
  });

  it('list the unconfirmed rules: confirming one from the text means editing this list', () => {
    expect(everySource.filter(({ source }) => source.status === 'unconfirmed').map(({ key }) => key)).toEqual([
      'decision-22-2018.submissionDeadline',
      'decision-22-2018.decisionDeadline',
      'decision-22-2018.annualReviewInterval',
      'decision-22-2018.annualReviewDay',
      'decision-22-2018.quorum',
      'decision-22-2018.adoption',
      'decision-22-2018.dossierDocuments',
      'transition.dossier_to_authority_on_sending',
      'transition.district_dossiers_to_ward',
      'agency_democracy_regulation.issuer',
      'agency_democracy_regulation.consulted',
      'agency_democracy_regulation.consultationMinimum',
      'agency_democracy_regulation.unacceptedCommentsReasoned',
      'agency_democracy_regulation.conference',
      'agency_democracy_regulation.conferenceQuorum',
      'agency_democracy_regulation.conferenceAdoption',
      'agency_democracy_regulation.disclosure',
      'enterprise_democracy_regulation.consultationMinimum',
    ]);
  });

  it('cover every rule of the agencies\' and the enterprises\' regulations and nothing else', () => {
    for (const rules of workplaceRules) expect(Object.keys(rules.sources).sort()).toEqual([...workplaceRuleNames].sort());
  });

  it('given an agency or unit, cite Law 10/2022 art. 51(1) for its yearly conference within 3 months of the work year', () => {
    const rules = workplaceRulesOf('agency_democracy_regulation')!;
    expect(rules).toMatchObject({ issuer: 'agency_head', conferenceQuorum: { numerator: 2, denominator: 3 }, conferenceAdoption: { numerator: 1, denominator: 2 } });
    expect(rules.annualConference.withinMonthsOfWorkYearEnd).toBe(3);
    expect(rules.sources.annualConference).toMatchObject({ text: 'Luật 10/2022/QH15', article: '51', clause: '1', status: 'confirmed' });
    expect(rules.sources.conferenceQuorum).toMatchObject({ text: 'Thông tư 01/2016/TT-BNV', status: 'unconfirmed' });
  });

  it('given an enterprise, cite Decree 145/2020 art. 48: the employer issues after consulting the representative organisation, with reasons for what it does not take up, and makes it public', () => {
    const rules = workplaceRulesOf('enterprise_democracy_regulation')!;
    expect(rules).toMatchObject({ issuer: 'employer', conference: null, unacceptedCommentsReasoned: true, disclosure: true });
    const decree145 = { text: 'Nghị định 145/2020/NĐ-CP', article: '48', status: 'confirmed' };
    expect(rules.sources.issuer).toMatchObject({ ...decree145, clause: '1' });
    expect(rules.sources.consulted).toMatchObject({ ...decree145, clause: '2' });
    expect(rules.sources.unacceptedCommentsReasoned).toMatchObject({ ...decree145, clause: '2' });
    expect(rules.sources.disclosure).toMatchObject({ ...decree145, clause: '3' });
    expect(rules.sources.annualConference).toMatchObject({ text: 'Nghị định 145/2020/NĐ-CP', article: '47', clause: '1', status: 'confirmed' });
  });

  it('are frozen', () => {
    const rules = workplaceRulesOf('agency_democracy_regulation')!;
    expect(Object.isFrozen(rules)).toBe(true);
    expect(Object.isFrozen(rules.conferenceQuorum)).toBe(true);
    expect(Object.isFrozen(rules.sources.issuer)).toBe(true);
    expect(Object.isFrozen(workplaceRules)).toBe(true);
  });

  it('given the current regimes, cite Decree 61/2023 art. 15(4)(a) for the yearly review on 18 November', () => {
    for (const id of ['decree-61-2023', 'two-tier-2025']) {
      const { sources, annualReviewDay, annualReviewInterval } = regimeById(id);
      expect({ annualReviewDay, annualReviewInterval }).toEqual({ annualReviewDay: { month: 11, day: 18 }, annualReviewInterval: { amount: 1, unit: 'years' } });
      expect(sources.annualReviewDay).toMatchObject({ text: 'Nghị định 61/2023/NĐ-CP', article: '15', clause: '4(a)', status: 'confirmed' });
      expect(sources.annualReviewInterval).toMatchObject({ article: '15', clause: '4(a)', status: 'confirmed' });
    }
  });

  it('given the 2018 regime, cite Decision 22/2018 art. 7(1) for the 30 days of posting and art. 15(2) for the 3 working days of a suspension', () => {
    const { sources } = regimeById('decision-22-2018');
    expect(sources.consultationMinimum).toMatchObject({ text: 'Quyết định 22/2018/QĐ-TTg', article: '7', clause: '1', status: 'confirmed' });
    expect(sources.suspensionReportDeadline).toMatchObject({ text: 'Quyết định 22/2018/QĐ-TTg', article: '15', clause: '2', status: 'confirmed' });
  });

  it('given the current regimes, cite Decree 61/2023 art. 11 for the 5 + 5 working days and the dossier, art. 12(2) for the 3 days', () => {
    for (const id of ['decree-61-2023', 'two-tier-2025']) {
      const { sources } = regimeById(id);
      expect(sources.submissionDeadline).toMatchObject({ text: 'Nghị định 61/2023/NĐ-CP', article: '11', clause: '3(a)', status: 'confirmed' });
      expect(sources.decisionDeadline).toMatchObject({ text: 'Nghị định 61/2023/NĐ-CP', article: '11', clause: '3(b)', status: 'confirmed' });
      expect(sources.dossierDocuments).toMatchObject({ article: '11', clause: '4', status: 'confirmed' });
      expect(sources.suspensionReportDeadline).toMatchObject({ article: '12', clause: '2', status: 'confirmed' });
    }
  });

  it('given the 2018 regime, record the commune request letter of Decision 22/2018 art. 9(4) as not applied', () => {
    expect(regimeById('decision-22-2018').sources.dossierDocuments).toMatchObject({
      text: 'Quyết định 22/2018/QĐ-TTg',
      article: '9',
      clause: '4',
      status: 'unconfirmed',
      note: expect.stringContaining('commune People\'s Committee'),
    });
    expect(regimeById('decision-22-2018').sources.adoption.note).toContain('households or voters');
  });
});

describe('regimeInForceOn', () => {
  it('given the day before Decree 61/2023 took effect, returns Decision 22/2018', () => {
    expect(regimeInForceOn('2023-08-15').id).toBe('decision-22-2018');
  });

  it('given the day Decree 61/2023 took effect, returns it', () => {
    expect(regimeInForceOn('2023-08-16').id).toBe('decree-61-2023');
    expect(regimeInForceOn('2025-06-30').id).toBe('decree-61-2023');
  });

  it('given 1 July 2025 or later, returns the two-tier regime', () => {
    expect(regimeInForceOn('2025-07-01').id).toBe('two-tier-2025');
    expect(regimeInForceOn('2030-01-01').id).toBe('two-tier-2025');
  });

  it('given 1 July 2018, returns Decision 22/2018', () => {
    expect(regimeInForceOn('2018-07-01').id).toBe('decision-22-2018');
  });

  it('given a date before 1 July 2018, throws REGIME.NOT_IN_FORCE', () => {
    const error = thrown(() => regimeInForceOn('2018-06-30'));
    expect(error).toBeInstanceOf(RegimeError);
    expect(error).toMatchObject({ code: 'REGIME.NOT_IN_FORCE' });
  });

  it('given an unsorted custom list, still picks the latest effective regime', () => {
    const [first, second, third] = legalRegimes;
    expect(regimeInForceOn('2024-01-01', [third, first, second]).id).toBe('decree-61-2023');
    expect(() => regimeInForceOn('2024-01-01', [])).toThrow(RegimeError);
  });
});

describe('regimeById', () => {
  it('given an unknown id, throws REGIME.UNKNOWN', () => {
    const error = thrown(() => regimeById('ordinance-34-2007'));
    expect(error).toBeInstanceOf(RegimeError);
    expect(error).toMatchObject({ code: 'REGIME.UNKNOWN' });
  });
});

describe('addDuration', () => {
  it('given working days, skips weekends and holidays', () => {
    expect(addDuration('2025-03-07', { amount: 5, unit: 'working_days' })).toBe('2025-03-14');
    expect(addDuration('2025-01-24', { amount: 5, unit: 'working_days' })).toBe('2025-02-07');
    expect(addDuration('2025-04-25', { amount: 3, unit: 'working_days' })).toBe('2025-04-29');
  });

  it('given calendar days, counts every day', () => {
    expect(addDuration('2023-08-16', { amount: 30, unit: 'calendar_days' })).toBe('2023-09-15');
    expect(addDuration('2025-01-24', { amount: 5, unit: 'calendar_days' })).toBe('2025-01-29');
  });

  it('given years, keeps the day and turns 29 February into 28 February', () => {
    expect(addDuration('2024-11-18', { amount: 1, unit: 'years' })).toBe('2025-11-18');
    expect(addDuration('2024-02-29', { amount: 1, unit: 'years' })).toBe('2025-02-28');
  });

  it('given each regime, applies its own deadlines', () => {
    expect(addDuration('2020-03-02', regimeById('decision-22-2018').decisionDeadline)).toBe('2020-03-23');
    expect(addDuration('2025-03-03', regimeById('two-tier-2025').decisionDeadline)).toBe('2025-03-10');
  });
});

describe('exceeds', () => {
  const half = { numerator: 1, denominator: 2 };

  it('is a strict "more than"', () => {
    expect(exceeds(51, 100, half)).toBe(true);
    expect(exceeds(50, 100, half)).toBe(false);
    expect(exceeds(3, 5, half)).toBe(true);
    expect(exceeds(2, 5, half)).toBe(false);
    expect(exceeds(0, 0, half)).toBe(false);
  });

  it('has an "at least" twin, reaches', () => {
    const twoThirds = { numerator: 2, denominator: 3 };
    expect(reaches(20, 30, twoThirds)).toBe(true);
    expect(reaches(19, 30, twoThirds)).toBe(false);
    expect(exceeds(20, 30, twoThirds)).toBe(false);
    expect(() => reaches(-1, 3, twoThirds)).toThrow(RangeError);
  });

  it('compares exactly where floating point would not', () => {
    expect(exceeds(1, 3, { numerator: 1, denominator: 3 })).toBe(false);
    expect(exceeds(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, { numerator: 1, denominator: 1 })).toBe(true);
    expect(exceeds(Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER, { numerator: 1, denominator: 1 })).toBe(false);
  });

  it('given a non-integer or negative count or a zero denominator, throws', () => {
    expect(() => exceeds(1.5, 3, half)).toThrow(RangeError);
    expect(() => exceeds(-1, 3, half)).toThrow(RangeError);
    expect(() => exceeds(1, 3, { numerator: 1, denominator: 0 })).toThrow(RangeError);
  });
});
