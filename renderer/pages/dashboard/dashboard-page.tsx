import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DASHBOARD_CURRENCY, type AmountFigure, type CurrencyFigures } from '../../../shared/api/dashboard';
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
const amountValue = (f: AmountFigure | undefined, currency = DASHBOARD_CURRENCY) => (f ? formatMoney(dec(f.amount), currency) : '…');

/** Open invoices in a currency other than EUR: shown apart, never added to the euro figures (DOMAIN §2). */
function OtherCurrency({ f }: { f: CurrencyFigures }) {
  const id = f.currency.toLowerCase();
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }} data-testid={`kpi-currency-${id}`}>
      <Figure label={`Offene Rechnungen in ${f.currency}`} value={amountValue(f.openInvoices, f.currency)} hint={amountHint(f.openInvoices)} testId={`kpi-open-${id}`} />
      <Figure label={`Fällig diesen Monat in ${f.currency}`} value={amountValue(f.dueThisMonth, f.currency)} hint={amountHint(f.dueThisMonth)} testId={`kpi-due-${id}`} />
      <Figure label={`Überfällig in ${f.currency}`} value={amountValue(f.overdue, f.currency)} hint={amountHint(f.overdue)} testId={`kpi-overdue-${id}`} />
    </SimpleGrid>
  );
}

export function DashboardPage() {
  const company = useCall('company.current', {});
  const figures = useCall('dashboard.figures', {}, ['customers', 'contracts', 'billing', 'ledger', 'bank', 'jobs']);
  const f = figures.data;
  // Only named when other currencies are listed beside the euro figures.
  const inEur = f?.otherCurrencies.length ? ` in ${DASHBOARD_CURRENCY}` : '';
  return (
    <Page title="Dashboard">
      <Text c="dimmed">{company.data?.profile.name}</Text>
      <ErrorAlert error={figures.error} />
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Figure label="Aktive Kunden" value={f?.activeCustomers.toLocaleString('de-DE') ?? '…'} testId="kpi-customers" />
        <Figure label="Aktive Verträge" value={f?.activeContracts.toLocaleString('de-DE') ?? '…'} testId="kpi-contracts" />
        <Figure label={`Offene Rechnungen${inEur}`} value={amountValue(f?.openInvoices)} hint={amountHint(f?.openInvoices)} testId="kpi-open" />
        <Figure label={`Fällig diesen Monat${inEur}`} value={amountValue(f?.dueThisMonth)} hint={amountHint(f?.dueThisMonth)} testId="kpi-due" />
        <Figure label={`Überfällig${inEur}`} value={amountValue(f?.overdue)} hint={amountHint(f?.overdue)} testId="kpi-overdue" />
      </SimpleGrid>
      {f?.otherCurrencies.map((c) => <OtherCurrency key={c.currency} f={c} />)}
      <Stack>
        {dashboardWidgets.map((W, i) => (
          <W key={W.name || i} />
        ))}
      </Stack>
    </Page>
  );
}
