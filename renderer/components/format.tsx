import { Text, type TextProps } from '@mantine/core';
import { formatDate } from '../../shared/dates';
import { dec, formatMoney } from '../../shared/money';

/** An amount from the API (plain decimal string) as "1.234,56 €", right-aligned digits. */
export function Money({ value, currency = 'EUR', ...props }: { value: string; currency?: string } & TextProps) {
  const amount = dec(value);
  return (
    <Text component="span" ff="monospace" c={amount.isNegative() ? 'red.8' : undefined} {...props}>
      {formatMoney(amount, currency)}
    </Text>
  );
}

export function DateText({ value }: { value: string | null | undefined }) {
  return <>{value ? formatDate(value.slice(0, 10)) : '—'}</>;
}

/** An ISO timestamp as "TT.MM.JJJJ HH:MM" in German time (schedules run on Europe/Berlin). */
export function formatTimestamp(iso: string): string {
  const parts = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}
