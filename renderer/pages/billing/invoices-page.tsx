// Fakturierung → Rechnungen: filter by number, customer, status and date; open the detail.
import { Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { INVOICE_KIND_LABELS, INVOICE_STATUS_LABELS, INVOICE_STATUSES, type InvoiceRowDto, type InvoiceStatusDto } from '../../../shared/api/billing';
import { DataTable, type Column, type SortState } from '../../components/data-table';
import { DateText, Money } from '../../components/format';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useCall } from '../../components/use-call';
import { DateField, isoOf } from './date-field';
import { StatusBadge } from './status-badge';

const PAGE_SIZE = 50;
const valid = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(isoOf(s));

export function InvoicesPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const runId = Number(params.get('lauf')) || undefined;
  const [number, setNumber] = useState('');
  const [customer, setCustomer] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sort, setSort] = useState<SortState>({ sort: 'number', direction: 'desc' });
  const [offset, setOffset] = useState(0);
  const [debNumber] = useDebouncedValue(number, 250);
  const [debCustomer] = useDebouncedValue(customer, 250);
  const list = useCall(
    'invoices.list',
    {
      ...(debNumber.trim() ? { number: debNumber } : {}),
      ...(debCustomer.trim() ? { customer: debCustomer } : {}),
      ...(status ? { status: status as InvoiceStatusDto } : {}),
      ...(valid(from) ? { from: isoOf(from) } : {}),
      ...(valid(to) ? { to: isoOf(to) } : {}),
      ...(runId ? { billingRunId: runId } : {}),
      sort: sort.sort as 'number',
      direction: sort.direction,
      offset,
      limit: PAGE_SIZE,
    },
    ['billing', 'ledger', 'bank'],
  );
  const reset = (fn: () => void) => {
    fn();
    setOffset(0);
  };
  const columns: Column<InvoiceRowDto>[] = [
    { key: 'number', header: 'Nummer', sortKey: 'number', nowrap: true, render: (r) => r.number },
    { key: 'kind', header: 'Art', render: (r) => INVOICE_KIND_LABELS[r.kind] },
    { key: 'date', header: 'Datum', sortKey: 'issueDate', render: (r) => <DateText value={r.issueDate} /> },
    { key: 'customer', header: 'Kunde', sortKey: 'customer', render: (r) => `${r.customerNumber} ${r.customerName}` },
    { key: 'due', header: 'Fällig', render: (r) => <DateText value={r.dueDate} /> },
    { key: 'gross', header: 'Brutto', sortKey: 'gross', align: 'right', render: (r) => <Money value={r.gross} currency={r.currency} /> },
    { key: 'open', header: 'Offen', align: 'right', render: (r) => <Money value={r.open} currency={r.currency} /> },
    { key: 'status', header: 'Status', nowrap: true, render: (r) => <StatusBadge status={r.status} kind={r.kind} /> },
  ];
  return (
    <Page title={runId ? `Rechnungen aus Lauf ${runId}` : 'Rechnungen'}>
      <Group align="end">
        <TextInput label="Nummer" value={number} onChange={(e) => reset(() => setNumber(e.currentTarget.value))} w={180} data-testid="invoice-filter-number" />
        <TextInput label="Kunde" value={customer} onChange={(e) => reset(() => setCustomer(e.currentTarget.value))} w={220} data-testid="invoice-filter-customer" />
        <Select
          label="Status"
          clearable
          data={INVOICE_STATUSES.map((s) => ({ value: s, label: INVOICE_STATUS_LABELS[s] }))}
          value={status}
          onChange={(v) => reset(() => setStatus(v))}
          w={190}
          data-testid="invoice-filter-status"
        />
        <DateField label="Datum von" value={from} onChange={(v) => reset(() => setFrom(v))} />
        <DateField label="Datum bis" value={to} onChange={(v) => reset(() => setTo(v))} />
      </Group>
      <ErrorAlert error={list.error} />
      <DataTable
        testId="invoice-table"
        columns={columns}
        page={list.data}
        loading={list.loading}
        sort={sort}
        onSort={(s) => reset(() => setSort(s))}
        onOffset={setOffset}
        rowKey={(r) => r.id}
        onRowClick={(r) => navigate(`/fakturierung/rechnungen/${r.id}`)}
        emptyText="Keine Rechnungen gefunden"
      />
    </Page>
  );
}
