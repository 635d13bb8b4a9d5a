import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { AmountFigure } from '../../../shared/api/dashboard';
import { dec, formatMoney } from '../../../shared/money';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useCall } from '../../components/use-call';
import { dashboardWidgets } from './widgets';

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Card withBorder>
      <Text c="dimmed" size="sm">
        {label}
      </Text>
      <Title order={3} data-testid={testId}>
        {value}
      </Title>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

const amountHint = (f: AmountFigure | undefined) => (f ? `${f.count.toLocaleString('de-DE')} Rechnungen` : undefined);
const amountValue = (f: AmountFigure | undefined) => (f ? formatMoney(dec(f.amount)) : '…');

export function DashboardPage() {
  const company = useCall('company.current', {});
  const figures = useCall('dashboard.figures', {}, ['customers', 'contracts', 'billing', 'ledger', 'bank', 'jobs']);
  const f = figures.data;
  return (
    <Page title="Dashboard">
      <Text c="dimmed">{company.data?.profile.name}</Text>
      <ErrorAlert error={figures.error} />
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Figure label="Aktive Kunden" value={f?.activeCustomers.toLocaleString('de-DE') ?? '…'} testId="kpi-customers" />
        <Figure label="Aktive Verträge" value={f?.activeContracts.toLocaleString('de-DE') ?? '…'} testId="kpi-contracts" />
        <Figure label="Offene Rechnungen" value={amountValue(f?.openInvoices)} hint={amountHint(f?.openInvoices)} testId="kpi-open" />
        <Figure label="Fällig diesen Monat" value={amountValue(f?.dueThisMonth)} hint={amountHint(f?.dueThisMonth)} testId="kpi-due" />
        <Figure label="Überfällig" value={amountValue(f?.overdue)} hint={amountHint(f?.overdue)} testId="kpi-overdue" />
      </SimpleGrid>
      <Stack>
        {dashboardWidgets.map((W, i) => (
          <W key={W.name || i} />
        ))}
      </Stack>
    </Page>
  );
}
