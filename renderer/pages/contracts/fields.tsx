// Small form helpers for the contract screens: German dates (TT.MM.JJJJ) and intervals.
import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { formatDate, INTERVAL_UNIT_LABELS, INTERVAL_UNITS, isIsoDate, parseDate, type IntervalUnit } from '../../../shared/dates';
import type { IntervalDto } from '../../../shared/api/contracts';

/** ISO → TT.MM.JJJJ for a text field ('' for none). */
export const showDate = (iso: string | null | undefined): string => (iso ? formatDate(iso) : '');

/** TT.MM.JJJJ from a field → ISO; '' stays '' (empty), anything unreadable is passed on for main to refuse. */
export function isoOf(text: string): string {
  const s = text.trim();
  if (s === '') return '';
  return parseDate(s) ?? s;
}

export const isoOrNull = (text: string): string | null => {
  const s = isoOf(text);
  return s === '' ? null : s;
};

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

export const UNIT_OPTIONS = INTERVAL_UNITS.map((u) => ({ value: u, label: INTERVAL_UNIT_LABELS[u].many }));

export interface IntervalState {
  count: number | '';
  unit: IntervalUnit;
}

export const intervalState = (i: IntervalDto | null | undefined, fallback: IntervalUnit = 'MONTH'): IntervalState => ({
  count: i?.count ?? '',
  unit: i?.unit ?? fallback,
});

export const intervalOf = (s: IntervalState): IntervalDto | null => (s.count === '' ? null : { count: s.count, unit: s.unit });

export function IntervalField(props: { label: string; value: IntervalState; onChange: (v: IntervalState) => void; optional?: boolean; testId?: string; error?: string | undefined }) {
  return (
    <Group gap={4} align="flex-end" data-testid={props.testId}>
      <NumberInput
        label={props.label}
        placeholder={props.optional ? 'leer = keine' : undefined}
        min={1}
       
        w={props.optional ? 130 : 90}
        value={props.value.count}
        error={props.error}
        onChange={(v) => props.onChange({ ...props.value, count: typeof v === 'number' ? v : '' })}
      />
      <Select
        aria-label={`${props.label} Einheit`}
        data={UNIT_OPTIONS}
        w={110}
        allowDeselect={false}
        value={props.value.unit}
        onChange={(v) => props.onChange({ ...props.value, unit: (v ?? 'MONTH') as IntervalUnit })}
      />
    </Group>
  );
}
