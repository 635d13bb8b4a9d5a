// Einstellungen → Datensicherung: consistent copy while the app runs; restore with confirmation
// (the current state is saved first, the restored file is checked).
import { Alert, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { RestoreResult } from '../../../shared/api/transfer';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';

const dateTime = (iso: string) => new Date(iso).toLocaleString('de-DE', { dateStyle: 'medium', timeStyle: 'short' });
const size = (bytes: number) => `${(bytes / (1024 * 1024)).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;

export function BackupPage() {
  const backups = useCall('transfer.backups', {}, ['backups']);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [otherPath, setOtherPath] = useState('');
  const [restored, setRestored] = useState<RestoreResult | null>(null);
  const create = useAction(async () => {
    const b = await call('transfer.backup', {});
    backups.reload();
    return b;
  });
  const restore = useAction(async (path: string) => {
    const r = await call('transfer.restore', { path, confirm: true });
    setConfirming(null);
    setRestored(r);
    backups.reload();
    return r;
  });
  return (
    <Page
      title="Datensicherung"
      actions={
        <Button onClick={() => void create.run()} loading={create.busy} data-testid="backup-create">
          Jetzt sichern
        </Button>
      }
    >
      <Text size="sm" c="dimmed">
        Die Sicherung ist eine vollständige Kopie der Firmendatei und wird im laufenden Betrieb erstellt. Vor jeder Wiederherstellung wird der aktuelle Stand automatisch gesichert.
      </Text>
      <ErrorAlert error={create.error} />
      {restored && (
        <Alert color="teal" title="Wiederhergestellt" data-testid="restore-result">
          Stand aus {restored.restoredFrom} zurückgespielt, Prüfung: {restored.integrity === 'ok' ? 'in Ordnung' : restored.integrity}. Der vorherige Stand liegt unter {restored.safetyCopy}.
        </Alert>
      )}
      <Table withTableBorder striped data-testid="backup-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Erstellt</Table.Th>
            <Table.Th>Datei</Table.Th>
            <Table.Th ta="right">Größe</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(backups.data ?? []).map((b) => (
            <Table.Tr key={b.path}>
              <Table.Td>{dateTime(b.createdAt)}</Table.Td>
              <Table.Td ff="monospace" fz="xs">{b.fileName}</Table.Td>
              <Table.Td ta="right">{size(b.bytes)}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" color="orange" onClick={() => setConfirming(b.path)} data-testid="backup-restore">
                  Wiederherstellen
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
          {backups.data?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text size="sm" c="dimmed">Noch keine Sicherung vorhanden.</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Group align="end">
        <TextInput label="Andere Sicherung (Pfad zur .abowerk-Datei)" value={otherPath} onChange={(e) => setOtherPath(e.currentTarget.value)} w={480} />
        <Button variant="default" disabled={otherPath.trim() === ''} onClick={() => setConfirming(otherPath.trim())}>
          Wiederherstellen …
        </Button>
      </Group>
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title="Firmendatei wiederherstellen?">
        <Stack>
          <Text size="sm">
            Der aktuelle Stand der Firmendatei wird durch die Sicherung <b>{confirming?.split(/[\\/]/).pop()}</b> ersetzt. Alles, was seitdem erfasst wurde, ist danach nicht mehr in der
            Firmendatei. Der aktuelle Stand wird vorher automatisch gesichert.
          </Text>
          <ErrorAlert error={restore.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>Abbrechen</Button>
            <Button color="orange" loading={restore.busy} onClick={() => confirming && void restore.run(confirming)} data-testid="restore-confirm">
              Ja, wiederherstellen
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
