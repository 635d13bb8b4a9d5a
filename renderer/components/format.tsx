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

/** An ISO timestamp as "TT.MM.JJJJ HH:MM" in local time. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
