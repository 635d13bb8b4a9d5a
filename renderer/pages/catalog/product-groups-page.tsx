import { Button, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ProductGroupDto } from '../../../shared/api/catalog';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';

interface ProductGroupForm {
  id?: number;
  name: string;
  taxGroupId: string | null;
  accountSkr03: string;
  accountSkr04: string;
}

/** Artikelverwaltung → Warengruppen: name, tax group, optional revenue account override. */
export function ProductGroupsPage() {
  const groups = useCall('catalog.productGroups', {}, ['catalog']);
  const taxGroups = useCall('catalog.taxGroups', {}, ['catalog']);
  const [form, setForm] = useState<ProductGroupForm | null>(null);
  const save = useAction(async (f: ProductGroupForm) => {
    const saved = await call('catalog.saveProductGroup', {
      ...(f.id !== undefined ? { id: f.id } : {}),
      productGroup: { name: f.name, taxGroupId: Number(f.taxGroupId ?? 0), accountSkr03: f.accountSkr03, accountSkr04: f.accountSkr04 },
    });
    setForm(null);
    return saved;
  });
  const errors = save.error?.fieldErrors('productGroup') ?? {};
  const taxGroupOf = (id: number) => taxGroups.data?.find((g) => g.id === id);
  const edit = (g?: ProductGroupDto) => {
    save.clearError();
    setForm(
      g
        ? { id: g.id, name: g.name, taxGroupId: String(g.taxGroupId), accountSkr03: g.accountSkr03 ?? '', accountSkr04: g.accountSkr04 ?? '' }
        : { name: '', taxGroupId: taxGroups.data?.[0] ? String(taxGroups.data[0].id) : null, accountSkr03: '', accountSkr04: '' },
    );
  };
  const selectedTax = form?.taxGroupId ? taxGroupOf(Number(form.taxGroupId)) : undefined;

  return (
    <Page
      title="Warengruppen"
      actions={
        <Button onClick={() => edit()} data-testid="product-group-new">
          Neue Warengruppe
        </Button>
      }
    >
      <ErrorAlert error={groups.error ?? taxGroups.error} />
      <Table striped highlightOnHover data-testid="product-group-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Steuergruppe</Table.Th>
            <Table.Th>Erlöskonto SKR03</Table.Th>
            <Table.Th>Erlöskonto SKR04</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.data?.map((g) => {
            const tax = taxGroupOf(g.taxGroupId);
            return (
              <Table.Tr key={g.id} onClick={() => edit(g)} style={{ cursor: 'pointer' }}>
                <Table.Td>{g.name}</Table.Td>
                <Table.Td>{g.taxGroupName}</Table.Td>
                <Table.Td>{g.accountSkr03 ?? <Text span c="dimmed">{tax?.accountSkr03} (Steuergruppe)</Text>}</Table.Td>
                <Table.Td>{g.accountSkr04 ?? <Text span c="dimmed">{tax?.accountSkr04} (Steuergruppe)</Text>}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {groups.data?.length === 0 && <Text c="dimmed">Noch keine Warengruppen. Jede Warengruppe verknüpft Artikel mit einer Steuergruppe.</Text>}
      <Modal opened={form !== null} onClose={() => setForm(null)} title={form?.id ? 'Warengruppe bearbeiten' : 'Neue Warengruppe'}>
        {form && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save.run(form);
            }}
          >
            <Stack>
              <TextInput
                label="Name"
                required
                value={form.name}
                error={errors.name}
                onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
                data-testid="product-group-name"
              />
              <Select
                label="Steuergruppe"
                required
                value={form.taxGroupId}
                error={errors.taxGroupId}
                data={(taxGroups.data ?? []).map((g) => ({ value: String(g.id), label: g.name }))}
                onChange={(v) => setForm({ ...form, taxGroupId: v })}
                allowDeselect={false}
                data-testid="product-group-tax-group"
              />
              <SimpleGrid cols={2}>
                <TextInput
                  label="Erlöskonto SKR03 (abweichend)"
                  placeholder={selectedTax?.accountSkr03 ?? ''}
                  value={form.accountSkr03}
                  error={errors.accountSkr03}
                  onChange={(e) => setForm({ ...form, accountSkr03: e.currentTarget.value })}
                />
                <TextInput
                  label="Erlöskonto SKR04 (abweichend)"
                  placeholder={selectedTax?.accountSkr04 ?? ''}
                  value={form.accountSkr04}
                  error={errors.accountSkr04}
                  onChange={(e) => setForm({ ...form, accountSkr04: e.currentTarget.value })}
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                Leer lassen, um das Erlöskonto der Steuergruppe zu verwenden.
              </Text>
              <ErrorAlert error={save.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setForm(null)}>
                  Abbrechen
                </Button>
                <Button type="submit" loading={save.busy} data-testid="product-group-save">
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
