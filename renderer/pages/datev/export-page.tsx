import { Alert, Badge, Button, Card, Checkbox, Group, List, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { DatevExportDto, DatevSummaryDto } from '../../../shared/api/datev';
import { ASCII_NOTE } from '../../../shared/api/datev';
import { addDays, endOfMonth, formatDate, isoDate, parseDate, splitDate } from '../../../shared/dates';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formatTimestamp, Money } from '../../components/format';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { downloadBase64 } from '../transfer/download';

const TYPE_LABELS: Readonly<Record<string, string>> = {
  INVOICE: 'Rechnungen',
  CANCELLATION: 'Stornorechnungen',
  CREDIT_NOTE: 'Gutschriften (Belege)',
  PAYMENT: 'Zahlungen',
  MANUAL_CREDIT: 'Manuelle Gutschriften',
  MANUAL_DEBIT: 'Manuelle Belastungen',
  DIRECT_DEBIT_RETURN: 'Rücklastschriften',
  FEE: 'Gebühren',
  REFUND: 'Erstattungen',
};

/** The previous calendar month, from today's date (the usual monthly hand-over to the tax advisor). */
function lastMonth(): { from: string; to: string } {
  const today = new Date();
  const first = isoDate(today.getFullYear(), today.getMonth() + 1, 1);
  const to = addDays(first, -1);
  const { year, month } = splitDate(to);
  return { from: isoDate(year, month, 1), to: endOfMonth(to) };
}

async function download(fileId: number): Promise<void> {
  const f = await call('datev.file', { fileId });
  downloadBase64(f.fileName, f.base64, 'text/csv;charset=windows-1252');
}

