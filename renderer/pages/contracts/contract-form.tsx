import { Button, Checkbox, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { TRIAL_OUTCOME_LABELS, type ContractDto, type ContractInput } from '../../../shared/api/contracts';
import { PAYMENT_METHOD_LABELS, PAYMENT_METHODS, type PaymentMethod } from '../../../shared/api/customers';
import type { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useCall } from '../../components/use-call';
import { DateField, intervalOf, intervalState, IntervalField, isoOf, isoOrNull, showDate, type IntervalState } from './fields';

export interface ContractFormState {
  customerId: string;
  projectId: string;
  currency: string;
  startDate: string;
  interval: IntervalState;
  billInAdvance: boolean;
  trial: IntervalState;
  trialOutcome: 'CONTINUE' | 'END';
  minimumTerm: IntervalState;
  renewal: IntervalState;
  notice: IntervalState;
  billedUntil: string;
  paymentMethod: PaymentMethod | '';
  discount: string;
  discountFrom: string;
  discountUntil: string;
  notes: string;
}

export function contractFormState(c?: ContractDto, customerId?: number): ContractFormState {
  return {
    customerId: String(c?.customerId ?? customerId ?? ''),
    projectId: c ? String(c.projectId) : '',
    currency: c?.currency ?? 'EUR',
    startDate: showDate(c?.startDate),
    interval: c ? intervalState(c.interval) : { count: 1, unit: 'MONTH' },
    billInAdvance: c?.billInAdvance ?? true,
    trial: intervalState(c?.trial, 'DAY'),
    trialOutcome: c?.trialOutcome ?? 'CONTINUE',
    minimumTerm: intervalState(c?.minimumTerm),
    renewal: intervalState(c?.renewal),
    notice: intervalState(c?.notice),
    billedUntil: showDate(c?.billedUntil),
    paymentMethod: c?.paymentMethod ?? '',
    discount: c?.discount?.replace('.', ',') ?? '',
    discountFrom: showDate(c?.discountFrom),
    discountUntil: showDate(c?.discountUntil),
    notes: c?.notes ?? '',
  };
}

export function contractInputOf(f: ContractFormState): ContractInput {
  return {
    customerId: Number(f.customerId),
    projectId: Number(f.projectId),
    currency: f.currency,
    startDate: isoOf(f.startDate),
    interval: intervalOf(f.interval) ?? { count: 0, unit: f.interval.unit },
    billInAdvance: f.billInAdvance,
    trial: intervalOf(f.trial),
    trialOutcome: f.trialOutcome,
    minimumTerm: intervalOf(f.minimumTerm),
    renewal: intervalOf(f.renewal),
    notice: intervalOf(f.notice),
    billedUntil: isoOrNull(f.billedUntil),
    paymentMethod: f.paymentMethod === '' ? null : f.paymentMethod,
    discount: f.discount.trim() === '' ? null : f.discount,
    discountFrom: isoOrNull(f.discountFrom),
    discountUntil: isoOrNull(f.discountUntil),
    notes: f.notes,
  };
}

export function ContractForm(props: {
  initial: ContractFormState;
  busy: boolean;
  error: ApiError | undefined;
  onSubmit: (f: ContractFormState) => void;
  onCancel?: () => void;
  lockCustomer?: boolean;
}) {
  const [f, setF] = useState(props.initial);
  const customers = useCall('customers.list', { limit: 500, sort: 'name', direction: 'asc', includeInactive: false });
  const projects = useCall('catalog.projects', {});
  const errors = props.error?.fieldErrors('contract') ?? {};
  const intervalError = (field: 'interval' | 'minimumTerm' | 'renewal' | 'notice' | 'trial') => errors[`${field}.count`] ?? errors[`${field}.unit`] ?? errors[field];
  const set = <K extends keyof ContractFormState>(k: K, v: ContractFormState[K]) => setF((s) => ({ ...s, [k]: v }));
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(f);
      }}
    >
      <Stack gap="sm">
        <ErrorAlert error={props.error} />
        <Group align="flex-start">
          <Select
            label="Kunde"
            required
            searchable
            w={320}
            disabled={props.lockCustomer}
            data={(customers.data?.rows ?? []).map((c) => ({ value: String(c.id), label: `${c.number} · ${c.displayName}` }))}
            value={f.customerId || null}
            onChange={(v) => set('customerId', v ?? '')}
            error={errors.customerId}
            data-testid="contract-customer"
          />
          <Select
            label="Projekt"
            required
            w={220}
            data={(projects.data ?? []).map((p) => ({ value: String(p.id), label: `${p.number} · ${p.name}` }))}
            value={f.projectId || null}
            onChange={(v) => set('projectId', v ?? '')}
            error={errors.projectId}
            data-testid="contract-project"
          />
          <TextInput label="Währung" w={90} value={f.currency} onChange={(e) => set('currency', e.currentTarget.value)} error={errors.currency} />
        </Group>
        <Group align="flex-start">
          <DateField label="Vertragsbeginn" required value={f.startDate} onChange={(v) => set('startDate', v)} error={errors.startDate} testId="contract-start" />
          <IntervalField label="Abrechnungsintervall" value={f.interval} onChange={(v) => set('interval', v)} error={intervalError('interval')} testId="contract-interval" />
          <Checkbox
            mt={30}
            label="Rechnungsstellung im Voraus"
            checked={f.billInAdvance}
            onChange={(e) => set('billInAdvance', e.currentTarget.checked)}
          />
        </Group>
        <Group align="flex-start">
          <IntervalField label="Mindestlaufzeit" optional value={f.minimumTerm} onChange={(v) => set('minimumTerm', v)} error={intervalError('minimumTerm')} />
          <IntervalField label="Vertragsverlängerung" optional value={f.renewal} onChange={(v) => set('renewal', v)} error={intervalError('renewal')} />
          <IntervalField label="Kündigungsfrist" optional value={f.notice} onChange={(v) => set('notice', v)} error={intervalError('notice')} />
        </Group>
        <Group align="flex-start">
          <IntervalField label="Testphase" optional value={f.trial} onChange={(v) => set('trial', v)} error={intervalError('trial')} />
          <Select
            label="Nach der Testphase"
            w={220}
            allowDeselect={false}
            data={Object.entries(TRIAL_OUTCOME_LABELS).map(([value, label]) => ({ value, label }))}
            value={f.trialOutcome}
            onChange={(v) => set('trialOutcome', v === 'END' ? 'END' : 'CONTINUE')}
          />
          <DateField label="Abgerechnet bis" value={f.billedUntil} onChange={(v) => set('billedUntil', v)} error={errors.billedUntil} />
          <Select
            label="Zahlungsart"
            w={200}
            allowDeselect={false}
            data={[{ value: '', label: 'wie beim Kunden' }, ...PAYMENT_METHODS.map((p) => ({ value: p, label: PAYMENT_METHOD_LABELS[p] }))]}
            value={f.paymentMethod}
            onChange={(v) => set('paymentMethod', (v ?? '') as PaymentMethod | '')}
          />
        </Group>
        <Group align="flex-start">
          <TextInput label="Rabatt %" w={100} value={f.discount} onChange={(e) => set('discount', e.currentTarget.value)} error={errors.discount} data-testid="contract-discount" />
          <DateField label="Rabatt ab" value={f.discountFrom} onChange={(v) => set('discountFrom', v)} error={errors.discountFrom} />
          <DateField label="Rabatt bis" value={f.discountUntil} onChange={(v) => set('discountUntil', v)} error={errors.discountUntil} />
        </Group>
        <Textarea label="Notizen" value={f.notes} onChange={(e) => set('notes', e.currentTarget.value)} autosize minRows={2} />
        <Group justify="flex-end">
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              Abbrechen
            </Button>
          )}
          <Button type="submit" loading={props.busy} data-testid="contract-save">
            Vertrag speichern
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
