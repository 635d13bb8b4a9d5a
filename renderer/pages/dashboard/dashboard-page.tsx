import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCall } from '../../components/use-call';
import { Page } from '../../components/page';
import { dashboardWidgets } from './widgets';

export function DashboardPage() {
  const company = useCall('company.current', {});
  const customers = useCall('customers.list', { limit: 1 }, ['customers']);
  return (
    <Page title="Dashboard">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder>
          <Text c="dimmed" size="sm">
            Firma
          </Text>
          <Title order={3}>{company.data?.profile.name}</Title>
        </Card>
        <Card withBorder>
          <Text c="dimmed" size="sm">
            Aktive Kunden
          </Text>
          <Title order={3} data-testid="kpi-customers">
            {customers.data?.total.toLocaleString('de-DE') ?? '…'}
          </Title>
        </Card>
      </SimpleGrid>
      <Stack>
        {dashboardWidgets.map((W) => (
          <W key={W.name} />
        ))}
      </Stack>
    </Page>
  );
}