export function DatevExportPage() {
  const initial = lastMonth();
  const [fromText, setFromText] = useState(formatDate(initial.from));
  const [toText, setToText] = useState(formatDate(initial.to));
  const [onlyNew, setOnlyNew] = useState(false);
  const [summary, setSummary] = useState<DatevSummaryDto>();
  const [done, setDone] = useState<DatevExportDto>();
  const from = parseDate(fromText);
  const to = parseDate(toText);
  const history = useCall('datev.exports.list', {}, ['datev']);

  const preview = useAction(async () => {
    setDone(undefined);
    if (!from || !to) return;
    setSummary(await call('datev.preview', { from, to, onlyNew }));
  });
  const save = useAction(async (confirmReexport: boolean) => {
    if (!from || !to) return;
    const result = await call('datev.export', { from, to, onlyNew, confirmReexport });
    setDone(result);
    setSummary(undefined);
    for (const f of result.files) await download(f.id);
  });

  return (
    <Page title="DATEV-Export">
      <Alert color="gray" title="DATEV-Format (EXTF) statt DATEV-ASCII" data-testid="ascii-note">
        {ASCII_NOTE}
      </Alert>
      <Card withBorder>
        <Stack>
          <Group align="flex-end">
            <TextInput label="Von" placeholder="TT.MM.JJJJ" value={fromText} onChange={(e) => { setFromText(e.currentTarget.value); setSummary(undefined); }} error={from ? undefined : 'Datum als TT.MM.JJJJ'} />
            <TextInput label="Bis" placeholder="TT.MM.JJJJ" value={toText} onChange={(e) => { setToText(e.currentTarget.value); setSummary(undefined); }} error={to ? undefined : 'Datum als TT.MM.JJJJ'} />
            <Checkbox label="Nur neue Buchungen" checked={onlyNew} onChange={(e) => { setOnlyNew(e.currentTarget.checked); setSummary(undefined); }} />
            <Button onClick={() => void preview.run()} loading={preview.busy} disabled={!from || !to}>
              Zusammenfassung anzeigen
            </Button>
          </Group>
          <ErrorAlert error={preview.error} />
        </Stack>
      </Card>

      {summary && <Summary summary={summary} busy={save.busy} onSave={(confirm) => void save.run(confirm)} />}
      <ErrorAlert error={save.error} title="Export nicht gespeichert" />
      {done && (
        <Alert color="teal" title="Export gespeichert" data-testid="datev-done">
          {done.bookingCount} Buchungen in {done.files.length} Dateien: {done.files.map((f) => f.fileName).join(', ')}
        </Alert>
      )}

      <Card withBorder>
        <Stack>
          <Title order={4}>Bisherige Exporte</Title>
          <ErrorAlert error={history.error} />
          <Table striped data-testid="datev-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Zeitraum</Table.Th>
                <Table.Th>Buchungen</Table.Th>
                <Table.Th>Erstellt</Table.Th>
                <Table.Th>Dateien (erneut herunterladen, unverändert)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(history.data ?? []).map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    {formatDate(e.from)}–{formatDate(e.to)} {e.onlyNew && <Badge size="xs">nur neue</Badge>} {e.sandbox && <Badge size="xs" color="orange">Sandbox</Badge>}
                  </Table.Td>
                  <Table.Td>{e.bookingCount}</Table.Td>
                  <Table.Td>
                    {formatTimestamp(e.createdAt)} · {e.createdBy}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {e.files.map((f) => (
                        <Button key={f.id} size="compact-xs" variant="light" onClick={() => void download(f.id)}>
                          {f.fileName}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {history.data?.length === 0 && <Text c="dimmed" size="sm">Noch kein DATEV-Export.</Text>}
        </Stack>
      </Card>
    </Page>
  );
}

/** Why a summary has no bookings: an empty range, or everything already exported ("nur neue Buchungen"). */
function nothingToExport(s: DatevSummaryDto): string {
  if (!s.onlyNew || s.alreadyExported === 0) return 'Keine Buchungen im Zeitraum.';
  if (s.alreadyExported === 1) return 'Keine neuen Buchungen: die Kontobewegung des Zeitraums wurde bereits exportiert.';
  return `Keine neuen Buchungen: alle ${s.alreadyExported} Kontobewegungen des Zeitraums wurden bereits exportiert.`;
}

function Summary({ summary: s, busy, onSave }: { summary: DatevSummaryDto; busy: boolean; onSave: (confirmReexport: boolean) => void }) {
  const blocked = s.errors.length > 0 || s.bookingCount === 0;
  const reexport = !s.onlyNew && s.alreadyExported > 0;
  return (
    <Card withBorder data-testid="datev-summary">
      <Stack>
        <Title order={4}>
          Zusammenfassung {formatDate(s.from)}–{formatDate(s.to)} {s.sandbox && <Badge color="orange">Sandbox</Badge>}
        </Title>
        <SimpleGrid cols={3}>
          <Text>
            Buchungen: <b data-testid="datev-booking-count">{s.bookingCount}</b>
          </Text>
          <Text>Kontobewegungen: {s.entryCount}</Text>
          <Text>Debitoren: {s.customerCount}</Text>
        </SimpleGrid>
        <Group gap="xs">
          {Object.entries(s.byType).map(([type, n]) => (
            <Badge key={type} variant="light">
              {TYPE_LABELS[type] ?? type}: {n}
            </Badge>
          ))}
        </Group>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Konto</Table.Th>
              <Table.Th>Bezeichnung</Table.Th>
              <Table.Th ta="right">Soll</Table.Th>
              <Table.Th ta="right">Haben</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.sums.map((a) => (
              <Table.Tr key={a.account}>
                <Table.Td>{a.account}</Table.Td>
                <Table.Td>{a.label}</Table.Td>
                <Table.Td ta="right">
                  <Money value={a.debit} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={a.credit} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {s.warnings.length > 0 && (
          <Alert color="yellow" title="Hinweise">
            <List size="sm">
              {s.warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {s.errors.length > 0 && (
          <Alert color="red" title="Export nicht möglich">
            <List size="sm">
              {s.errors.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {s.bookingCount === 0 && s.errors.length === 0 && <Text c="dimmed">{nothingToExport(s)}</Text>}
        <Text size="sm" c="dimmed">
          Dateien: {s.fileNames.join(', ') || '—'}
        </Text>
        <Group justify="flex-end">
          {reexport ? (
            <Button color="orange" onClick={() => onSave(true)} loading={busy} disabled={blocked}>
              Trotzdem alle erneut exportieren
            </Button>
          ) : (
            <Button onClick={() => onSave(false)} loading={busy} disabled={blocked}>
              Export speichern
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
