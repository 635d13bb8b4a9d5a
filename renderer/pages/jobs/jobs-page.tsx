import { Badge, Button, Card, Group, Modal, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { JOB_RUN_STATE_LABELS, type JobDto, type JobRunDto } from '../../../shared/api/jobs';
import { call, isDesktop } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formatTimestamp } from '../../components/format';
import { JobProgressBar, useJobProgress } from '../../components/job-progress';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { ScheduleEditor } from './schedule-editor';

const STATE_COLORS: Record<JobRunDto['state'], string> = { RUNNING: 'blue', DONE: 'teal', FAILED: 'red', CANCELLED: 'gray', ABORTED: 'orange' };

export function RunSummary({ run }: { run: JobRunDto | null }) {
  if (!run) return <Text c="dimmed">noch nie</Text>;
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Badge color={STATE_COLORS[run.state]}>{JOB_RUN_STATE_LABELS[run.state]}</Badge>
        <Text size="sm">{formatTimestamp(run.finishedAt ?? run.startedAt)}</Text>
      </Group>
      {Object.entries(run.counts).length > 0 && (
        <Text size="xs" c="dimmed">
          {Object.entries(run.counts)
            .map(([k, v]) => `${k}: ${v.toLocaleString('de-DE')}`)
            .join(' · ')}
        </Text>
      )}
      {run.errors.slice(0, 3).map((e) => (
        <Text size="xs" c="red" key={e}>
          {e}
        </Text>
      ))}
    </Stack>
  );
}

function JobRow({ job, onEdit }: { job: JobDto; onEdit: () => void }) {
  const progress = useJobProgress(job.name);
  const run = useAction(async () => call('jobs.runNow', { name: job.name }));
  const running = progress?.state === 'running' || job.running !== null;
  return (
    <Table.Tr data-testid={`job-${job.name}`}>
      <Table.Td>
        <Text fw={600}>{job.label}</Text>
        <Text size="xs" c="dimmed">
          {job.enabled ? job.cronText : 'Zeitplan ausgeschaltet'}
        </Text>
      </Table.Td>
      <Table.Td>{job.nextRunAt ? formatTimestamp(job.nextRunAt) : '—'}</Table.Td>
      <Table.Td w={320}>{running || progress ? <JobProgressBar progress={progress} /> : <RunSummary run={job.lastRun} />}</Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={onEdit}>
            Zeitplan
          </Button>
          {running && progress ? (
            <Button size="xs" color="red" variant="light" onClick={() => void call('jobs.cancel', { runId: Number(progress.jobId) })}>
              Abbrechen
            </Button>
          ) : (
            <Button size="xs" onClick={() => void run.run()} loading={run.busy} data-testid={`run-${job.name}`}>
              Jetzt ausführen
            </Button>
          )}
        </Group>
        <ErrorAlert error={run.error} />
      </Table.Td>
    </Table.Tr>
  );
}

function KeepInTraySwitch() {
  const prefs = useCall('app.preferences', {});
  const save = useAction(async (keepInTray: boolean) => {
    await call('app.updatePreferences', { keepInTray });
    prefs.reload();
  });
  return (
    <Switch
      label="Im Infobereich weiterlaufen, wenn das Fenster geschlossen wird (geplante Aufträge laufen weiter)"
      description={isDesktop ? undefined : 'Wirkt in der Desktop-Anwendung.'}
      checked={prefs.data?.keepInTray ?? false}
      disabled={!prefs.data || save.busy}
      onChange={(e) => void save.run(e.currentTarget.checked)}
      data-testid="keep-in-tray"
    />
  );
}

export function JobsPage() {
  const jobs = useCall('jobs.list', {}, ['jobs']);
  const [editing, setEditing] = useState<JobDto | null>(null);
  return (
    <Page title="Aufträge und Zeitpläne">
      <Text c="dimmed">
        Aufträge laufen im Hintergrund, solange Abowerk geöffnet ist. Was verpasst wurde, während das Programm geschlossen war, wird beim Start einmal nachgeholt – Leistungen vor dem Rechnungslauf.
      </Text>
      <KeepInTraySwitch />
      <ErrorAlert error={jobs.error} />
      <Card withBorder>
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Auftrag</Table.Th>
              <Table.Th>Nächster Lauf</Table.Th>
              <Table.Th>Letztes Ergebnis</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.data?.map((job) => <JobRow key={job.name} job={job} onEdit={() => setEditing(job)} />)}
          </Table.Tbody>
        </Table>
      </Card>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? `Zeitplan: ${editing.label}` : ''}>
        {editing && (
          <ScheduleEditor
            job={editing}
            onSaved={() => {
              setEditing(null);
              jobs.reload();
            }}
          />
        )}
      </Modal>
    </Page>
  );
}
