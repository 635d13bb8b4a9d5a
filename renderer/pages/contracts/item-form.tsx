import { Button, Group, List, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ArticleOptionDto, ItemInput, SubscriptionItemDto } from '../../../shared/api/contracts';
import type { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useCall } from '../../components/use-call';
import { DateField, isoOf, isoOrNull, showDate } from './fields';

export interface ItemFormState {
  articleId: string;
  quantity: string;
  priceOverride: string;
  discount: string;
  discountFrom: string;
  discountUntil: string;
  activeFrom: string;
  activeUntil: string;
  billFrom: string;
}

const comma = (s: string | null | undefined) => (s ?? '').replace('.', ',');

export function itemFormState(i?: SubscriptionItemDto, activeFrom?: string): ItemFormState {
  return {
    articleId: i ? String(i.articleId) : '',
    quantity: i ? comma(i.quantity) : '1',
    priceOverride: comma(i?.priceOverride),
    discount: comma(i?.discount),
    discountFrom: showDate(i?.discountFrom),
    discountUntil: showDate(i?.discountUntil),
    activeFrom: showDate(i?.activeFrom ?? activeFrom),
    activeUntil: showDate(i?.activeUntil),
    billFrom: showDate(i?.billFrom),
  };
}

export function itemInputOf(f: ItemFormState): ItemInput {
  const opt = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    articleId: Number(f.articleId),
    quantity: f.quantity,
    priceOverride: opt(f.priceOverride),
    discount: opt(f.discount),
    discountFrom: isoOrNull(f.discountFrom),
    discountUntil: isoOrNull(f.discountUntil),
    activeFrom: isoOf(f.activeFrom),
    activeUntil: isoOrNull(f.activeUntil),
    billFrom: isoOrNull(f.billFrom),
  };
}

/** The picker offers only allowed articles and says why the others are not offered (S4). */
export function ArticlePicker(props: {
  options: readonly ArticleOptionDto[];
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  label?: string;
}) {
  const allowed = props.options.filter((o) => o.allowed);
  const refused = props.options.filter((o) => !o.allowed);
  return (
    <Stack gap={4}>
      <Select
        label={props.label ?? 'Abo-Artikel'}
        required
        searchable
        w={360}
        data={allowed.map((o) => ({ value: String(o.articleId), label: `${o.number} · ${o.name}` }))}
        value={props.value || null}
        onChange={(v) => props.onChange(v ?? '')}
        error={props.error}
        nothingFoundMessage="Kein passender Artikel"
        data-testid="item-article"
      />
      {refused.length > 0 && (
        <div data-testid="article-refusals">
          <Text size="xs" c="dimmed">
            Nicht angeboten:
          </Text>
          <List size="xs" c="dimmed">
            {refused.map((o) => (
              <List.Item key={o.articleId}>
                {o.number} · {o.name}: {o.reasons.join('; ')}
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}

export function ItemForm(props: {
  contractId: number;
  initial: ItemFormState;
  busy: boolean;
  error: ApiError | undefined;
  onSubmit: (f: ItemFormState) => void;
  onCancel: () => void;
}) {
  const [f, setF] = useState(props.initial);
  const options = useCall('contracts.articleOptions', { contractId: props.contractId, kind: 'SUBSCRIPTION' });
  const errors = props.error?.fieldErrors('item') ?? {};
  const set = <K extends keyof ItemFormState>(k: K, v: ItemFormState[K]) => setF((s) => ({ ...s, [k]: v }));
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
        <ArticlePicker options={options.data ?? []} value={f.articleId} onChange={(v) => set('articleId', v)} error={errors.articleId} />
        <Group align="flex-start">
          <TextInput label="Menge" w={100} value={f.quantity} onChange={(e) => set('quantity', e.currentTarget.value)} error={errors.quantity} data-testid="item-quantity" />
          <TextInput label="Preis netto" placeholder="Katalogpreis" w={140} value={f.priceOverride} onChange={(e) => set('priceOverride', e.currentTarget.value)} error={errors.priceOverride} />
          <TextInput label="Rabatt %" w={100} value={f.discount} onChange={(e) => set('discount', e.currentTarget.value)} error={errors.discount} data-testid="item-discount" />
          <DateField label="Rabatt ab" value={f.discountFrom} onChange={(v) => set('discountFrom', v)} error={errors.discountFrom} />
          <DateField label="Rabatt bis" value={f.discountUntil} onChange={(v) => set('discountUntil', v)} error={errors.discountUntil} />
        </Group>
        <Group align="flex-start">
          <DateField label="Aktiv ab" required value={f.activeFrom} onChange={(v) => set('activeFrom', v)} error={errors.activeFrom} testId="item-active-from" />
          <DateField label="Aktiv bis" value={f.activeUntil} onChange={(v) => set('activeUntil', v)} error={errors.activeUntil} />
          <DateField label="Abrechnung ab" value={f.billFrom} onChange={(v) => set('billFrom', v)} error={errors.billFrom} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Abbrechen
          </Button>
          <Button type="submit" loading={props.busy} data-testid="item-save">
            OK
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
