import { Badge, Button, Checkbox, Group, SegmentedControl, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ARTICLE_KIND_LABELS, SUBSCRIPTION_UNIT_LABELS, type ArticleRow } from '../../../shared/api/catalog';
import { DataTable, type Column, type SortState } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useCall } from '../../components/use-call';

const PAGE_SIZE = 50;

/** Artikelverwaltung → Artikel: server-paged list with search and kind filter. */
export function ArticlesPage() {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [kind, setKind] = useState<'ALL' | 'SUBSCRIPTION' | 'ONE_TIME'>('ALL');
  const [sort, setSort] = useState<SortState>({ sort: 'number', direction: 'asc' });
  const [offset, setOffset] = useState(0);
  const [includeInactive, setIncludeInactive] = useState(false);
  const list = useCall(
    'catalog.articles',
    {
      search: debounced,
      ...(kind === 'ALL' ? {} : { kind }),
      sort: sort.sort as 'number',
      direction: sort.direction,
      includeInactive,
      offset,
      limit: PAGE_SIZE,
    },
    ['catalog'],
  );
  const columns: Column<ArticleRow>[] = [
    { key: 'number', header: 'Artikelnummer', sortKey: 'number', render: (r) => r.number },
    { key: 'name', header: 'Name', sortKey: 'name', render: (r) => r.name },
    { key: 'kind', header: 'Art', render: (r) => ARTICLE_KIND_LABELS[r.kind] },
    { key: 'unit', header: 'Einheit', render: (r) => SUBSCRIPTION_UNIT_LABELS[r.unit] ?? r.unit },
    { key: 'productGroup', header: 'Warengruppe', sortKey: 'productGroup', render: (r) => r.productGroupName },
    { key: 'projects', header: 'Projekte', render: (r) => r.projects },
    { key: 'active', header: '', render: (r) => (r.active ? null : <Badge color="gray">inaktiv</Badge>) },
  ];
  return (
    <Page
      title="Artikel"
      actions={
        <Button onClick={() => navigate('/artikel/neu')} data-testid="article-new">
          Neuer Artikel
        </Button>
      }
    >
      <Group>
        <TextInput
          placeholder="Suche nach Artikelnummer oder Name"
          aria-label="Suche"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setOffset(0);
          }}
          w={360}
          data-testid="article-search"
        />
        <SegmentedControl
          value={kind}
          onChange={(v) => {
            setKind(v as typeof kind);
            setOffset(0);
          }}
          data={[
            { value: 'ALL', label: 'Alle' },
            { value: 'SUBSCRIPTION', label: 'Abo-Artikel' },
            { value: 'ONE_TIME', label: 'Einmal-Artikel' },
          ]}
        />
        <Checkbox
          label="Inaktive anzeigen"
          checked={includeInactive}
          onChange={(e) => {
            setIncludeInactive(e.currentTarget.checked);
            setOffset(0);
          }}
        />
      </Group>
      <ErrorAlert error={list.error} />
      <DataTable
        testId="article-table"
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
        onRowClick={(r) => navigate(`/artikel/${r.id}`)}
        emptyText="Keine Artikel gefunden."
      />
    </Page>
  );
}
