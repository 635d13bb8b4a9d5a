import { describe, expect, it } from 'vitest';
import type { Interval } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import {
  billingAnchor,
  checkActivityDate,
  checkTerminationDate,
  contractStatus,
  effectiveEnd,
  endAfterNotice,
  lastNoticeDay,
  termEnd,
  type ContractTerms,
} from '../../../main/contracts/rules-terms';

const M = (count: number): Interval => ({ count, unit: 'MONTH' });
const terms = (over: Partial<ContractTerms> = {}): ContractTerms => ({
  startDate: '2026-01-01',
  interval: M(1),
  trial: null,
  trialOutcome: 'CONTINUE',
  minimumTerm: null,
  renewal: null,
  notice: null,
  endDate: null,
  ...over,
});

describe('term and notice (S12)', () => {
  const s12 = terms({ minimumTerm: M(12), renewal: M(3), notice: M(1) });

  it('S12 terms: minimum term to 31.12.2026, then renewals of 3 months', () => {
    expect([0, 1, 2].map((j) => termEnd(s12, j))).toEqual(['2026-12-31', '2027-03-31', '2027-06-30']);
  });

  it('S12 notice received 15.11.2026 ends the contract on 31.12.2026', () => {
    expect(endAfterNotice(s12, '2026-11-15')).toBe('2026-12-31');
  });

  it('S12 notice received 10.12.2026 ends the contract on 31.03.2027', () => {
    expect(endAfterNotice(s12, '2026-12-10')).toBe('2027-03-31');
  });

  it.each([
    // received on, end
    ['2026-01-01', '2026-12-31'],
    ['2026-11-30', '2026-12-31'], // last day for a month's notice to 31.12.
    ['2026-12-01', '2027-03-31'],
    ['2027-02-28', '2027-03-31'],
    ['2027-03-01', '2027-06-30'],
    ['2027-05-31', '2027-06-30'],
    ['2027-06-01', '2027-09-30'],
  ])('variant: notice on %s → ends %s', (receivedOn, end) => {
    expect(endAfterNotice(s12, receivedOn)).toBe(end);
  });

  it('the last notice day is counted back from the day after the end (§ 188 BGB)', () => {
    expect(lastNoticeDay('2026-12-31', M(1))).toBe('2026-11-30');
    expect(lastNoticeDay('2027-04-30', M(1))).toBe('2027-03-31');
    expect(lastNoticeDay('2027-03-31', M(3))).toBe('2026-12-31');
    expect(lastNoticeDay('2026-12-31', { count: 2, unit: 'WEEK' })).toBe('2026-12-17');
    expect(lastNoticeDay('2026-12-31', null)).toBe('2026-12-31');
  });

  it('keeps month ends across renewals (start 31.01., minimum 1 month, renewal 1 month)', () => {
    const t = terms({ startDate: '2026-01-31', minimumTerm: M(1), renewal: M(1) });
    expect([0, 1, 2].map((j) => termEnd(t, j))).toEqual(['2026-02-27', '2026-03-30', '2026-04-29']);
  });

  it('without minimum term and renewal the contract can end with any billing period', () => {
    const t = terms({ notice: { count: 14, unit: 'DAY' } });
    expect(endAfterNotice(t, '2026-03-10')).toBe('2026-03-31');
    expect(endAfterNotice(t, '2026-03-20')).toBe('2026-04-30');
  });

  it('a non-renewing contract ends after the minimum term; a later notice does not extend it', () => {
    const t = terms({ minimumTerm: M(12), notice: M(3) });
    expect(effectiveEnd(t)).toBe('2026-12-31');
    expect(endAfterNotice(t, '2026-12-15')).toBe('2026-12-31');
  });

  it('refuses a notice before the start and a termination before the start, in German', () => {
    expect(() => endAfterNotice(s12, '2025-12-31')).toThrow(/vor Vertragsbeginn \(01\.01\.2026\)/);
    expect(() => checkTerminationDate(s12, '2025-12-31')).toThrow(AppError);
    expect(() => checkTerminationDate(s12, '2026-01-01')).not.toThrow();
  });
});

describe('activity date (§6: no activities after the end date)', () => {
  /** The field error on `date`, or null when the date is accepted. */
  const dateProblem = (t: ContractTerms, date: string): string | null => {
    try {
      checkActivityDate(t, date);
      return null;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return e.details?.fields?.['date'] ?? e.message;
    }
  };

  it.each([
    ['terminated to 31.03.2026: 31.03.2026 is accepted', terms({ endDate: '2026-03-31' }), '2026-03-31', null],
    [
      'terminated to 31.03.2026: 15.05.2026 is refused',
      terms({ endDate: '2026-03-31' }),
      '2026-05-15',
      'Das Leistungsdatum darf nicht nach dem Vertragsende (31.03.2026) liegen',
    ],
    [
      'non-renewing, minimum term 12 months: 01.01.2027 is refused',
      terms({ minimumTerm: M(12) }),
      '2027-01-01',
      'Das Leistungsdatum darf nicht nach dem Vertragsende (31.12.2026) liegen',
    ],
    ['running on without an end: 30.06.2030 is accepted', terms(), '2030-06-30', null],
    ['31.12.2025, before the start, is refused', terms(), '2025-12-31', 'Das Leistungsdatum darf nicht vor dem Vertragsbeginn (01.01.2026) liegen'],
    ['01.01.2026, the start day, is accepted', terms(), '2026-01-01', null],
  ])('%s', (_label, t, date, problem) => {
    expect(dateProblem(t, date)).toBe(problem);
  });
});

describe('trial', () => {
  it('a trial of 14 days is not billed: billing starts the day after it', () => {
    expect(billingAnchor(terms({ trial: { count: 14, unit: 'DAY' } }))).toBe('2026-01-15');
    expect(billingAnchor(terms())).toBe('2026-01-01');
  });

  it('a trial that ends the contract ends it on its last day', () => {
    const t = terms({ trial: { count: 1, unit: 'MONTH' }, trialOutcome: 'END' });
    expect(effectiveEnd(t)).toBe('2026-01-31');
    expect(contractStatus(t, '2026-02-01')).toBe('ENDED');
  });
});

describe('derived status', () => {
  it.each([
    [terms({ startDate: '2027-03-01' }), '2026-11-28', 'FUTURE'], // S2
    [terms(), '2026-11-28', 'ACTIVE'],
    [terms({ endDate: '2026-12-31' }), '2026-11-28', 'NOTICE_GIVEN'],
    [terms({ endDate: '2026-12-31' }), '2026-12-31', 'NOTICE_GIVEN'],
    [terms({ endDate: '2026-12-31' }), '2027-01-01', 'ENDED'],
    [terms({ minimumTerm: M(12) }), '2026-12-31', 'ACTIVE'],
    [terms({ minimumTerm: M(12) }), '2027-01-01', 'ENDED'],
  ])('%o on %s is %s', (t, today, status) => {
    expect(contractStatus(t, today)).toBe(status);
  });
});
