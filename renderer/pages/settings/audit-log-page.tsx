import { Code, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/api/company';
import { DataTable, type Column } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { formatTimestamp } from '../../components/format';
import { Page } from '../../components/page';
import { useCall } from '../../components/use-call';

const ACTION_LABELS: Record<AuditEntry['action'], string> = { CREATE: 'Angelegt', UPDATE: 'Geändert', DELETE: 'Gelöscht' };
const PAGE_SIZE = 50;

/** German names of fields outside the customer form's labels (which come from i18n). */
const OTHER_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  taxNumber: 'Steuernummer',
  bankName: 'Bank',
  active: 'Aktiv',
  value: 'Wert',
  // catalog (Artikel, Preis, Steuergruppe, Warengruppe, Projekt)
  articleNumber: 'Artikelnummer',
  projectNumber: 'Projektnummer',
  description: 'Beschreibung',
  unit: 'Einheit',
  productGroup: 'Warengruppe',
  projects: 'Projekte',
  variants: 'Preisvarianten',
  code: 'Kürzel',
  invoiceNote: 'Rechnungshinweis',
  accountSkr03: 'Erlöskonto SKR03',
  accountSkr04: 'Erlöskonto SKR04',
  requiresVatId: 'USt-IdNr. erforderlich',
  rates: 'Steuersätze',
  taxGroup: 'Steuergruppe',
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const fieldLabel = (field: string) => (i18n.exists(`customers.${field}`) ? t(`customers.${field}`) : (OTHER_FIELD_LABELS[field] ?? field));
  const [entity, setEntity] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [offset, setOffset] = useState(0);
  const log = useCall('audit.list', { ...(entity ? { entity } : {}), ...(debounced ? { search: debounced } : {}), offset, limit: PAGE_SIZE });
  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: t('audit.at'), render: (r) => formatTimestamp(r.at) },
    { key: 'actor', header: t('audit.actor'), render: (r) => r.actor },
    { key: 'entity', header: t('audit.entity'), render: (r) => `${r.entity} ${r.entityId}` },
    { key: 'action', header: t('audit.action'), render: (r) => ACTION_LABELS[r.action] },
    {
      key: 'changes',
      header: t('audit.changes'),
      render: (r) => (
        <div style={{ maxWidth: 640, overflowWrap: 'anywhere' }}>
          {r.changes.map((c) => (
            <Text size="xs" key={c.field}>
              <Code>{fieldLabel(c.field)}</Code> {r.action === 'CREATE' ? '' : `${show(c.old)} → `}
              {show(c.new)}
            </Text>
          ))}
        </div>
      ),
    },
  ];
  return (
    <Page title={t('audit.title')}>
      <Text c="dimmed">{t('audit.intro')}</Text>
      <Group>
        <Select
          label={t('audit.filterEntity')}
          clearable
          value={entity}
          onChange={(v) => {
            setEntity(v);
            setOffset(0);
          }}
          data={['Kunde', 'Einstellung', 'Artikel', 'Preis', 'Steuergruppe', 'Warengruppe', 'Projekt', 'Vertrag', 'Nummernkreis', 'Rechnung']}
        />
        <TextInput label={t('common.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
      </Group>
      <ErrorAlert error={log.error} />
      <DataTable
        columns={columns}
        page={log.data ? { ...log.data, offset, limit: PAGE_SIZE } : undefined}
        loading={log.loading}
        onOffset={setOffset}
        rowKey={(r) => r.id}
        testId="audit-table"
      />
    </Page>
  );
}
