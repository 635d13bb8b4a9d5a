import { Card, Table, Text, Title } from '@mantine/core';
import { formatTimestamp } from '../../components/format';
import { useCall } from '../../components/use-call';
import { RunSummary } from './jobs-page';

/** Dashboard: "Geplante Ereignisse" — what runs next, and the last results with their errors. */
export function ScheduledEventsWidget() {
  const jobs = useCall('jobs.list', {}, ['jobs']);
  const upcoming = [...(jobs.data ?? [])].filter((j) => j.nextRunAt).sort((a, b) => (a.nextRunAt ?? '').localeCompare(b.nextRunAt ?? ''));
  return (
    <Card withBorder data-testid="scheduled-events">
      <Title order={4} mb="sm">
        Geplante Ereignisse
      </Title>
      {upcoming.length === 0 ? (
        <Text c="dimmed">Keine geplanten Aufträge.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Wann</Table.Th>
              <Table.Th>Auftrag</Table.Th>
              <Table.Th>Letztes Ergebnis</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {upcoming.map((j) => (
              <Table.Tr key={j.name}>
                <Table.Td>{formatTimestamp(j.nextRunAt ?? '')}</Table.Td>
                <Table.Td>
                  {j.label}
                  <Text size="xs" c="dimmed">
                    {j.cronText}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RunSummary run={j.lastRun} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
