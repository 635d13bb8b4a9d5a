import { ActionIcon, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { TAX_TREATMENTS, TAX_TREATMENT_LABELS, type TaxGroupDto, type TaxTreatment } from '../../../shared/api/catalog';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { dateToInput, decimalToInput, describeRates, inputToDate, inputToDecimal } from './format';

interface RateRow {
  key: number;
  rate: string;
  validFrom: string;
  validTo: string;
}

interface TaxGroupForm {
  id?: number;
  code: string;
  name: string;
  invoiceNote: string;
  accountSkr03: string;
  accountSkr04: string;
  requiresVatId: boolean;
  treatment: TaxTreatment;
  /** Seeded group: code and treatment are fixed. */
  seeded: boolean;
  rates: RateRow[];
}

const TREATMENT_OPTIONS = TAX_TREATMENTS.map((t) => ({ value: t, label: TAX_TREATMENT_LABELS[t] }));

let rowKey = 0;
const newRow = (r?: { rate: string; validFrom: string | null; validTo: string | null }): RateRow => ({
  key: ++rowKey,
  rate: r ? decimalToInput(r.rate) : '',
  validFrom: dateToInput(r?.validFrom),
  validTo: dateToInput(r?.validTo),
});

function formOf(g?: TaxGroupDto): TaxGroupForm {
  return g
    ? {
        id: g.id,
        code: g.code,
        name: g.name,
        invoiceNote: g.invoiceNote ?? '',
        accountSkr03: g.accountSkr03 ?? '',
        accountSkr04: g.accountSkr04 ?? '',
        requiresVatId: g.requiresVatId,
        treatment: g.treatment,
        seeded: g.seeded,
        rates: g.rates.map(newRow),
      }
    : { code: '', name: '', invoiceNote: '', accountSkr03: '', accountSkr04: '', requiresVatId: false, treatment: 'STANDARD', seeded: false, rates: [newRow()] };
}

/** Artikelverwaltung → Steuergruppen: rates over time, invoice note, revenue accounts (DOMAIN §3). */
export function TaxGroupsPage() {
  const groups = useCall('catalog.taxGroups', {}, ['catalog']);
  const [form, setForm] = useState<TaxGroupForm | null>(null);
  const save = useAction(async (f: TaxGroupForm) => {
    const saved = await call('catalog.saveTaxGroup', {
      ...(f.id !== undefined ? { id: f.id } : {}),
      taxGroup: {
        code: f.code.trim().toUpperCase(),
        name: f.name,
        invoiceNote: f.invoiceNote,
        accountSkr03: f.accountSkr03,
        accountSkr04: f.accountSkr04,
        requiresVatId: f.requiresVatId,
        treatment: f.treatment,
        rates: f.rates.map((r) => ({ rate: inputToDecimal(r.rate) ?? '', validFrom: inputToDate(r.validFrom), validTo: inputToDate(r.validTo) })),
      },
    });
    setForm(null);
    return saved;
  });
  const errors = save.error?.fieldErrors('taxGroup') ?? {};
  const edit = (g?: TaxGroupDto) => {
    save.clearError();
    setForm(formOf(g));
  };
  const setRate = (i: number, patch: Partial<RateRow>) =>
    setForm((f) => (f ? { ...f, rates: f.rates.map((r, j) => (j === i ? { ...r, ...patch } : r)) } : f));

  return (
    <Page
      title="Steuergruppen"
      actions={
        <Button onClick={() => edit()} data-testid="tax-group-new">
          Neue Steuergruppe
        </Button>
      }
    >
      <ErrorAlert error={groups.error} />
      <Table striped highlightOnHover data-testid="tax-group-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Behandlung</Table.Th>
            <Table.Th>Steuersätze</Table.Th>
            <Table.Th>SKR03</Table.Th>
            <Table.Th>SKR04</Table.Th>
            <Table.Th>Rechnungshinweis</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.data?.map((g) => (
            <Table.Tr key={g.id} onClick={() => edit(g)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                {g.name}
                {g.requiresVatId && (
                  <Text size="xs" c="dimmed">
                    nur mit USt-IdNr. des Kunden
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{TAX_TREATMENT_LABELS[g.treatment]}</Table.Td>
              <Table.Td>{describeRates(g.rates)}</Table.Td>
              <Table.Td>{g.accountSkr03}</Table.Td>
              <Table.Td>{g.accountSkr04}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {g.invoiceNote}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={form !== null} onClose={() => setForm(null)} title={form?.id ? 'Steuergruppe bearbeiten' : 'Neue Steuergruppe'} size="xl">
        {form && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save.run(form);
            }}
          >
            <Stack>
              <SimpleGrid cols={2}>
                <TextInput label="Name" required value={form.name} error={errors.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} data-testid="tax-group-name" />
                <TextInput
                  label="Kürzel"
                  required
                  disabled={form.seeded}
                  description={form.seeded ? 'Mitgelieferte Steuergruppe: Kürzel und Behandlung sind fest' : undefined}
                  value={form.code}
                  error={errors.code}
                  onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
                  data-testid="tax-group-code"
                />
                <TextInput
                  label="Erlöskonto SKR03"
                  value={form.accountSkr03}
                  error={errors.accountSkr03}
                  onChange={(e) => setForm({ ...form, accountSkr03: e.currentTarget.value })}
                />
                <TextInput
                  label="Erlöskonto SKR04"
                  value={form.accountSkr04}
                  error={errors.accountSkr04}
                  onChange={(e) => setForm({ ...form, accountSkr04: e.currentTarget.value })}
                />
              </SimpleGrid>
              <Textarea
                label="Rechnungshinweis"
                autosize
                minRows={2}
                value={form.invoiceNote}
                onChange={(e) => setForm({ ...form, invoiceNote: e.currentTarget.value })}
              />
              <Select
                label="Steuerliche Behandlung auf der Rechnung"
                required
                allowDeselect={false}
                disabled={form.seeded}
                data={TREATMENT_OPTIONS}
                value={form.treatment}
                error={errors.treatment}
                onChange={(v) => v && setForm({ ...form, treatment: v as TaxTreatment })}
                data-testid="tax-group-treatment"
              />
              <Checkbox
                label="Nur mit USt-IdNr. des Kunden abrechnen (Reverse Charge)"
                checked={form.requiresVatId}
                onChange={(e) => setForm({ ...form, requiresVatId: e.currentTarget.checked })}
              />
              <Text fw={600}>Steuersätze</Text>
              <Table data-testid="tax-rate-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={120}>Steuersatz %</Table.Th>
                    <Table.Th>Gültig ab</Table.Th>
                    <Table.Th>Gültig bis</Table.Th>
                    <Table.Th w={40} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {form.rates.map((r, i) => (
                    <Table.Tr key={r.key}>
                      <Table.Td>
                        <TextInput aria-label="Steuersatz" value={r.rate} error={errors[`rates.${i}.rate`]} onChange={(e) => setRate(i, { rate: e.currentTarget.value })} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label="Gültig ab"
                          placeholder="TT.MM.JJJJ"
                          value={r.validFrom}
                          error={errors[`rates.${i}.validFrom`]}
                          onChange={(e) => setRate(i, { validFrom: e.currentTarget.value })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label="Gültig bis"
                          placeholder="TT.MM.JJJJ"
                          value={r.validTo}
                          error={errors[`rates.${i}.validTo`]}
                          onChange={(e) => setRate(i, { validTo: e.currentTarget.value })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label="Steuersatz entfernen"
                          onClick={() => setForm({ ...form, rates: form.rates.filter((_, j) => j !== i) })}
                        >
                          ✕
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Group>
                <Button variant="light" size="xs" onClick={() => setForm({ ...form, rates: [...form.rates, newRow()] })}>
                  Steuersatz hinzufügen
                </Button>
              </Group>
              <ErrorAlert error={save.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setForm(null)}>
                  Abbrechen
                </Button>
                <Button type="submit" loading={save.busy} data-testid="tax-group-save">
                  Speichern
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Page>
  );
}
