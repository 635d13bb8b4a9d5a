import { describe, expect, it } from 'vitest';
import { debitorAllocator, displayNameOf, trigramQuery } from '../../../main/customers/rules';

describe('customer rules', () => {
  /** One allocation against a fixed set of taken accounts. */
  const derive = (number: string, isTaken: (account: string) => boolean = () => false) => debitorAllocator(isTaken)(number);
  const takenOf = (...accounts: string[]) => (account: string) => accounts.includes(account);
  const shortRangeFull = (account: string) => account.length === 5;

  it('derives the DATEV debitor account from the customer number', () => {
    expect(derive('K00001')).toBe('10001');
    expect(derive('4711')).toBe('14711');
  });

  it('never hands out a taken debitor account: out of range, no digits or taken → the highest free account', () => {
    expect(derive('ABC')).toBe('69999');
    expect(derive('K99999', takenOf('69999'))).toBe('69998');
    expect(derive('1', takenOf('10001'))).toBe('69999');
  });

  it('goes on in the six-digit range (account length 5) only when 10000–69999 is full; null when all are taken', () => {
    expect(derive('1', shortRangeFull)).toBe('100001');
    expect(derive('K60000', shortRangeFull)).toBe('160000');
    expect(derive('ABC', shortRangeFull)).toBe('699999');
    expect(derive('K00001', () => true)).toBeNull();
  });

  it('one allocator for a whole import hands out each fallback account once', () => {
    const taken = new Set(['10001']);
    const next = debitorAllocator((account) => taken.has(account));
    const handedOut = ['1', 'A', 'B'].map((number) => {
      const account = next(number)!;
      taken.add(account);
      return account;
    });
    expect(handedOut).toEqual(['69999', '69998', '69997']);
  });

  it('shows the company name, else first and last name', () => {
    expect(displayNameOf({ kind: 'COMPANY', companyName: 'Blum GmbH', firstName: null, lastName: null })).toBe('Blum GmbH');
    expect(displayNameOf({ kind: 'PERSON', companyName: null, firstName: 'Eva', lastName: 'Schulze' })).toBe('Eva Schulze');
  });

  it('quotes search terms for the trigram index and leaves short ones to LIKE', () => {
    expect(trigramQuery('Mü')).toBeNull();
    expect(trigramQuery('Mül')).toBe('"Mül"');
    expect(trigramQuery('a"b"c')).toBe('"a""b""c"');
  });
});
