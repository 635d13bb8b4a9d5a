// Zahlungen → Zahlungseingänge verbuchen. Works without the mouse: ↑/↓ (or j/k) choose a line,
// Enter accepts the suggestion, A opens "Andere Rechnungen / Aufteilen", G books as credit,
// I ignores, U undoes; after each action the next open line is selected.
import { Badge, Button, Group, Kbd, Pagination, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { BANK_TX_STATE_LABELS, type BankTransactionDto, type BankTxState, type SuggestionDto } from '../../../shared/api/bank';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { DateText, Money } from '../../components/format';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { CreditModal } from './credit-modal';
import { ImportDrop } from './import-drop';
import { SplitModal } from './split-modal';

const PAGE_SIZE = 50;
type Filter = BankTxState | 'ALL';

function scoreColor(score: number): string {
  return score >= 90 ? 'green' : score >= 50 ? 'yellow' : 'gray';
}

/** The list's short form of a suggestion: the invoices it pays, or the customer when it names none. */
function suggestionText(s: SuggestionDto): string {
  return s.allocations.map((a) => a.invoiceNumber).join(', ') || s.customerName;
}

export function ReconciliationPage() {
  const [filter, setFilter] = useState<Filter>('OPEN');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState(0);
  const [modal, setModal] = useState<'split' | 'credit' | null>(null);
  const list = useCall('bank.transactions.list', { state: filter, offset, limit: PAGE_SIZE }, ['bank']);
  const rows = list.data?.rows ?? [];
  // After a booking the list shrinks: the selection stays on the same position (the next line).
  const index = Math.max(0, Math.min(selected, rows.length - 1));
  const current: BankTransactionDto | undefined = rows[index];
  const tableRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    tableRef.current?.querySelector(`[data-index="${index}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const act = useAction(async (fn: () => Promise<unknown>) => {
    await fn();
    tableRef.current?.focus();
  });
  const match = useAction(() => call('bank.match', { auto: true }));

  const accept = useCallback(() => {
    const s = current?.suggestion;
    if (!current || !s || current.state !== 'OPEN') return;
    void act.run(() => call('bank.book', { transactionId: current.id, allocations: s.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })) }));
  }, [act, current]);
  const ignore = useCallback(() => {
    if (current?.state === 'OPEN') void act.run(() => call('bank.ignore', { transactionId: current.id }));
  }, [act, current]);
  const undo = useCallback(() => {
    if (current && current.state !== 'OPEN') void act.run(() => call('bank.undo', { transactionId: current.id }));
  }, [act, current]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (modal) return;
    const key = e.key.toLowerCase();
    if (key === 'arrowdown' || key === 'j') setSelected(Math.min(index + 1, rows.length - 1));
    else if (key === 'arrowup' || key === 'k') setSelected(Math.max(index - 1, 0));
    else if (key === 'enter') accept();
    else if (key === 'a' && current?.state === 'OPEN' && dec0(current.amount)) setModal('split');
    else if (key === 'g' && current?.state === 'OPEN' && dec0(current.amount)) setModal('credit');
    else if (key === 'i') ignore();
    else if (key === 'u') undo();
    else return;
    e.preventDefault();
  };

  const closeModal = () => {
    setModal(null);
    setTimeout(() => tableRef.current?.focus(), 0);
  };

  return (
    <Page
      title="Zahlungseingänge verbuchen"
      actions={
        <Button variant="light" onClick={() => void match.run()} loading={match.busy} data-testid="bank-match">
          Automatisch zuordnen
        </Button>
      }
    >
      <ImportDrop />
      <ErrorAlert error={act.error ?? match.error} title="Nicht gebucht" />
      <Group justify="space-between">
        <SegmentedControl
          value={filter}
          onChange={(v) => {
            setFilter(v as Filter);
            setOffset(0);
            setSelected(0);
          }}
          data={[
            { value: 'OPEN', label: BANK_TX_STATE_LABELS.OPEN },
            { value: 'BOOKED', label: BANK_TX_STATE_LABELS.BOOKED },
            { value: 'IGNORED', label: BANK_TX_STATE_LABELS.IGNORED },
            { value: 'ALL', label: 'Alle' },
          ]}
          data-testid="bank-filter"
        />
        <Text size="sm" c="dimmed">
          <Kbd>↑</Kbd>/<Kbd>↓</Kbd> wählen · <Kbd>Enter</Kbd> Vorschlag übernehmen · <Kbd>A</Kbd> andere Rechnungen/aufteilen · <Kbd>G</Kbd> als Guthaben ·{' '}
          <Kbd>I</Kbd> ignorieren · <Kbd>U</Kbd> rückgängig
        </Text>
      </Group>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Paper
          withBorder
          ref={tableRef}
          tabIndex={0}
          onKeyDown={onKeyDown}
          style={{ flex: 3, minWidth: 0, outline: 'none', maxHeight: '60vh', overflow: 'auto' }}
          data-testid="bank-table"
          aria-label="Umsätze"
        >
          <Table highlightOnHover stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Datum</Table.Th>
                {/* Soft hyphens: the long headings may break, so the columns can get narrower than the words. */}
                <Table.Th>Auftrag&shy;geber</Table.Th>
                <Table.Th>Verwendungs&shy;zweck</Table.Th>
                <Table.Th ta="right">Betrag</Table.Th>
                <Table.Th miw={190}>Vorschlag</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr
                  key={r.id}
                  data-index={i}
                  data-testid="bank-row"
                  aria-selected={i === index}
                  onClick={() => {
                    setSelected(i);
                    tableRef.current?.focus();
                  }}
                  style={{ cursor: 'pointer', background: i === index ? 'var(--mantine-color-blue-1)' : undefined }}
                >
                  <Table.Td>
                    <DateText value={r.bookingDate} />
                  </Table.Td>
                  <Table.Td>{r.counterpartyName ?? '—'}</Table.Td>
                  <Table.Td maw={220}>
                    {/* Two lines at most, broken anywhere: a long reference must not push the suggestion column out of view. */}
                    <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }} title={r.remittance}>
                      {r.remittance}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money value={r.amount} currency={r.currency} />
                  </Table.Td>
                  <Table.Td>
                    {r.state !== 'OPEN' ? (
                      <Badge color={r.state === 'BOOKED' ? 'green' : 'gray'} style={{ overflow: 'visible' }}>
                        {BANK_TX_STATE_LABELS[r.state]}
                      </Badge>
                    ) : r.suggestion ? (
                      <Group gap={6} wrap="nowrap">
                        <Badge color={scoreColor(r.suggestion.score)} style={{ flexShrink: 0, overflow: 'visible' }}>
                          {r.suggestion.score}
                        </Badge>
                        <Text size="sm" lineClamp={2} title={suggestionText(r.suggestion)}>
                          {suggestionText(r.suggestion)}
                        </Text>
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {dec0(r.amount) ? 'kein Vorschlag' : 'Ausgang'}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
              {rows.length === 0 && !list.loading && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{filter === 'OPEN' ? 'Keine offenen Umsätze – Kontoauszug einlesen.' : 'Keine Umsätze.'}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md" style={{ flex: 2 }} data-testid="bank-detail">
          {current ? <Detail tx={current} busy={act.busy} onAccept={accept} onSplit={() => setModal('split')} onCredit={() => setModal('credit')} onIgnore={ignore} onUndo={undo} /> : <Text c="dimmed">Kein Umsatz gewählt.</Text>}
        </Paper>
      </Group>
      {(list.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination total={Math.ceil((list.data?.total ?? 0) / PAGE_SIZE)} value={offset / PAGE_SIZE + 1} onChange={(p) => setOffset((p - 1) * PAGE_SIZE)} />
      )}
      {modal === 'split' && current && <SplitModal tx={current} onClose={closeModal} />}
      {modal === 'credit' && current && <CreditModal tx={current} onClose={closeModal} />}
    </Page>
  );
}

/** Incoming payment? (only those can be assigned to customers) */
function dec0(amount: string): boolean {
  return !amount.startsWith('-') && !/^0(\.0+)?$/.test(amount);
}

function Detail(props: {
  tx: BankTransactionDto;
  busy: boolean;
  onAccept: () => void;
  onSplit: () => void;
  onCredit: () => void;
  onIgnore: () => void;
  onUndo: () => void;
}) {
  const { tx } = props;
  const s = tx.suggestion;
  const incoming = dec0(tx.amount);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Money value={tx.amount} currency={tx.currency} fw={700} size="lg" />
        <Text size="sm">
          <DateText value={tx.bookingDate} />
        </Text>
      </Group>
      <Text size="sm">
        {tx.counterpartyName ?? 'Unbekannt'} {tx.counterpartyIban ? `· ${tx.counterpartyIban}` : ''}
      </Text>
      <Text size="sm" c="dimmed">
        {tx.remittance || '—'}
      </Text>
      {tx.state === 'OPEN' && s && (
        <Paper withBorder p="xs" data-testid="bank-suggestion">
          <Group gap="xs">
            <Badge color={scoreColor(s.score)}>Treffer {s.score}</Badge>
            <Text size="sm" fw={600}>
              {s.customerNumber} {s.customerName}
            </Text>
          </Group>
          {s.allocations.map((a) => (
            <Text size="sm" key={a.invoiceId}>
              {a.invoiceNumber}: <Money value={a.amount} /> von <Money value={a.openAmount} /> offen
            </Text>
          ))}
          {s.overpayment !== '0.00' && (
            <Text size="sm">
              Guthaben: <Money value={s.overpayment} />
            </Text>
          )}
          <Group gap={4} mt={4}>
            {s.reasons.map((r) => (
              <Badge key={r} variant="light" size="sm">
                {r}
              </Badge>
            ))}
          </Group>
        </Paper>
      )}
      {tx.bookings.length > 0 && (
        <Stack gap={2} data-testid="bank-bookings">
          {tx.bookings.map((b) => (
            <Text size="sm" key={b.id} td={b.reversed ? 'line-through' : undefined}>
              {b.kind === 'INVOICE' ? `Rechnung ${b.invoiceNumber}` : b.kind === 'CREDIT' ? `Guthaben ${b.customerName ?? ''}` : 'Ignoriert'}: <Money value={b.amount} />
              {b.automatic ? ' (automatisch)' : ''}
              {b.reversed ? ' – zurückgenommen' : ''}
            </Text>
          ))}
        </Stack>
      )}
      <Group gap="xs" mt="xs">
        {tx.state === 'OPEN' ? (
          <>
            <Button size="xs" onClick={props.onAccept} disabled={!s || props.busy} data-testid="bank-accept">
              Vorschlag übernehmen
            </Button>
            <Button size="xs" variant="light" onClick={props.onSplit} disabled={!incoming} data-testid="bank-split">
              Andere Rechnungen / Aufteilen
            </Button>
            <Button size="xs" variant="light" onClick={props.onCredit} disabled={!incoming} data-testid="bank-credit">
              Als Guthaben buchen
            </Button>
            <Button size="xs" variant="subtle" color="gray" onClick={props.onIgnore} data-testid="bank-ignore">
              Ignorieren
            </Button>
          </>
        ) : (
          <Button size="xs" variant="light" color="red" onClick={props.onUndo} data-testid="bank-undo">
            Rückgängig (Gegenbuchung)
          </Button>
        )}
      </Group>
    </Stack>
  );
}
