// Zahlungen → Bankkonten: the company's accounts (IBAN, name, DATEV account) and the
// threshold above which matched payments are booked automatically.
import { Badge, Button, Group, Modal, NumberInput, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { BankAccountDto } from '../../../shared/api/bank';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formatTimestamp } from '../../components/format';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';

interface FormState {
  id?: number;
  iban: string;
  name: string;
  datevAccount: string;
}

export function BankAccountsPage() {
  const accounts = useCall('bank.accounts.list', {}, ['bank']);
  const settings = useCall('bank.settings.get', {}, ['bank']);
  const imports = useCall('bank.imports.list', { limit: 100 }, ['bank']);
  const [form, setForm] = useState<FormState | null>(null);
  const [threshold, setThreshold] = useState<number | string>('');
  const save = useAction(async (f: FormState) => {
    await call('bank.accounts.save', { ...(f.id ? { id: f.id } : {}), account: { iban: f.iban, name: f.name, currency: 'EUR', datevAccount: f.datevAccount || null } });
    setForm(null);
  });
  const saveThreshold = useAction(async () => {
    await call('bank.settings.set', { autoBookThreshold: Number(threshold) });
    setThreshold('');
  });
  const edit = (a?: BankAccountDto) => {
    save.clearError();
    setForm(a ? { id: a.id, iban: a.iban ?? '', name: a.name, datevAccount: a.datevAccount ?? '' } : { iban: '', name: '', datevAccount: '' });
  };
  const errors = save.error?.fieldErrors('account') ?? {};
  return (
    <Page
      title="Bankkonten"
      actions={
        <Button onClick={() => edit()} data-testid="bank-account-new">
          Bankkonto anlegen
        </Button>
      }
    >
      <Table striped data-testid="bank-accounts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Bezeichnung</Table.Th>
            <Table.Th>IBAN / Konto</Table.Th>
            <Table.Th>DATEV-Konto</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(accounts.data ?? []).map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.name}</Table.Td>
              <Table.Td>{a.iban ?? a.accountIdent}</Table.Td>
              <Table.Td>{a.datevAccount ?? '—'}</Table.Td>
              <Table.Td>
                {a.iban && (
                  <Button size="xs" variant="subtle" onClick={() => edit(a)}>
                    Bearbeiten
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
          {accounts.data?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text c="dimmed">Noch keine Bankkonten – sie entstehen auch beim ersten Einlesen eines Kontoauszugs.</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text fw={600}>Automatische Verbuchung</Text>
          <Text size="sm" c="dimmed">
            Zahlungen, deren Zuordnung mindestens diese Trefferzahl erreicht (Rechnungsnummer 60, Betrag = offene Posten 30, IBAN bekannt 20, Kundennummer 25, Name 10),
            werden beim Einlesen automatisch verbucht. 101 = nie automatisch.
          </Text>
          <Group align="flex-end">
            <NumberInput
              label={`Schwelle (aktuell ${settings.data?.autoBookThreshold ?? '…'})`}
              min={1}
              max={101}
             
              value={threshold}
              onChange={setThreshold}
              error={saveThreshold.error?.fieldErrors().autoBookThreshold}
              w={220}
              data-testid="bank-threshold"
            />
            <Button onClick={() => void saveThreshold.run()} disabled={threshold === ''} loading={saveThreshold.busy} data-testid="bank-threshold-save">
              Speichern
            </Button>
          </Group>
          <ErrorAlert error={saveThreshold.error} />
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          Eingelesene Kontoauszüge (Importprotokoll)
        </Text>
        <Table striped data-testid="bank-imports">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Eingelesen</Table.Th>
              <Table.Th>Datei</Table.Th>
              <Table.Th>Format</Table.Th>
              <Table.Th>Konto</Table.Th>
              <Table.Th ta="right">Neu</Table.Th>
              <Table.Th ta="right">Doppelt</Table.Th>
              <Table.Th ta="right">Abgelehnt</Table.Th>
              <Table.Th>SHA-256</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(imports.data ?? []).map((i) => (
              <Table.Tr key={i.id} title={i.warnings.join('\n')}>
                <Table.Td>
                  {formatTimestamp(i.importedAt)} · {i.importedBy}
                </Table.Td>
                <Table.Td>{i.fileName}</Table.Td>
                <Table.Td>
                  {i.format} {i.warnings.length > 0 && <Badge color="yellow">{i.warnings.length} Hinweise</Badge>}
                </Table.Td>
                <Table.Td>{i.bankAccountName}</Table.Td>
                <Table.Td ta="right">{i.newCount}</Table.Td>
                <Table.Td ta="right">{i.duplicateCount}</Table.Td>
                <Table.Td ta="right">{i.rejectedCount}</Table.Td>
                <Table.Td ff="monospace">{i.sha256.slice(0, 12)}…</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Modal opened={form !== null} onClose={() => setForm(null)} title={form?.id ? 'Bankkonto bearbeiten' : 'Bankkonto anlegen'}>
        {form && (
          <Stack>
            <TextInput label="Bezeichnung" value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={errors.name} data-autofocus />
            <TextInput label="IBAN" value={form.iban} onChange={(e) => setForm({ ...form, iban: e.currentTarget.value })} error={errors.iban ?? save.error?.fieldErrors().iban} />
            <TextInput label="DATEV-Konto (z. B. 1200)" value={form.datevAccount} onChange={(e) => setForm({ ...form, datevAccount: e.currentTarget.value })} error={errors.datevAccount} />
            {save.error && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setForm(null)}>
                Abbrechen
              </Button>
              <Button onClick={() => void save.run(form)} loading={save.busy}>
                Speichern
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Page>
  );
}
