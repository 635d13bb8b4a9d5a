// Fakturierung → Rechnungslauf: run billing for a date, see the report, earlier runs, and an
// interim invoice (Zwischenabrechnung) for one contract.
import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { BILLING_RUN_JOB, type BillingRunDto } from '../../../shared/api/billing';
import type { JobProgress } from '../../../shared/api/events';
import type { JobRunDto } from '../../../shared/api/jobs';
import { formatDate } from '../../../shared/dates';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formatTimestamp, Money } from '../../components/format';
import { JobProgressBar, useJobProgress } from '../../components/job-progress';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { DateField, isoOf, showDate } from './date-field';

const KIND_LABELS: Readonly<Record<BillingRunDto['kind'], string>> = { RUN: 'Rechnungslauf', INTERIM: 'Zwischenabrechnung', REBILL: 'Neu abgerechnet' };

function RunReport({ run }: { run: BillingRunDto }) {
  const navigate = useNavigate();
  const skipped = run.errors.filter((e) => e.contractId !== 0);
  const notices = run.errors.filter((e) => e.contractId === 0);
  return (
    <Card withBorder data-testid="billing-run-report">
      <Title order={4} mb="sm">
        {KIND_LABELS[run.kind]} vom {formatDate(run.runDate)}
      </Title>
      <SimpleGrid cols={5} mb="sm">
        <Stat label="Verträge" value={String(run.contractsSeen)} testId="run-contracts" />
        <Stat label="Rechnungen" value={String(run.invoicesCreated)} testId="run-invoices" />
        <Stat label="Netto" money={run.net} />
        <Stat label="Steuer" money={run.tax} />
        <Stat label="Brutto" money={run.gross} testId="run-gross" />
      </SimpleGrid>
      {notices.map((n) => (
        <Alert key={n.reason} color="red" title="Lauf nicht vollständig" mb="sm" data-testid="run-notice">
          {n.reason}
        </Alert>
      ))}
      {skipped.length > 0 ? (
        <Alert color="orange" title={`${skipped.length} ${skipped.length === 1 ? 'Vertrag' : 'Verträge'} übersprungen`} data-testid="run-errors">
          <Stack gap={4}>
            {skipped.map((e) => (
              <Text key={`${e.contractId}-${e.reason}`} size="sm">
                {e.contractNumber} ({e.customerName}): {e.reason}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      {run.invoiceIds.length > 0 ? (
        <Group mt="sm">
          <Button variant="light" onClick={() => navigate(`/fakturierung/rechnungen?lauf=${run.id}`)} data-testid="run-show-invoices">
            Erstellte Rechnungen anzeigen
          </Button>
        </Group>
      ) : (
        <Text c="dimmed" mt="sm">
          {run.errors.length > 0 ? 'Es wurde keine Rechnung erstellt.' : 'Keine fälligen Leistungen – es wurde keine Rechnung erstellt.'}
        </Text>
      )}
    </Card>
  );
}

function Stat({ label, value, money, testId }: { label: string; value?: string; money?: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {money !== undefined ? <Money value={money} fw={700} data-testid={testId} /> : <Text fw={700} data-testid={testId}>{value}</Text>}
    </Stack>
  );
}

/** A stored run as a progress bar, until the live events of the job arrive (page opened during a run). */
function storedProgress(run: JobRunDto): JobProgress {
  return { jobId: String(run.id), kind: run.name, phase: run.phase ?? 'Start', current: run.current, total: run.total, state: 'running' };
}

/**
 * The billing job this page shows: started here, or already running when the page opens (from
 * Aufträge, on schedule, before a reload). Once it has finished, onFinished gets its id, once.
 */
function useBillingJob(onFinished: (jobRunId: number) => void) {
  const live = useJobProgress(BILLING_RUN_JOB);
  const latest = useCall('jobs.history', { name: BILLING_RUN_JOB, limit: 1 }, ['jobs']);
  const [started, setStarted] = useState<number | null>(null);
  const stored = latest.data?.rows[0];
  const jobId = started ?? (stored?.state === 'RUNNING' ? stored.id : null);
  // Live events are newer than the stored row, which is reloaded only once the job has finished.
  const liveState = jobId !== null && live?.jobId === String(jobId) ? live.state : null;
  const finished = jobId !== null && (liveState !== null ? liveState !== 'running' : stored?.id === jobId && stored.state !== 'RUNNING');
  const reported = useRef<number | null>(null);
  useEffect(() => {
    if (jobId === null || !finished || reported.current === jobId) return;
    reported.current = jobId;
    onFinished(jobId);
  }, [jobId, finished, onFinished]);
  const progress = live ?? (stored?.state === 'RUNNING' ? storedProgress(stored) : null);
  return { progress, running: (jobId !== null && !finished) || live?.state === 'running', watch: setStarted };
}

export function BillingRunPage() {
  const [date, setDate] = useState('');
  const [last, setLast] = useState<BillingRunDto>();
  const [contractSearch, setContractSearch] = useState('');
  const [contractId, setContractId] = useState<string | null>(null);
  const [interimDate, setInterimDate] = useState('');
  const runs = useCall('billing.runs', { limit: 20 }, ['billing']);
  const settings = useCall('billing.settings', {}, ['billing']);
  const saveSettings = useAction(async (applyCredit: boolean) => call('billing.saveSettings', { applyCredit }));
  const contracts = useCall('contracts.list', { search: contractSearch, limit: 20 }, ['contracts']);
  const report = useAction(async (jobRunId: number) => {
    const result = await call('billing.runOfJob', { jobRunId });
    if (result) setLast(result);
    return result;
  });
  const job = useBillingJob(report.run);
  const run = useAction(async () => {
    const { jobRunId } = await call('billing.startRun', { date: isoOf(date) });
    job.watch(jobRunId);
  });
  const interim = useAction(async () => {
    const result = await call('billing.interim', { contractId: Number(contractId), ...(interimDate.trim() ? { date: isoOf(interimDate) } : {}) });
    setLast(result);
    return result;
  });
  return (
    <Page title="Rechnungslauf">
      <Card withBorder>
        <Text mb="sm">Rechnet alle bis zum Stichtag fälligen, noch nicht abgerechneten Leistungen ab: eine Rechnung je Vertrag und Währung (Sammelrechnung je Kunde, Projekt und Währung). Ein zweiter Lauf am selben Tag erstellt nichts doppelt.</Text>
        <Group align="end">
          <DateField label="Stichtag" value={date} onChange={setDate} testId="billing-run-date" required error={run.error?.fieldErrors().date} />
          <Button onClick={() => void run.run()} loading={run.busy || job.running} disabled={date.trim() === ''} data-testid="billing-run-start">
            Rechnungslauf starten
          </Button>
          {job.running && job.progress ? (
            <Button variant="light" color="red" onClick={() => void call('jobs.cancel', { runId: Number(job.progress?.jobId) })} data-testid="billing-run-cancel">
              Abbrechen
            </Button>
          ) : null}
        </Group>
        {job.progress ? (
          <Stack mt="md" maw={520}>
            <JobProgressBar progress={job.progress} />
          </Stack>
        ) : null}
        <Switch
          mt="md"
          label="Guthaben des Kunden mit neuen Rechnungen verrechnen („abzüglich Guthaben“)"
          checked={settings.data?.applyCredit ?? true}
          disabled={settings.data === undefined || saveSettings.busy}
          onChange={(e) => void saveSettings.run(e.currentTarget.checked)}
          data-testid="billing-apply-credit"
        />
        <ErrorAlert error={run.error ?? report.error ?? saveSettings.error} />
      </Card>
      {last ? <RunReport run={last} /> : null}
      <Card withBorder>
        <Title order={4} mb="sm">
          Zwischenabrechnung erstellen
        </Title>
        <Group align="end">
          <Select
            label="Vertrag"
            searchable
            w={360}
            data={(contracts.data?.rows ?? []).map((c) => ({ value: String(c.id), label: `${c.number} – ${c.customerName}` }))}
            value={contractId}
            onChange={setContractId}
            onSearchChange={setContractSearch}
            searchValue={contractSearch}
            data-testid="interim-contract"
            nothingFoundMessage="Kein Vertrag gefunden"
          />
          <DateField label="Stichtag (leer = heute)" value={interimDate} onChange={setInterimDate} />
          <Button variant="light" onClick={() => void interim.run()} loading={interim.busy} disabled={contractId === null} data-testid="interim-start">
            Zwischenabrechnung erstellen
          </Button>
        </Group>
        <ErrorAlert error={interim.error} />
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          Bisherige Läufe
        </Title>
        <ErrorAlert error={runs.error} />
        <Table striped data-testid="billing-runs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Art</Table.Th>
              <Table.Th>Stichtag</Table.Th>
              <Table.Th>Gestartet</Table.Th>
              <Table.Th>Von</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Verträge</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Rechnungen</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Brutto</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Fehler</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(runs.data?.rows ?? []).map((r) => (
              <Table.Tr key={r.id} onClick={() => setLast(r)} style={{ cursor: 'pointer' }}>
                <Table.Td>{KIND_LABELS[r.kind]}</Table.Td>
                <Table.Td>{showDate(r.runDate)}</Table.Td>
                <Table.Td>{formatTimestamp(r.startedAt)}</Table.Td>
                <Table.Td>{r.actor}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{r.contractsSeen}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{r.invoicesCreated}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Money value={r.gross} />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{r.errors.length}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Page>
  );
}
