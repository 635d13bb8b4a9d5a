// Pure contract-term rules (DOMAIN §6): trial, minimum term, renewal, notice, extraordinary
// termination and the derived status. Dates are arguments; nothing reads a clock.
import { addDays, addInterval, addMonthsClamped, compareDates, formatDate, minDate, type Interval, type IsoDate } from '../../shared/dates';
import { fieldError } from '../../shared/errors';
import { periodContaining } from './rules-periods';

export type ContractStatus = 'FUTURE' | 'ACTIVE' | 'NOTICE_GIVEN' | 'ENDED';
export type TrialOutcome = 'CONTINUE' | 'END';

export interface ContractTerms {
  readonly startDate: IsoDate;
  readonly interval: Interval;
  readonly trial: Interval | null;
  /** What happens when the trial is over: billing starts, or the contract ends. */
  readonly trialOutcome: TrialOutcome;
  readonly minimumTerm: Interval | null;
  /** Empty = non-renewing: the contract ends after the minimum term. */
  readonly renewal: Interval | null;
  readonly notice: Interval | null;
  /** Last day of the contract once notice was received or it was terminated (inclusive). */
  readonly endDate: IsoDate | null;
}

/** First day after the trial (the start itself without a trial). */
export function trialEnd(t: Pick<ContractTerms, 'startDate' | 'trial'>): IsoDate {
  return t.trial === null ? t.startDate : addInterval(t.startDate, t.trial, 1);
}

/**
 * Billing starts after the trial; periods are anchored on that day. (A trial is not billed;
 * anchoring on its end gives whole periods instead of a prorated first one.)
 */
export function billingAnchor(t: Pick<ContractTerms, 'startDate' | 'trial'>): IsoDate {
  return trialEnd(t);
}

function monthsOf(i: Interval): number | null {
  if (i.unit === 'MONTH') return i.count;
  if (i.unit === 'YEAR') return 12 * i.count;
  return null;
}

/**
 * First day after term j (j = 0 is the minimum term, j ≥ 1 the renewals), computed from the
 * start each time so month ends are kept. Without a minimum term the first term is one
 * renewal; with neither, terms are the billing periods (the contract can end with any period).
 */
export function termBoundary(t: ContractTerms, j: number): IsoDate {
  const first = t.minimumTerm ?? t.renewal ?? t.interval;
  const next = t.renewal ?? t.interval;
  const firstMonths = monthsOf(first);
  const nextMonths = monthsOf(next);
  if (firstMonths !== null && nextMonths !== null) return addMonthsClamped(t.startDate, firstMonths + j * nextMonths);
  return addInterval(addInterval(t.startDate, first, 1), next, j);
}

/** Last day of term j (inclusive). */
export function termEnd(t: ContractTerms, j: number): IsoDate {
  return addDays(termBoundary(t, j), -1);
}

/** The natural end without any notice: the trial's end when it ends the contract, or the minimum term of a non-renewing contract. */
export function naturalEnd(t: ContractTerms): IsoDate | null {
  if (t.trial !== null && t.trialOutcome === 'END') return addDays(trialEnd(t), -1);
  if (t.minimumTerm !== null && t.renewal === null) return termEnd(t, 0);
  return null;
}

/** The day the contract really ends (inclusive), or null while it runs on. */
export function effectiveEnd(t: ContractTerms): IsoDate | null {
  const natural = naturalEnd(t);
  if (t.endDate === null) return natural;
  return natural === null ? t.endDate : minDate(natural, t.endDate);
}

/**
 * Last day on which a notice still reaches the term ending on `end`: counted back from the day
 * after the end (§ 188 BGB), so a month's notice to 31.12. must arrive by 30.11., to 30.04. by 31.03.
 */
export function lastNoticeDay(end: IsoDate, notice: Interval | null): IsoDate {
  if (notice === null) return end;
  return addDays(addInterval(addDays(end, 1), notice, -1), -1);
}

/**
 * A notice received on N ends the contract at the end of the first term whose end minus the
 * notice period is on or after N (S12: notice 15.11.2026 → 31.12.2026, 10.12.2026 → 31.03.2027).
 */
export function endAfterNotice(t: ContractTerms, receivedOn: IsoDate): IsoDate {
  if (compareDates(receivedOn, t.startDate) < 0) {
    throw fieldError('noticeReceivedOn', `Die Kündigung kann nicht vor Vertragsbeginn (${formatDate(t.startDate)}) eingehen`);
  }
  const natural = naturalEnd(t);
  for (let j = 0; ; j += 1) {
    const end = termEnd(t, j);
    if (natural !== null && compareDates(end, natural) >= 0) return natural;
    if (compareDates(lastNoticeDay(end, t.notice), receivedOn) >= 0) return end;
    if (j > 100_000) throw fieldError('noticeReceivedOn', 'Das Vertragsende konnte nicht bestimmt werden');
  }
}

/** Checks an extraordinary termination date: not before the start. */
export function checkTerminationDate(t: Pick<ContractTerms, 'startDate'>, endDate: IsoDate): void {
  if (compareDates(endDate, t.startDate) < 0) {
    throw fieldError('endDate', `Das Vertragsende darf nicht vor dem Vertragsbeginn (${formatDate(t.startDate)}) liegen`);
  }
}

/** Checks an activity's date: inside the contract, from the start to the effective end (no activities after the end, §6). */
export function checkActivityDate(t: ContractTerms, date: IsoDate): void {
  if (compareDates(date, t.startDate) < 0) {
    throw fieldError('date', `Das Leistungsdatum darf nicht vor dem Vertragsbeginn (${formatDate(t.startDate)}) liegen`);
  }
  const end = effectiveEnd(t);
  if (end !== null && compareDates(date, end) > 0) {
    throw fieldError('date', `Das Leistungsdatum darf nicht nach dem Vertragsende (${formatDate(end)}) liegen`);
  }
}

/** FUTURE before the start; ENDED after the last day; NOTICE_GIVEN once an end is set; else ACTIVE. */
export function contractStatus(t: ContractTerms, today: IsoDate): ContractStatus {
  if (compareDates(today, t.startDate) < 0) return 'FUTURE';
  const end = effectiveEnd(t);
  if (end !== null && compareDates(today, end) > 0) return 'ENDED';
  if (t.endDate !== null) return 'NOTICE_GIVEN';
  return 'ACTIVE';
}

/** The billing period that contains a day, for messages ("Leistungszeitraum …"). */
export function billingPeriodOn(t: ContractTerms, date: IsoDate) {
  return periodContaining(billingAnchor(t), t.interval, date);
}
