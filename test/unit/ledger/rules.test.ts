import { describe, expect, it } from 'vitest';
import { availableCredit, balanceOf, checkLedgerReversal, checkManualEntry, signedAmount, withRunningBalance } from '../../../main/ledger/rules';
import { AppError } from '../../../shared/errors';
import { dec } from '../../../shared/money';

describe('ledger rules (DOMAIN §8)', () => {
  it('books debits positive and credits negative', () => {
    expect(signedAmount('INVOICE', dec('119')).toFixed(2)).toBe('119.00');
    expect(signedAmount('MANUAL_DEBIT', dec('5')).toFixed(2)).toBe('5.00');
    expect(signedAmount('DIRECT_DEBIT_RETURN', dec('5')).toFixed(2)).toBe('5.00');
    expect(signedAmount('PAYMENT', dec('119')).toFixed(2)).toBe('-119.00');
    expect(signedAmount('MANUAL_CREDIT', dec('50')).toFixed(2)).toBe('-50.00');
    expect(signedAmount('CANCELLATION', dec('357')).toFixed(2)).toBe('-357.00');
  });

  it('S7 a Gutschrift of 50,00 leaves a balance of −50,00 (credit)', () => {
    expect(balanceOf([{ amount: signedAmount('MANUAL_CREDIT', dec('50')) }]).toFixed(2)).toBe('-50.00');
  });

  it('shows a running balance in booking order (date, then id)', () => {
    const rows = withRunningBalance([
      { id: 3, date: '2026-02-01', amount: dec('-100') },
      { id: 1, date: '2026-01-01', amount: dec('119') },
      { id: 2, date: '2026-01-01', amount: dec('-19') },
    ]);
    expect(rows.map((r) => [r.id, r.balance.toFixed(2)])).toEqual([[1, '119.00'], [2, '100.00'], [3, '0.00']]);
  });

  it('refuses a manual entry without positive amount or text, naming the field', () => {
    expect(() => checkManualEntry({ amount: dec('0'), text: 'x' })).toThrow('Betrag muss größer als 0 sein');
    expect(() => checkManualEntry({ amount: dec('1.234'), text: 'x' })).toThrow('2 Nachkommastellen');
    expect(() => checkManualEntry({ amount: dec('1'), text: ' ' })).toThrow('Buchungstext fehlt');
    expect(() => checkManualEntry({ amount: dec('1'), text: 'ok' })).not.toThrow();
  });

  it('S9 a payment from a bank line is not counter-booked in the ledger but by the bank undo, which reopens the line', () => {
    let refusal: unknown = null;
    try {
      checkLedgerReversal({ bankTransactionId: 42 });
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).toData()).toEqual({
      code: 'CONFLICT',
      message:
        'Diese Buchung stammt aus einem Zahlungseingang der Bank und wird dort rückgängig gemacht: Zahlungen → Zahlungseingänge verbuchen → Umsatz wählen → „Rückgängig (Gegenbuchung)“. So wird auch der Umsatz wieder offen.',
      details: { bankTransactionId: 42 },
    });
    expect(() => checkLedgerReversal({ bankTransactionId: null })).not.toThrow();
  });

  it('Guthaben is the unallocated part of credits', () => {
    expect(availableCredit([{ amount: dec('-357'), allocated: dec('321.30') }, { amount: dec('-10'), allocated: dec('10') }]).toFixed(2)).toBe('35.70');
  });
});
