import { channel } from './define';
import { z } from './zod-de';

export interface NumberRangeDto {
  readonly key: string;
  readonly label: string;
  readonly format: string;
  readonly startValue: number;
  /** The number the next document of today would get. */
  readonly nextPreview: string;
  /** Numbers issued so far in the current period. */
  readonly issuedInPeriod: number;
}

export const numberRangeChannels = {
  'numberRanges.list': channel<readonly NumberRangeDto[]>()(z.object({})),
  'numberRanges.update': channel<NumberRangeDto>()(
    z.object({
      key: z.string().min(1),
      format: z.string().trim().min(1, { message: 'Format fehlt' }).max(40, { message: 'Format: höchstens 40 Zeichen' }),
      startValue: z.number().int({ message: 'Startwert als ganze Zahl' }).min(0, { message: 'Startwert darf nicht negativ sein' }).max(999_999_999),
    }),
  ),
};
