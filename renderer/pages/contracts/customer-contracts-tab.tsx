import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ContractRow } from '../../../shared/api/contracts';
import type { CustomerDto } from '../../../shared/api/customers';
import { formatInterval } from '../../../shared/dates';
import { call } from '../../api/client';
import { DataTable, type Column } from '../../components/data-table';
import { DateText } from '../../components/format';
import { useAction, useCall } from '../../components/use-call';
import { ContractForm, contractFormState, contractInputOf, type ContractFormState } from './contract-form';
import { StatusBadge } from './contracts-page';

/** Tab "Verträge" on the customer page: the customer's contracts and a new one for them. */
export function CustomerContractsTab({ customer }: { customer: CustomerDto }) {
  const navigate = useNavigate();
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const list = useCall('contracts.list', { customerId: customer.id, offset, limit: 50 }, ['contracts']);
  const create = useAction(async (f: ContractFormState) => {
    const created = await call('contracts.create', { contract: contractInputOf(f) });
    navigate(`/vertraege/${created.id}`);
  });
  const columns: Column<ContractRow>[] = [
    { key: 'number', header: 'Vertrag', nowrap: true, render: (r) => r.number },
    { key: 'project', header: 'Projekt', render: (r) => r.projectName },
    { key: 'start', header: 'Beginn', render: (r) => <DateText value={r.startDate} /> },
    { key: 'interval', header: 'Intervall', render: (r) => `alle ${formatInterval(r.interval)}` },
    { key: 'end', header: 'Ende', render: (r) => <DateText value={r.effectiveEnd} /> },
    { key: 'status', header: 'Status', nowrap: true, render: (r) => <StatusBadge status={r.status} /> },
  ];
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button onClick={() => setCreating(true)}>Neuer Vertrag</Button>
      </Group>
      <DataTable columns={columns} page={list.data} loading={list.loading} onOffset={setOffset} rowKey={(r) => r.id} onRowClick={(r) => navigate(`/vertraege/${r.id}`)} emptyText="Keine Verträge" />
      <Modal opened={creating} onClose={() => setCreating(false)} title={`Neuer Vertrag für ${customer.displayName}`} size="xl">
        {creating && (
          <ContractForm
            initial={contractFormState(undefined, customer.id)}
            lockCustomer
            busy={create.busy}
            error={create.error}
            onSubmit={(f) => void create.run(f)}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}
