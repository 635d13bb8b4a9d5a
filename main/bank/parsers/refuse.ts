// A statement file is read whole or not at all: these refusals name where the file is wrong, in
// German, and nothing of it is imported (§2, and "nothing is half written").
import { AppError } from '../../../shared/errors';

export function refuseFile(message: string): never {
  throw new AppError('VALIDATION', message, { fields: { file: message } });
}

/** A booking that cannot be read: skipping it would lose a payment, so the whole file is refused. */
export function refuseUnreadableBooking(problem: string): never {
  refuseFile(
    `${problem.replace(/\.$/, '')}. Die Datei wurde nicht eingelesen, damit kein Umsatz verloren geht – bitte die Zeile prüfen oder den Auszug neu aus dem Online-Banking exportieren.`,
  );
}
