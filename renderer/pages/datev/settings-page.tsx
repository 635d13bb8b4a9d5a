import { Alert, Button, Card, Group, NumberInput, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { DatevSettingsDto, DatevSettingsView } from '../../../shared/api/datev';
import { DEBITOR_MODE_LABELS, DEBITOR_MODES } from '../../../shared/api/datev';
import { CHART_DEFAULTS, type Chart } from '../../../shared/datev-charts';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';

export function DatevSettingsPage() {
  const view = useCall('datev.settings.get', {}, ['datev']);
  // Kept here, not in the form: a save refetches the settings and remounts the form (its key).
  const [saved, setSaved] = useState(false);
  return (
    <Page title="DATEV-Einstellungen">
      <ErrorAlert error={view.error} />
      {view.data && <SettingsForm key={JSON.stringify(view.data.settings)} view={view.data} saved={saved} setSaved={setSaved} />}
    </Page>
  );
}

function SettingsForm({ view, saved, setSaved }: { view: DatevSettingsView; saved: boolean; setSaved: (saved: boolean) => void }) {
  const [s, setS] = useState<DatevSettingsDto>(view.settings);
  const save = useAction(async () => {
    await call('datev.settings.save', { settings: s });
    setSaved(true);
  });
  const errors = save.error?.fieldErrors('settings') ?? {};
  const err = (field: string): string | undefined => errors[field];
  const set = (patch: Partial<DatevSettingsDto>) => {
    setS({ ...s, ...patch });
    setSaved(false);
  };
  const applyChart = (chart: Chart) => {
    const d = CHART_DEFAULTS[chart];
    const ext = (a: string) => a.padEnd(s.accountLength, '0');
    const revenueAccounts = { ...s.revenueAccounts };
    for (const [code, account] of Object.entries(d.revenue)) revenueAccounts[code] = { account: ext(account), buKey: '' };
    set({ chart, revenueAccounts, bankAccount: ext(d.bank), manualCreditAccount: ext(d.manualCredit), manualDebitAccount: ext(d.manualDebit), feeAccount: ext(d.fee) });
  };
  const groupName = (code: string) => view.taxGroups.find((g) => g.code === code)?.name ?? code;
  return (
    <Stack>
      {!view.configured && (
        <Alert color="yellow" title="Noch nicht eingerichtet">
          Tragen Sie Berater- und Mandantennummer Ihrer Steuerberatung ein und speichern Sie; erst dann ist ein DATEV-Export möglich.
        </Alert>
      )}
      <Card withBorder>
        <Stack>
          <Title order={4}>Berater und Mandant</Title>
          <Group grow>
            <NumberInput label="Beraternummer" value={s.consultantNumber || ''} onChange={(v) => set({ consultantNumber: Number(v) || 0 })} error={err('consultantNumber')} allowDecimal={false} />
            <NumberInput label="Mandantennummer" value={s.clientNumber || ''} onChange={(v) => set({ clientNumber: Number(v) || 0 })} error={err('clientNumber')} allowDecimal={false} />
            <TextInput label="Beginn Wirtschaftsjahr (TT.MM.)" value={`${s.fiscalYearStart.slice(3)}.${s.fiscalYearStart.slice(0, 2)}.`} onChange={(e) => {
              const m = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(e.currentTarget.value.trim());
              set({ fiscalYearStart: m ? `${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : e.currentTarget.value });
            }} error={err('fiscalYearStart')} />
          </Group>
          <Group grow>
            <Select label="Kontenrahmen" data={['SKR03', 'SKR04']} value={s.chart} onChange={(v) => v && applyChart(v as Chart)} allowDeselect={false} />
            <NumberInput label="Sachkontenlänge" min={4} max={8} value={s.accountLength} onChange={(v) => set({ accountLength: Number(v) || 4 })} error={err('accountLength')} />
            <TextInput label="Diktatkürzel" maxLength={2} value={s.initials} onChange={(e) => set({ initials: e.currentTarget.value })} error={err('initials')} />
          </Group>
          <Switch label="Buchungen nach dem Import festschreiben (Festschreibung)" checked={s.lockBookings} onChange={(e) => set({ lockBookings: e.currentTarget.checked })} />
        </Stack>
      </Card>
      <Card withBorder>
        <Stack>
          <Title order={4}>Konten</Title>
          <Group grow>
            <TextInput label="Bankkonto" value={s.bankAccount} onChange={(e) => set({ bankAccount: e.currentTarget.value })} error={err('bankAccount')} />
            <TextInput label="Gutschriften (ohne Bank)" value={s.manualCreditAccount} onChange={(e) => set({ manualCreditAccount: e.currentTarget.value })} error={err('manualCreditAccount')} />
            <TextInput label="Belastungen" value={s.manualDebitAccount} onChange={(e) => set({ manualDebitAccount: e.currentTarget.value })} error={err('manualDebitAccount')} />
            <TextInput label="Gebühren" value={s.feeAccount} onChange={(e) => set({ feeAccount: e.currentTarget.value })} error={err('feeAccount')} />
          </Group>
          <Text size="sm" c="dimmed">Erlöskonto je Steuergruppe (vorbelegt für {s.chart}). BU-Schlüssel nur bei Konten ohne Steuerautomatik.</Text>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Steuergruppe</Table.Th>
                <Table.Th>Erlöskonto</Table.Th>
                <Table.Th>BU-Schlüssel</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Object.entries(s.revenueAccounts).map(([code, r]) => (
                <Table.Tr key={code}>
                  <Table.Td>{groupName(code)}</Table.Td>
                  <Table.Td>
                    <TextInput aria-label={`Erlöskonto ${groupName(code)}`} value={r.account} onChange={(e) => set({ revenueAccounts: { ...s.revenueAccounts, [code]: { ...r, account: e.currentTarget.value } } })} error={err(`revenueAccounts.${code}.account`)} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput aria-label={`BU-Schlüssel ${groupName(code)}`} value={r.buKey} onChange={(e) => set({ revenueAccounts: { ...s.revenueAccounts, [code]: { ...r, buKey: e.currentTarget.value } } })} error={err(`revenueAccounts.${code}.buKey`)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Card>
      <Card withBorder>
        <Stack>
          <Title order={4}>Debitoren</Title>
          <Select label="Debitorenkonto" data={DEBITOR_MODES.map((m) => ({ value: m, label: DEBITOR_MODE_LABELS[m] }))} value={s.debitorMode} onChange={(v) => v && set({ debitorMode: v as DatevSettingsDto['debitorMode'] })} allowDeselect={false} />
          <Group grow>
            <TextInput label="Debitorenbereich von" value={s.debitorRangeFrom} onChange={(e) => set({ debitorRangeFrom: e.currentTarget.value })} error={err('debitorRangeFrom')} />
            <TextInput label="bis" value={s.debitorRangeTo} onChange={(e) => set({ debitorRangeTo: e.currentTarget.value })} error={err('debitorRangeTo')} />
            {s.debitorMode === 'SINGLE' && <TextInput label="Sammeldebitor" value={s.singleDebitor} onChange={(e) => set({ singleDebitor: e.currentTarget.value })} error={err('singleDebitor')} />}
          </Group>
        </Stack>
      </Card>
      <Alert color="gray" title="DATEV-ASCII?">{view.asciiNote}</Alert>
      <ErrorAlert error={save.error} />
      <Group justify="flex-end">
        {saved && <Text c="teal" size="sm">Gespeichert.</Text>}
        <Button onClick={() => void save.run()} loading={save.busy}>
          Speichern
        </Button>
      </Group>
    </Stack>
  );
}
