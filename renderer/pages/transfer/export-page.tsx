// Export → Datenexport: every dataset of the company file as CSV (Excel) or JSON.
import { Alert, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { ExportCsvEncoding, ExportFormat, ExportResult } from '../../../shared/api/transfer';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction } from '../../components/use-call';
import { downloadBase64 } from './download';

export function ExportPage() {
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [csvEncoding, setCsvEncoding] = useState<ExportCsvEncoding>('Windows-1252');
  const [result, setResult] = useState<ExportResult | null>(null);
  const run = useAction(async () => {
    const r = await call('transfer.export', { format, csvEncoding });
    setResult(r);
    return r;
  });
  const type = format === 'json' ? 'application/json' : 'text/csv';
  return (
    <Page title="Datenexport">
      <Text size="sm" c="dimmed">
        Kunden, Verträge mit Positionen, Artikel mit Preisen, Rechnungen mit Positionen, Leistungen, Kontobewegungen und Banktransaktionen. CSV mit Semikolon für Excel;
        Zellen, die Excel als Formel ausführen würde (= + - @), werden mit einem Apostroph entschärft. Für nächtliche Exporte per Befehlszeile: <code>export all --format csv --out &lt;Ordner&gt;</code>.
      </Text>
      <Group>
        <SegmentedControl data={[{ value: 'csv', label: 'CSV' }, { value: 'json', label: 'JSON' }]} value={format} onChange={(v) => setFormat(v as ExportFormat)} data-testid="export-format" />
        {format === 'csv' && (
          <SegmentedControl
            data={[{ value: 'Windows-1252', label: 'Windows-1252 (Excel)' }, { value: 'UTF-8-BOM', label: 'UTF-8 mit BOM' }]}
            value={csvEncoding}
            onChange={(v) => setCsvEncoding(v as ExportCsvEncoding)}
          />
        )}
        <Button onClick={() => void run.run()} loading={run.busy} data-testid="export-run">
          Export erstellen
        </Button>
      </Group>
      <ErrorAlert error={run.error} />
      {result && (
        <Stack>
          {result.warnings.map((w) => (
            <Alert key={w} color="orange" data-testid="export-warning">
              {w}
            </Alert>
          ))}
          <Table withTableBorder striped data-testid="export-files">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Daten</Table.Th>
                <Table.Th>Datei</Table.Th>
                <Table.Th ta="right">Zeilen</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.files.map((f) => (
                <Table.Tr key={f.dataset}>
                  <Table.Td>{f.label}</Table.Td>
                  <Table.Td ff="monospace">{f.fileName}</Table.Td>
                  <Table.Td ta="right">{f.rows.toLocaleString('de-DE')}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => downloadBase64(f.fileName, f.base64, type)}>
                      Herunterladen
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button variant="default" onClick={() => result.files.forEach((f) => downloadBase64(f.fileName, f.base64, type))}>
              Alle herunterladen
            </Button>
            {result.absent.length > 0 && <Text size="xs" c="dimmed">In dieser Firmendatei noch nicht vorhanden: {result.absent.join(', ')}</Text>}
          </Group>
        </Stack>
      )}
    </Page>
  );
}
