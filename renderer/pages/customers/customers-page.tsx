import { Badge, Button, Checkbox, Group, Modal, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CustomerRow } from '../../../shared/api/customers';
import { call } from '../../api/client';
import { DataTable, type Column, type SortState } from '../../components/data-table';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { CustomerForm, formStateOf, inputOf, type CustomerFormState } from './customer-form';

const PAGE_SIZE = 50;

export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [sort, setSort] = useState<SortState>({ sort: 'name', direction: 'asc' });
  const [offset, setOffset] = useState(0);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [creating, setCreating] = useState(false);
  // A new key per opening: the form starts empty every time.
  const [formKey, setFormKey] = useState(0);
  const list = useCall(
    'customers.list',
    {
      search: debounced,
      sort: sort.sort as 'name',
      direction: sort.direction,
      offset,
      limit: PAGE_SIZE,
      includeInactive,
    },
    ['customers'],
  );
  const create = useAction(async (f: CustomerFormState) => {
    const created = await call('customers.create', { customer: inputOf(f) });
    setCreating(false);
    return created;
  });

  const columns: Column<CustomerRow>[] = [
    { key: 'number', header: t('customers.number'), sortKey: 'number', render: (r) => r.number },
    { key: 'name', header: t('customers.name'), sortKey: 'name', render: (r) => r.displayName },
    { key: 'email', header: t('customers.email'), sortKey: 'email', render: (r) => r.email ?? '' },
    { key: 'city', header: t('customers.city'), sortKey: 'city', render: (r) => [r.zip, r.city].filter(Boolean).join(' ') },
    {
      key: 'active',
      header: '',
      render: (r) => (r.active ? null : <Badge color="gray">{t('common.inactive')}</Badge>),
    },
  ];

  return (
    <Page
      title={t('customers.title')}
      actions={
        <Button
          onClick={() => {
            setFormKey((k) => k + 1);
            create.clearError();
            setCreating(true);
          }}
          data-testid="customer-new"
        >
          {t('customers.new')}
        </Button>
      }
    >
      <Group>
        <TextInput
          placeholder={t('customers.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setOffset(0);
          }}
          w={420}
          data-testid="customer-search"
          aria-label={t('common.search')}
        />
        <Checkbox
          label={t('customers.showInactive')}
          checked={includeInactive}
          onChange={(e) => {
            setIncludeInactive(e.currentTarget.checked);
            setOffset(0);
          }}
        />
      </Group>
      <DataTable
        testId="customer-table"
        columns={columns}
        page={list.data}
        loading={list.loading}
        sort={sort}
        onSort={(s) => {
          setSort(s);
          setOffset(0);
        }}
        onOffset={setOffset}
        rowKey={(r) => r.id}
        onRowClick={(r) => navigate(`/kunden/${r.id}`)}
      />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('customers.new')} size="xl">
        <CustomerForm
          key={formKey}
          initial={formStateOf()}
          busy={create.busy}
          error={create.error}
          onSubmit={(f) => void create.run(f)}
          onCancel={() => setCreating(false)}
        />
      </Modal>
    </Page>
  );
}
