import { Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { DateText, Money } from '../../components/format';
import { useCall } from '../../components/use-call';
import { ManualEntryButton } from '../ledger/manual-entry';
import { ENTRY_TYPE_LABELS, type EntryType } from '../../../shared/api/ledger';

/** Customer → "Konten": each account with its entries and running balance. */
export function AccountsTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const accounts = useCall('customers.accounts', { customerId }, ['customers', 'ledger', 'billing', 'bank']);
  return (
    <Stack>
      <ErrorAlert error={accounts.error} />
      {accounts.data?.map((account) => (
        <Card withBorder key={account.id} data-testid="customer-account">
          <Group justify="space-between" mb="sm">
            <Title order={4}>
              {t('customers.account')} {account.number}
            </Title>
            <Group gap="xs">
              <ManualEntryButton customerId={customerId} />
              <Text c="dimmed">{t('customers.balance')}:</Text>
              <Money value={account.balance} fw={700} data-testid="account-balance" />
            </Group>
          </Group>
          <Title order={5} mb="xs">
            {t('customers.entries')}
          </Title>
          {account.entries.length === 0 ? (
            <Text c="dimmed">{t('customers.noEntries')}</Text>
          ) : (
            <Table striped data-testid="account-entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Datum</Table.Th>
                  <Table.Th>Art</Table.Th>
                  <Table.Th>Text</Table.Th>
                  <Table.Th>Beleg</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Soll</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Haben</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Saldo</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {account.entries.map((e) => {
                  const debit = !e.amount.startsWith('-');
                  return (
                    <Table.Tr key={e.id}>
                      <Table.Td>
                        <DateText value={e.entryDate} />
                      </Table.Td>
                      <Table.Td>{ENTRY_TYPE_LABELS[e.type as EntryType] ?? e.type}</Table.Td>
                      <Table.Td>{e.text}</Table.Td>
                      <Table.Td>{e.reference ?? ''}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{debit ? <Money value={e.amount} /> : null}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{debit ? null : <Money value={e.amount.slice(1)} />}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>
                        <Money value={e.balance} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      ))}
    </Stack>
  );
}
