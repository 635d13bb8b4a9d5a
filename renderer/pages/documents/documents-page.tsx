import { Alert, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { DOCUMENT_KIND_LABELS, type DocumentRow, type IntegrityReport } from '../../../shared/api/documents';
import { call } from '../../api/client';
import { DataTable, type Column } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { DateText, Money } from '../../components/format';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';

const PAGE_SIZE = 50;

export function DocumentsPage() {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [offset, setOffset] = useState(0);
  const list = useCall('documents.list', { search: debounced, offset, limit: PAGE_SIZE }, ['documents', 'billing']);
  const [folderHint, setFolderHint] = useState<string | null>(null);
  const openFolder = useAction(async () => {
    const result = await call('documents.openArchiveFolder', {});
    if (!result.opened) setFolderHint(result.folder);
  });
  const info = useCall('documents.archiveInfo', {}, ['documents', 'billing']);
  const [report, setReport] = useState<IntegrityReport>();
  const check = useAction(async () => setReport(await call('documents.checkIntegrity', {})));
  const archive = useAction(async () => call('documents.archivePending', {}));

  const columns: Column<DocumentRow>[] = [
    { key: 'number', header: 'Nummer', nowrap: true, render: (r) => r.number },
    { key: 'kind', header: 'Art', render: (r) => DOCUMENT_KIND_LABELS[r.kind] },
    { key: 'date', header: 'Datum', render: (r) => <DateText value={r.issueDate} /> },
    { key: 'customer', header: 'Kunde', render: (r) => `${r.customerNumber} · ${r.customerName}` },
    { key: 'gross', header: 'Brutto', align: 'right', render: (r) => <Money value={r.gross} /> },
    { key: 'archive', header: 'Archiv', nowrap: true, render: (r) => (r.sha256 ? <Badge color="green">archiviert</Badge> : <Badge color="yellow">ausstehend</Badge>) },
  ];

  return (
    <Page
      title="Belege"
      actions={
        <>
          <Button variant="default" onClick={() => void archive.run()} loading={archive.busy} disabled={(info.data?.pending ?? 0) === 0} data-testid="documents-archive-pending">
            Ausstehende archivieren
          </Button>
          <Button variant="default" onClick={() => void openFolder.run()} loading={openFolder.busy} data-testid="documents-open-folder">
            Archivordner öffnen
          </Button>
          <Button variant="default" onClick={() => void check.run()} loading={check.busy} data-testid="documents-check">
            Archiv prüfen
          </Button>
        </>
      }
    >
      <ErrorAlert error={check.error ?? archive.error ?? list.error ?? openFolder.error} />
      {folderHint && (
        <Alert color="blue" withCloseButton onClose={() => setFolderHint(null)} data-testid="archive-folder-hint">
          Im Browser kann Abowerk keinen Ordner öffnen. Das Archiv liegt unter: {folderHint}
        </Alert>
      )}
      {info.data && (
        <Text size="sm" c="dimmed" data-testid="archive-info">
          {info.data.archived} archiviert, {info.data.pending} ausstehend · Archivordner: {info.data.folder}
        </Text>
      )}
      {report && (
        <Alert color={report.problems.length === 0 ? 'green' : 'red'} title="Archivprüfung" data-testid="integrity-report">
          <Stack gap={2}>
            <Text size="sm">
              {report.ok} von {report.total} Belegen unverändert.
            </Text>
            {report.problems.map((p) => (
              <Text size="sm" key={p.path}>
                {p.invoiceNumber}: {p.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Group>
        <TextInput
          aria-label="Belege suchen"
          placeholder="Suche nach Nummer, Kundennummer oder Name"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setOffset(0);
          }}
          w={420}
          data-testid="documents-search"
        />
      </Group>
      <DataTable
        columns={columns}
        page={list.data}
        loading={list.loading}
        onOffset={setOffset}
        onRowClick={(r) => navigate(`/belege/${r.invoiceId}`)}
        rowKey={(r) => r.invoiceId}
        emptyText="Noch keine Rechnungen ausgestellt"
        testId="documents-table"
      />
    </Page>
  );
}
