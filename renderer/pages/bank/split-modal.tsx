// "Andere Rechnungen / Aufteilen": choose open invoices (search or the suggested customer's),
// amounts per invoice prefilled oldest first; what is not distributed becomes credit.
import { Button, Checkbox, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import type { BankTransactionDto, OpenInvoiceDto } from '../../../shared/api/bank';
import { dec, formatDecimal, parseDecimal, ZERO } from '../../../shared/money';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { DateText, Money } from '../../components/format';
import { useAction, useCall } from '../../components/use-call';

export function SplitModal({ tx, onClose }: { tx: BankTransactionDto; onClose: () => void }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const customerId = tx.suggestion?.customerId;
  const invoices = useCall('bank.openInvoices', debounced ? { search: debounced } : customerId ? { customerId } : { search: null }, ['bank']);
  const [chosen, setChosen] = useState<Record<number, string>>(() =>
    Object.fromEntries((tx.suggestion?.allocations ?? []).map((a) => [a.invoiceId, formatDecimal(dec(a.amount))])),
  );
  // Invoices once chosen stay listed when the search changes.
  const [known, setKnown] = useState<Record<number, OpenInvoiceDto>>(() => {
    const s = tx.suggestion;
    if (!s) return {};
    return Object.fromEntries(
      s.allocations.map((a) => [
        a.invoiceId,
        {
          invoiceId: a.invoiceId,
          invoiceNumber: a.invoiceNumber,
          customerId: s.customerId,
          customerNumber: s.customerNumber,
          customerName: s.customerName,
          issueDate: '',
          dueDate: null,
          currency: tx.currency,
          gross: a.openAmount,
          openAmount: a.openAmount,
        },
      ]),
    );
  });

  const amount = dec(tx.amount);
  const distributed = useMemo(() => Object.values(chosen).reduce((s, v) => s.plus(parseDecimal(v) ?? ZERO), ZERO), [chosen]);
  const rest = amount.minus(distributed);

  const toggle = (inv: OpenInvoiceDto, on: boolean) => {
    if (on) setKnown((k) => ({ ...k, [inv.invoiceId]: inv }));
    setChosen((c) => {
      const next = { ...c };
      if (!on) delete next[inv.invoiceId];
      else {
        const left = amount.minus(Object.values(c).reduce((s, v) => s.plus(parseDecimal(v) ?? ZERO), ZERO));
        const part = left.lt(dec(inv.openAmount)) ? left : dec(inv.openAmount);
        next[inv.invoiceId] = formatDecimal(part.isNegative() ? ZERO : part);
      }
      return next;
    });
  };

  const book = useAction(async () => {
    const allocations = Object.entries(chosen).map(([id, v]) => ({ invoiceId: Number(id), amount: v }));
    await call('bank.book', { transactionId: tx.id, allocations });
    onClose();
  });

  const rows = [...new Map([...Object.keys(chosen).map((id) => known[Number(id)]).filter((x): x is OpenInvoiceDto => !!x), ...(invoices.data ?? [])].map((i) => [i.invoiceId, i])).values()];

  return (
    <Modal opened onClose={onClose} title="Rechnungen wählen und aufteilen" size="xl">
      <Stack>
        <Text>
          Zahlung <Money value={tx.amount} currency={tx.currency} /> vom <DateText value={tx.bookingDate} /> · {tx.counterpartyName ?? 'Unbekannt'} · „{tx.remittance}“
        </Text>
        <TextInput
          label="Offene Rechnungen suchen (Rechnungsnummer, Kunde)"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-autofocus
          data-testid="split-search"
        />
        <Table striped highlightOnHover data-testid="split-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>Rechnung</Table.Th>
              <Table.Th>Kunde</Table.Th>
              <Table.Th>Fällig</Table.Th>
              <Table.Th ta="right">Offen</Table.Th>
              <Table.Th ta="right">Zuordnen</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((inv) => (
              <Table.Tr key={inv.invoiceId} data-testid={`split-row-${inv.invoiceNumber}`}>
                <Table.Td>
                  <Checkbox
                    aria-label={`${inv.invoiceNumber} wählen`}
                    checked={chosen[inv.invoiceId] !== undefined}
                    onChange={(e) => toggle(inv, e.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>{inv.invoiceNumber}</Table.Td>
                <Table.Td>
                  {inv.customerNumber} {inv.customerName}
                </Table.Td>
                <Table.Td>
                  <DateText value={inv.dueDate} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={inv.openAmount} currency={inv.currency} />
                </Table.Td>
                <Table.Td ta="right">
                  <TextInput
                    w={120}
                    aria-label={`Betrag für ${inv.invoiceNumber}`}
                    disabled={chosen[inv.invoiceId] === undefined}
                    value={chosen[inv.invoiceId] ?? ''}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setChosen((c) => ({ ...c, [inv.invoiceId]: v }));
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text data-testid="split-summary">
          Verteilt {formatDecimal(distributed)} von {formatDecimal(amount)}
          {rest.gt(0) ? ` – ${formatDecimal(rest)} werden Guthaben des Kunden` : rest.lt(0) ? ' – mehr verteilt als gezahlt' : ''}
        </Text>
        <ErrorAlert error={book.error} title="Nicht gebucht" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Abbrechen
          </Button>
          <Button onClick={() => void book.run()} loading={book.busy} disabled={Object.keys(chosen).length === 0 || rest.lt(0)} data-testid="split-book">
            Buchen
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
