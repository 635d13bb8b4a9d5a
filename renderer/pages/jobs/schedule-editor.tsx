import { Button, Group, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { JobDto } from '../../../shared/api/jobs';
import { cronToPreset, describeCron, parseClockTime, presetToCron, WEEKDAYS, type SchedulePreset } from '../../../shared/schedule-presets';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useAction } from '../../components/use-call';

type Kind = SchedulePreset['kind'] | 'CUSTOM';

const KIND_LABELS: Record<Kind, string> = {
  EVERY_MINUTES: 'Alle … Minuten',
  DAILY: 'Täglich',
  WEEKLY: 'Wöchentlich',
  MONTHLY: 'Monatlich',
  CUSTOM: 'Eigener Ausdruck (cron)',
};

function wholeNumberIn(value: number | string, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Friendly German editor for daily / weekly / monthly schedules, with raw cron as a fallback. */
export function ScheduleEditor({ job, onSaved }: { job: JobDto; onSaved: () => void }) {
  const initial = cronToPreset(job.cron);
  const [kind, setKind] = useState<Kind>(initial?.kind ?? 'CUSTOM');
  const [minutes, setMinutes] = useState<number | string>(initial?.kind === 'EVERY_MINUTES' ? initial.minutes : 10);
  const [time, setTime] = useState(
    initial && initial.kind !== 'EVERY_MINUTES' ? `${String(initial.hour).padStart(2, '0')}:${String(initial.minute).padStart(2, '0')}` : '06:00',
  );
  const [weekday, setWeekday] = useState(initial?.kind === 'WEEKLY' ? initial.weekday : 1);
  const [day, setDay] = useState<number | string>(initial?.kind === 'MONTHLY' ? initial.day : 1);
  const [custom, setCustom] = useState(job.cron);
  const [enabled, setEnabled] = useState(job.enabled);
  // What was typed is checked here, at its field: a wrong value is never saved as some other one.
  const clock = parseClockTime(time);
  const timeError = kind !== 'EVERY_MINUTES' && kind !== 'CUSTOM' && clock === null ? 'Uhrzeit als HH:MM eingeben (00:00–23:59)' : null;
  const minutesError = kind === 'EVERY_MINUTES' && !wholeNumberIn(minutes, 1, 59) ? 'Minuten: ganze Zahl von 1 bis 59' : null;
  const dayError = kind === 'MONTHLY' && !wholeNumberIn(day, 1, 28) ? 'Tag im Monat: 1 bis 28 (jeden Monat vorhanden)' : null;
  const invalid = timeError !== null || minutesError !== null || dayError !== null;
  const { hour, minute } = clock ?? { hour: 0, minute: 0 };
  const cron =
    kind === 'CUSTOM'
      ? custom
      : presetToCron(
          kind === 'EVERY_MINUTES'
            ? { kind, minutes: Number(minutes) }
            : kind === 'DAILY'
              ? { kind, hour, minute }
              : kind === 'WEEKLY'
                ? { kind, weekday, hour, minute }
                : { kind, day: Number(day), hour, minute },
        );
  const save = useAction(async () => {
    await call('jobs.updateSchedule', { name: job.name, cron, enabled });
    onSaved();
  });
  return (
    <Stack>
      <Switch label="Zeitplan aktiv" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
      <Select label="Wiederholung" data-testid="schedule-kind" value={kind} allowDeselect={false} data={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} onChange={(v) => setKind((v as Kind | null) ?? 'DAILY')} />
      {kind === 'EVERY_MINUTES' && <NumberInput label="Minuten" min={1} max={59} allowDecimal={false} value={minutes} onChange={setMinutes} error={minutesError} />}
      {kind === 'WEEKLY' && (
        <Select label="Wochentag" allowDeselect={false} value={String(weekday)} data={WEEKDAYS.map((w, i) => ({ value: String(i), label: w }))} onChange={(v) => setWeekday(Number(v ?? 1))} />
      )}
      {kind === 'MONTHLY' && <NumberInput label="Tag im Monat" min={1} max={28} allowDecimal={false} value={day} onChange={setDay} error={dayError} />}
      {kind !== 'EVERY_MINUTES' && kind !== 'CUSTOM' && <TextInput label="Uhrzeit (HH:MM)" value={time} onChange={(e) => setTime(e.currentTarget.value)} error={timeError} />}
      {kind === 'CUSTOM' && <TextInput label="Cron-Ausdruck (Minute Stunde Tag Monat Wochentag)" value={custom} onChange={(e) => setCustom(e.currentTarget.value)} error={save.error?.fieldErrors().cron} />}
      <Group justify="space-between">
        <span>{invalid ? '' : describeCron(cron)}</span>
        <Button onClick={() => void save.run()} loading={save.busy} disabled={invalid}>
          Speichern
        </Button>
      </Group>
      <ErrorAlert error={save.error} />
    </Stack>
  );
}
