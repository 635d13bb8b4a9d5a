import { Badge, Button, Group, Modal, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { CONTRACT_STATUS_LABELS, type ContractRow, type ContractStatusCode } from '../../../shared/api/contracts';
import { formatInterval } from '../../../shared/dates';
import { call } from '../../api/client';
import { DataTable, type Column } from '../../components/data-table';
import { DateText } from '../../components/format';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { ContractForm, contractFormState, contractInputOf, type ContractFormState } from './contract-form';

export const STATUS_COLORS: Readonly<Record<ContractStatusCode, string>> = {
  FUTURE: 'blue',
  ACTIVE: 'green',
  NOTICE_GIVEN: 'orange',
  ENDED: 'gray',
};

export function StatusBadge({ status }: { status: ContractStatusCode }) {
  return (
    <Badge color={STATUS_COLORS[status]} data-testid="contract-status">
      {CONTRACT_STATUS_LABELS[status]}
    </Badge>
  );
}

export function ContractsPage() {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const list = useCall('contracts.list', { search: debounced, offset, limit: 50 }, ['contracts']);
  const create = useAction(async (f: ContractFormState) => {
    const created = await call('contracts.create', { contract: contractInputOf(f) });
    setCreating(false);
    navigate(`/vertraege/${created.id}`);
    return created;
  });
  const columns: Column<ContractRow>[] = [
    { key: 'number', header: 'Vertrag', nowrap: true, render: (r) => r.number },
    { key: 'customer', header: 'Kunde', render: (r) => r.customerName },
    { key: 'project', header: 'Projekt', render: (r) => r.projectName },
    { key: 'start', header: 'Beginn', render: (r) => <DateText value={r.startDate} /> },
    { key: 'interval', header: 'Intervall', render: (r) => `alle ${formatInterval(r.interval)}` },
    { key: 'end', header: 'Ende', render: (r) => <DateText value={r.effectiveEnd} /> },
    { key: 'items', header: 'Abo-Artikel', align: 'right', render: (r) => r.items },
    { key: 'status', header: 'Status', nowrap: true, render: (r) => <StatusBadge status={r.status} /> },
  ];
  return (
    <Page
      title="Verträge"
      actions={
        <Button
          data-testid="contract-new"
          onClick={() => {
            setFormKey((k) => k + 1);
            create.clearError();
            setCreating(true);
          }}
        >
          Neuer Vertrag
        </Button>
      }
    >
      <Group>
        <TextInput
          placeholder="Suche: Vertragsnummer, Kunde"
          aria-label="Suche"
          w={420}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setOffset(0);
          }}
        />
      </Group>
      <DataTable
        testId="contract-table"
        columns={columns}
        page={list.data}
        loading={list.loading}
        onOffset={setOffset}
        rowKey={(r) => r.id}
        onRowClick={(r) => navigate(`/vertraege/${r.id}`)}
        emptyText="Noch keine Verträge"
      />
      <Modal opened={creating} onClose={() => setCreating(false)} title="Neuer Vertrag" size="xl">
        <ContractForm key={formKey} initial={contractFormState()} busy={create.busy} error={create.error} onSubmit={(f) => void create.run(f)} onCancel={() => setCreating(false)} />
      </Modal>
    </Page>
  );
}
