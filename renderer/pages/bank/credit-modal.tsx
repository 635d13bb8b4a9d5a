// "Als Guthaben buchen": the payment without an invoice goes to a chosen customer's account.
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { BankTransactionDto } from '../../../shared/api/bank';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Money } from '../../components/format';
import { useAction, useCall } from '../../components/use-call';

export function CreditModal({ tx, onClose }: { tx: BankTransactionDto; onClose: () => void }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [customerId, setCustomerId] = useState<string | null>(tx.suggestion ? String(tx.suggestion.customerId) : null);
  const customers = useCall('customers.list', { search: debounced, sort: 'name', direction: 'asc', limit: 20, offset: 0, includeInactive: false });
  const book = useAction(async () => {
    await call('bank.bookCredit', { transactionId: tx.id, customerId: Number(customerId) });
    onClose();
  });
  const data = (customers.data?.rows ?? []).map((c) => ({ value: String(c.id), label: `${c.number} ${c.displayName}` }));
  if (tx.suggestion && !data.some((d) => d.value === String(tx.suggestion?.customerId))) {
    data.unshift({ value: String(tx.suggestion.customerId), label: `${tx.suggestion.customerNumber} ${tx.suggestion.customerName}` });
  }
  return (
    <Modal opened onClose={onClose} title="Als Guthaben auf ein Kundenkonto buchen">
      <Stack>
        <Text>
          <Money value={tx.amount} currency={tx.currency} /> von {tx.counterpartyName ?? 'Unbekannt'}: „{tx.remittance}“
        </Text>
        <Select
          label="Kunde"
          searchable
          data-autofocus
          searchValue={search}
          onSearchChange={setSearch}
          data={data}
          value={customerId}
          onChange={setCustomerId}
          nothingFoundMessage="Kein Kunde gefunden"
          data-testid="credit-customer"
        />
        <ErrorAlert error={book.error} title="Nicht gebucht" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Abbrechen
          </Button>
          <Button onClick={() => void book.run()} disabled={!customerId} loading={book.busy} data-testid="credit-book">
            Als Guthaben buchen
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
