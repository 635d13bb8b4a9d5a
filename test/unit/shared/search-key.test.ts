import { describe, expect, it } from 'vitest';
import { searchKey } from '../../../shared/search-key';

describe('search key (DIN 5007-1, dictionary order)', () => {
  it.each([
    ['Ärztehaus GmbH', 'arztehaus gmbh'],
    ['ÖZDEMIR', 'ozdemir'],
    ['Übersetzung', 'ubersetzung'],
    ['Straße', 'strasse'],
    ['GROẞ', 'gross'],
    ['Café Zoë', 'cafe zoe'],
    ['K00001', 'k00001'],
  ])('%s → %s', (text, key) => expect(searchKey(text)).toBe(key));

  it('sorts Ä with A and Ö with O, not after Z', () => {
    const names = ['Zander', 'Ärztehaus', 'Bauer', 'Özdemir', 'Otto'];
    expect([...names].sort((a, b) => (searchKey(a) < searchKey(b) ? -1 : 1))).toEqual(['Ärztehaus', 'Bauer', 'Otto', 'Özdemir', 'Zander']);
  });
});
