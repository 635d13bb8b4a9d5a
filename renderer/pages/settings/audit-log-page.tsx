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
import { auditFieldLabel, auditObjectLabel, auditValueText, type Translator } from './audit-labels';

const ACTION_LABELS: Record<AuditEntry['action'], string> = { CREATE: 'Angelegt', UPDATE: 'Geändert', DELETE: 'Gelöscht' };
const PAGE_SIZE = 50;

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const tr: Translator = { t: (key) => t(key), exists: (key) => i18n.exists(key) };
  // Number ranges and jobs are audited under their keys; their labels live in main.
  const ranges = useCall('numberRanges.list', {});
  const jobs = useCall('jobs.list', {});
  const names = Object.fromEntries([...(ranges.data ?? []).map((r) => [r.key, r.label]), ...(jobs.data ?? []).map((j) => [j.name, j.label])]);
  const [entity, setEntity] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [offset, setOffset] = useState(0);
  const log = useCall('audit.list', { ...(entity ? { entity } : {}), ...(debounced ? { search: debounced } : {}), offset, limit: PAGE_SIZE });
  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: t('audit.at'), render: (r) => formatTimestamp(r.at) },
    { key: 'actor', header: t('audit.actor'), render: (r) => r.actor },
    { key: 'entity', header: t('audit.entity'), render: (r) => auditObjectLabel(r.entity, r.entityId, tr, names) },
    { key: 'action', header: t('audit.action'), render: (r) => ACTION_LABELS[r.action] },
    {
      key: 'changes',
      header: t('audit.changes'),
      render: (r) => (
        <div style={{ maxWidth: 640, overflowWrap: 'anywhere' }}>
          {r.changes.map((c) => (
            <Text size="xs" key={c.field}>
              <Code>{auditFieldLabel(r.entity, r.entityId, c.field, tr)}</Code> {r.action === 'CREATE' ? '' : `${auditValueText(c.field, c.old, tr)} → `}
              {auditValueText(c.field, c.new, tr)}
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
        <TextInput label={t('common.search')} value={search} maxLength={100} onChange={(e) => setSearch(e.currentTarget.value)} />
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
