import { Anchor, Card, Group, Table, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { formatPeriod } from '../../../shared/dates';
import { DateText, Money } from '../../components/format';
import { useCall } from '../../components/use-call';

/** Dashboard: the next unbilled activities by due date (what the next billing runs will invoice). */
export function OpenActivitiesWidget() {
  const navigate = useNavigate();
  const open = useCall('activities.list', { billed: false, limit: 8 }, ['contracts', 'billing']);
  return (
    <Card withBorder data-testid="open-activities">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Nicht abgerechnete Leistungen</Title>
        <Anchor component="button" onClick={() => navigate('/leistungen')}>
          {open.data ? `alle ${open.data.total.toLocaleString('de-DE')} anzeigen` : ''}
        </Anchor>
      </Group>
      {open.data && open.data.rows.length === 0 ? (
        <Text c="dimmed">Keine offenen Leistungen.</Text>
      ) : (
        <Table>
          <Table.Tbody>
            {(open.data?.rows ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <DateText value={r.dueDate} />
                </Table.Td>
                <Table.Td>
                  {r.contractNumber} · {r.customerName}
                </Table.Td>
                <Table.Td>
                  {r.articleName} {formatPeriod(r.periodStart, r.periodEnd)}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Money value={r.net} currency={r.currency} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
