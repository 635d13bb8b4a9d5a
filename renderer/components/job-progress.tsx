import { Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { JobProgress } from '../../shared/api/events';
import { subscribe } from '../api/client';

/** The latest progress of jobs of one kind (e.g. 'billing.run'), or of any kind. */
export function useJobProgress(kind?: string): JobProgress | null {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  useEffect(
    () =>
      subscribe('job.progress', (p) => {
        if (!kind || p.kind === kind) setProgress(p);
      }),
    [kind],
  );
  return progress;
}

const STATE_TEXT: Record<JobProgress['state'], string> = {
  running: 'läuft',
  done: 'fertig',
  failed: 'fehlgeschlagen',
  cancelled: 'abgebrochen',
};

/** A progress bar with counts: "Rechnungen 1.234 / 10.000". */
export function JobProgressBar({ progress }: { progress: JobProgress | null }) {
  if (!progress) return null;
  const percent = progress.total > 0 ? Math.min(100, (progress.current / progress.total) * 100) : progress.state === 'running' ? 0 : 100;
  const color = progress.state === 'failed' ? 'red' : progress.state === 'cancelled' ? 'gray' : 'teal';
  return (
    <Stack gap={4} data-testid="job-progress" data-state={progress.state}>
      <Group justify="space-between">
        <Text size="sm">
          {progress.phase} – {STATE_TEXT[progress.state]}
        </Text>
        <Text size="sm" ff="monospace" data-testid="job-progress-count">
          {progress.current.toLocaleString('de-DE')} / {progress.total.toLocaleString('de-DE')}
        </Text>
      </Group>
      <Progress value={percent} color={color} animated={progress.state === 'running'} size="lg" />
      {progress.message && progress.state !== 'running' && (
        <Text size="xs" c={progress.state === 'failed' ? 'red' : 'dimmed'}>
          {progress.message}
        </Text>
      )}
    </Stack>
  );
}
