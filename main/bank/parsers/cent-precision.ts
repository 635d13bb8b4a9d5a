// §2 "Amounts carry 2 decimals": an amount with a non-zero third decimal (MT940 "10,005") has no exact
// value in cents and rounding would invent money, so the file is refused; "8.850" is fine.
import { AMOUNT_DECIMALS, formatDecimal } from '../../../shared/money';
import { allTransactions, type ParsedFile } from './model';
import { refuseFile } from './refuse';

export function refuseAmountsBeyondCents(file: ParsedFile): void {
  const bad = allTransactions(file).find((t) => t.amount.decimalPlaces() > AMOUNT_DECIMALS);
  if (!bad) return;
  const message =
    `${bad.source}: Der Betrag ${formatDecimal(bad.amount, bad.amount.decimalPlaces())} hat mehr als ${AMOUNT_DECIMALS} Nachkommastellen. ` +
    'Beträge auf Kontoauszügen sind centgenau; die Datei wurde nicht eingelesen.';
  refuseFile(message);
}
