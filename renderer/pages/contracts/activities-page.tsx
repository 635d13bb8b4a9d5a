import { Button, Group, NumberInput, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ACTIVITY_ORIGIN_LABELS, ACTIVITY_ORIGINS, type ActivityOriginCode } from '../../../shared/api/contracts';
import { isIsoDate } from '../../../shared/dates';
import { ApiError, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { ActivitiesTable } from './activities-table';
import { DateField, isoOf } from './fields';

/** Fakturierung → Leistungen: what is due, by contract, customer, origin, billed or not, date range. */
export function ActivitiesPage() {
  const [contractNumber, setContractNumber] = useState('');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [origin, setOrigin] = useState<string | null>(null);
  const [billed, setBilled] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<ApiError>();
  const customers = useCall('customers.list', { limit: 500, sort: 'name', direction: 'asc', includeInactive: true });
  const fromIso = isoOf(from);
  const toIso = isoOf(to);
  const list = useCall(
    'activities.list',
    {
      ...(contractNumber.trim() ? { contractNumber: contractNumber.trim() } : {}),
      ...(customerId ? { customerId: Number(customerId) } : {}),
      ...(origin ? { origin: origin as ActivityOriginCode } : {}),
      ...(billed ? { billed: billed === 'yes' } : {}),
      ...(isIsoDate(fromIso) ? { from: fromIso } : {}),
      ...(isIsoDate(toIso) ? { to: toIso } : {}),
      offset,
      limit: 50,
    },
    ['contracts', 'billing'],
  );
  const generate = useAction(async () => call('activities.generate', {}));
  const horizon = useCall('activities.horizon', {}, ['contracts']);
  const [horizonDays, setHorizonDays] = useState<number | ''>('');
  const saveHorizon = useAction(async (days: number) => call('activities.setHorizon', { days }));
  const reset = (f: () => void) => {
    f();
    setOffset(0);
  };
  return (
    <Page
      title="Leistungen"
      actions={
        <>
          <NumberInput
            aria-label="Vorlauf in Tagen"
            description="Vorlauf (Tage)"
            w={110}
            min={0}
            max={366}
           
            error={saveHorizon.error?.fieldErrors().days}
            value={horizonDays === '' ? (horizon.data?.days ?? '') : horizonDays}
            onChange={(v) => setHorizonDays(typeof v === 'number' ? v : '')}
            data-testid="horizon-days"
          />
          <Button
            variant="default"
            disabled={horizonDays === ''}
            loading={saveHorizon.busy}
            onClick={() => {
              // A refused value stays in the field, with the reason beside it.
              if (horizonDays !== '') void saveHorizon.run(horizonDays).then((saved) => saved && setHorizonDays(''));
            }}
          >
            Vorlauf speichern
          </Button>
          <Button variant="default" loading={generate.busy} onClick={() => void generate.run()} data-testid="activities-generate">
            Abo-Leistungen jetzt erzeugen
          </Button>
        </>
      }
    >
      <ErrorAlert error={error ?? generate.error ?? saveHorizon.error ?? list.error} />
      <Group align="flex-end">
        <TextInput label="Vertragsnummer" w={150} value={contractNumber} onChange={(e) => reset(() => setContractNumber(e.currentTarget.value))} data-testid="filter-contract" />
        <Select
          label="Kunde"
          w={240}
          searchable
          clearable
          data={(customers.data?.rows ?? []).map((c) => ({ value: String(c.id), label: `${c.number} · ${c.displayName}` }))}
          value={customerId}
          onChange={(v) => reset(() => setCustomerId(v))}
        />
        <Select
          label="Herkunft"
          w={150}
          clearable
          data={ACTIVITY_ORIGINS.map((o) => ({ value: o, label: ACTIVITY_ORIGIN_LABELS[o] }))}
          value={origin}
          onChange={(v) => reset(() => setOrigin(v))}
          data-testid="filter-origin"
        />
        <Select
          label="Abgerechnet"
          w={130}
          clearable
          data={[
            { value: 'yes', label: 'Ja' },
            { value: 'no', label: 'Nein' },
          ]}
          value={billed}
          onChange={(v) => reset(() => setBilled(v))}
          data-testid="filter-billed"
        />
        <DateField label="Fällig ab" value={from} onChange={(v) => reset(() => setFrom(v))} />
        <DateField label="Fällig bis" value={to} onChange={(v) => reset(() => setTo(v))} />
      </Group>
      <ActivitiesTable
        page={list.data}
        loading={list.loading}
        onOffset={setOffset}
        onError={(e) => setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }))}
      />
    </Page>
  );
}
