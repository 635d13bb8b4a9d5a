import { Button, Checkbox, Grid, Group, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHOD_LABELS, PAYMENT_METHODS, type CustomerDto, type CustomerInput } from '../../../shared/api/customers';
import type { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';

type TextKey = 'number' | 'companyName' | 'firstName' | 'lastName' | 'street' | 'zip' | 'city' | 'country' | 'email' | 'phone' | 'vatId' | 'iban' | 'bic' | 'notes' | 'debitorAccount';

export interface CustomerFormState {
  kind: 'COMPANY' | 'PERSON';
  text: Record<TextKey, string>;
  language: 'de' | 'en';
  paymentMethod: CustomerDto['paymentMethod'];
  paymentTermsDays: number;
  collectiveInvoicing: boolean;
}

export function formStateOf(c?: CustomerDto): CustomerFormState {
  const s = (v: string | null | undefined) => v ?? '';
  return {
    kind: c?.kind ?? 'COMPANY',
    text: {
      number: s(c?.number),
      companyName: s(c?.companyName),
      firstName: s(c?.firstName),
      lastName: s(c?.lastName),
      street: s(c?.street),
      zip: s(c?.zip),
      city: s(c?.city),
      country: c?.country ?? 'DE',
      email: s(c?.email),
      phone: s(c?.phone),
      vatId: s(c?.vatId),
      iban: s(c?.iban),
      bic: s(c?.bic),
      notes: s(c?.notes),
      debitorAccount: s(c?.debitorAccount),
    },
    language: c?.language ?? 'de',
    paymentMethod: c?.paymentMethod ?? 'TRANSFER',
    paymentTermsDays: c?.paymentTermsDays ?? 14,
    collectiveInvoicing: c?.collectiveInvoicing ?? false,
  };
}

export function inputOf(f: CustomerFormState): CustomerInput {
  const opt = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    kind: f.kind,
    number: opt(f.text.number),
    companyName: opt(f.text.companyName),
    firstName: opt(f.text.firstName),
    lastName: opt(f.text.lastName),
    street: opt(f.text.street),
    zip: opt(f.text.zip),
    city: opt(f.text.city),
    country: f.text.country.trim().toUpperCase() || 'DE',
    email: opt(f.text.email),
    phone: opt(f.text.phone),
    vatId: opt(f.text.vatId),
    iban: opt(f.text.iban),
    bic: opt(f.text.bic),
    notes: opt(f.text.notes),
    debitorAccount: opt(f.text.debitorAccount),
    language: f.language,
    paymentMethod: f.paymentMethod,
    paymentTermsDays: f.paymentTermsDays,
    collectiveInvoicing: f.collectiveInvoicing,
  };
}

export function CustomerForm({
  initial,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  initial: CustomerFormState;
  busy: boolean;
  error: ApiError | undefined;
  onSubmit: (state: CustomerFormState) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState(initial);
  const errors = error?.fieldErrors('customer') ?? {};
  const text = (key: TextKey, span: number, extra: { required?: boolean; description?: string } = {}) => (
    <Grid.Col span={span}>
      <TextInput
        label={t(`customers.${key}`)}
        value={f.text[key]}
        error={errors[key]}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setF((prev) => ({ ...prev, text: { ...prev.text, [key]: value } }));
        }}
        data-testid={`customer-${key}`}
        {...extra}
      />
    </Grid.Col>
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(f);
      }}
    >
      <Stack>
        <Grid>
          <Grid.Col span={4}>
            <Select
              label={t('customers.kind')}
              value={f.kind}
              data={[
                { value: 'COMPANY', label: t('customers.kindCompany') },
                { value: 'PERSON', label: t('customers.kindPerson') },
              ]}
              onChange={(v) => setF((prev) => ({ ...prev, kind: (v as CustomerFormState['kind'] | null) ?? 'COMPANY' }))}
              allowDeselect={false}
            />
          </Grid.Col>
          {text('number', 8, { description: t('customers.numberHint') })}
          {text('companyName', 12, { required: f.kind === 'COMPANY' })}
          {text('firstName', 6)}
          {text('lastName', 6, { required: f.kind === 'PERSON' })}
          {text('street', 12)}
          {text('zip', 3)}
          {text('city', 6)}
          {text('country', 3)}
          {text('email', 6)}
          {text('phone', 6)}
          {text('vatId', 6)}
          {text('debitorAccount', 6)}
          {text('iban', 8)}
          {text('bic', 4)}
          <Grid.Col span={4}>
            <Select
              label={t('customers.paymentMethod')}
              value={f.paymentMethod}
              data={PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }))}
              onChange={(v) => setF((prev) => ({ ...prev, paymentMethod: (v as CustomerFormState['paymentMethod'] | null) ?? 'TRANSFER' }))}
              allowDeselect={false}
            />
          </Grid.Col>
          <Grid.Col span={4}>
            <NumberInput
              label={t('customers.paymentTermsDays')}
              value={f.paymentTermsDays}
              min={0}
              max={365}
             
              allowDecimal={false}
              error={errors.paymentTermsDays}
              onChange={(v) => setF((prev) => ({ ...prev, paymentTermsDays: typeof v === 'number' ? v : 0 }))}
            />
          </Grid.Col>
          <Grid.Col span={4}>
            <Select
              label={t('customers.language')}
              value={f.language}
              data={[
                { value: 'de', label: 'Deutsch' },
                { value: 'en', label: 'Englisch' },
              ]}
              onChange={(v) => setF((prev) => ({ ...prev, language: (v as 'de' | 'en' | null) ?? 'de' }))}
              allowDeselect={false}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Checkbox
              label={t('customers.collectiveInvoicing')}
              checked={f.collectiveInvoicing}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setF((prev) => ({ ...prev, collectiveInvoicing: checked }));
              }}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label={t('customers.notes')}
              value={f.text.notes}
              autosize
              minRows={2}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setF((prev) => ({ ...prev, text: { ...prev.text, notes: value } }));
              }}
            />
          </Grid.Col>
        </Grid>
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={busy} data-testid="customer-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
