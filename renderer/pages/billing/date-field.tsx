// German date entry (TT.MM.JJJJ) for the billing and ledger screens.
import { TextInput } from '@mantine/core';
import { formatDate, isIsoDate, parseDate } from '../../../shared/dates';

export const showDate = (iso: string | null | undefined): string => (iso ? formatDate(iso) : '');

/** TT.MM.JJJJ → ISO; '' stays ''; anything unreadable is passed on for main to refuse with a German message. */
export function isoOf(text: string): string {
  const s = text.trim();
  if (s === '') return '';
  return parseDate(s) ?? s;
}

export function DateField(props: { label: string; value: string; onChange: (v: string) => void; error?: string | undefined; testId?: string; required?: boolean }) {
  const iso = isoOf(props.value);
  const invalid = props.value.trim() !== '' && !isIsoDate(iso);
  return (
    <TextInput
      label={props.label}
      placeholder="TT.MM.JJJJ"
      value={props.value}
      required={props.required}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error ?? (invalid ? 'Datum als TT.MM.JJJJ eingeben' : undefined)}
      data-testid={props.testId}
      w={150}
    />
  );
}
