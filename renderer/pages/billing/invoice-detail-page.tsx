// Fakturierung → Rechnungen → one document: lines with service periods, tax summary, credit
// applied, allocations, and the storno actions (the PDF is shown by the documents area).
import { Alert, Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { INVOICE_KIND_LABELS, type InvoiceDetailDto, type IssuerSnapshotDto, type RecipientSnapshotDto } from '../../../shared/api/billing';
import { formatDate, formatPeriod } from '../../../shared/dates';
import { dec, formatDecimal, formatPercent, formatUnitPrice } from '../../../shared/money';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { DateText, Money } from '../../components/format';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { DateField, isoOf } from './date-field';
import { StatusBadge } from './status-badge';

function Address({ title, lines }: { title: string; lines: readonly (string | null)[] }) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {title}
      </Text>
      {lines.filter((l): l is string => l !== null && l !== '').map((l) => (
        <Text key={l}>{l}</Text>
      ))}
    </Card>
  );
}

const issuerLines = (i: IssuerSnapshotDto) => [i.name, i.street, [i.zip, i.city].filter(Boolean).join(' '), i.vatId ? `USt-IdNr. ${i.vatId}` : null, i.taxNumber ? `Steuernummer ${i.taxNumber}` : null];
const recipientLines = (r: RecipientSnapshotDto) => [r.name, r.contact, r.street, [r.zip, r.city].filter(Boolean).join(' '), r.country !== 'DE' ? r.country : null, r.vatId ? `USt-IdNr. ${r.vatId}` : null, `Kundennummer ${r.customerNumber}`];

function CancelDialog({ invoice, mode, onClose }: { invoice: InvoiceDetailDto; mode: 'cancel' | 'rebill'; onClose: () => void }) {
  const navigate = useNavigate();
  const [date, setDate] = useState('');
  const action = useAction(async () => {
    const input = { id: invoice.id, ...(date.trim() ? { date: isoOf(date) } : {}) };
    if (mode === 'cancel') {
      const storno = await call('invoices.cancel', input);
      onClose();
      navigate(`/fakturierung/rechnungen/${storno.id}`);
    } else {
      const result = await call('invoices.cancelAndRebill', input);
      onClose();
      const created = result.run.invoiceIds[0];
      navigate(`/fakturierung/rechnungen/${created ?? result.cancellation.id}`);
    }
  });
  return (
    <Modal opened onClose={onClose} title={mode === 'cancel' ? `Rechnung ${invoice.number} stornieren` : `Rechnung ${invoice.number} stornieren und neu abrechnen`} size="lg">
      <Stack>
        {mode === 'cancel' ? (
          <Text>
            Es wird eine Stornorechnung mit eigener Nummer erstellt, die alle Positionen negiert. Der Betrag von <Money value={invoice.gross} currency={invoice.currency} /> wird dem Kundenkonto gutgeschrieben; die
            Leistungen der Rechnung werden ungültig.
          </Text>
        ) : (
          <Text>
            In einem Schritt: Rechnung stornieren, nicht abgerechnete Leistungen des Vertrags löschen, „Abrechnen ab“ auf den Beginn des stornierten Zeitraums setzen, Leistungen neu erzeugen und eine Zwischenabrechnung
            erstellen, die das Guthaben verrechnet. Ändern Sie Preise oder Rabatte vorher am Vertrag.
          </Text>
        )}
        <DateField label="Datum (leer = heute)" value={date} onChange={setDate} testId="cancel-date" />
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Abbrechen
          </Button>
          <Button color="red" loading={action.busy} onClick={() => void action.run()} data-testid="cancel-confirm">
            {mode === 'cancel' ? 'Stornorechnung erstellen' : 'Stornieren und neu abrechnen'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function InvoiceDetailPage() {
  const id = Number(useParams().id);
  const invoice = useCall('invoices.get', { id }, ['billing', 'ledger', 'bank']);
  const [dialog, setDialog] = useState<'cancel' | 'rebill' | null>(null);
  const d = invoice.data;
  if (!d) return <ErrorAlert error={invoice.error} />;
  const canCancel = d.kind !== 'CANCELLATION' && d.cancelledBy === null;
  return (
    <Page
      title={`${INVOICE_KIND_LABELS[d.kind]} ${d.number}`}
      actions={
        canCancel ? (
          <>
            {d.contractId !== null ? (
              <Button variant="light" color="red" onClick={() => setDialog('rebill')} data-testid="invoice-rebill">
                Stornieren und neu abrechnen
              </Button>
            ) : null}
            <Button color="red" leftSection="✕" onClick={() => setDialog('cancel')} data-testid="invoice-cancel">
              Stornieren
            </Button>
          </>
        ) : null
      }
    >
      <Group>
        <StatusBadge status={d.status} kind={d.kind} />
        <Text>
          Rechnungsdatum <DateText value={d.issueDate} />
        </Text>
        {d.dueDate ? (
          <Text>
            · fällig <DateText value={d.dueDate} />
          </Text>
        ) : null}
        {d.periodStart && d.periodEnd ? <Text>· Leistungszeitraum {formatPeriod(d.periodStart, d.periodEnd)}</Text> : null}
        {d.contractNumber ? <Badge variant="outline">Vertrag {d.contractNumber}</Badge> : null}
      </Group>
      {d.refersTo ? (
        <Alert color="grape" data-testid="invoice-refers-to">
          Storno zu Rechnung <Anchor component={Link} to={`/fakturierung/rechnungen/${d.refersTo.id}`}>{d.refersTo.number}</Anchor> vom {formatDate(d.refersTo.issueDate)}
        </Alert>
      ) : null}
      {d.cancelledBy ? (
        <Alert color="gray" data-testid="invoice-cancelled-by">
          Storniert durch <Anchor component={Link} to={`/fakturierung/rechnungen/${d.cancelledBy.id}`}>{d.cancelledBy.number}</Anchor> vom {formatDate(d.cancelledBy.issueDate)}
        </Alert>
      ) : null}
      <SimpleGrid cols={2}>
        <Address title="Rechnungssteller (Stand bei Ausstellung)" lines={issuerLines(d.issuer)} />
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Empfänger (Stand bei Ausstellung)
          </Text>
          {recipientLines(d.recipient).filter((l): l is string => l !== null && l !== '').map((l) => (
            <Text key={l}>{l}</Text>
          ))}
          <Anchor component={Link} to={`/kunden/${d.customerId}`} size="sm">
            Zum Kunden
          </Anchor>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={4} mb="sm">
          Positionen
        </Title>
        <Table striped data-testid="invoice-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Pos.</Table.Th>
              <Table.Th>Bezeichnung</Table.Th>
              <Table.Th>Leistung</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Menge</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Einzelpreis</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Rabatt</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>USt</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Netto</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.lines.map((l) => (
              <Table.Tr key={l.position}>
                <Table.Td>{l.position}</Table.Td>
                <Table.Td>{l.description}</Table.Td>
                <Table.Td>{l.periodStart && l.periodEnd ? formatPeriod(l.periodStart, l.periodEnd) : l.serviceDate ? formatDate(l.serviceDate) : ''}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatDecimal(dec(l.quantity), dec(l.quantity).decimalPlaces())}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatUnitPrice(dec(l.unitPrice))}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{l.discountPercent ? formatPercent(dec(l.discountPercent)) : ''}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatPercent(dec(l.taxRate))}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Money value={l.net} currency={d.currency} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <SimpleGrid cols={2}>
        <Card withBorder data-testid="invoice-totals">
          <Title order={4} mb="sm">
            Summen
          </Title>
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>Summe netto</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Money value={d.net} currency={d.currency} />
                </Table.Td>
              </Table.Tr>
              {d.taxes
                .filter((x) => x.treatment !== 'KLEINUNTERNEHMER')
                .map((x) => (
                  <Table.Tr key={`${x.treatment}-${x.rate}`}>
                    <Table.Td>
                      Umsatzsteuer {formatPercent(dec(x.rate))} auf <Money value={x.net} currency={d.currency} />
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      <Money value={x.tax} currency={d.currency} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              <Table.Tr>
                <Table.Td fw={700}>Gesamtbetrag</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Money value={d.gross} currency={d.currency} fw={700} data-testid="invoice-gross" />
                </Table.Td>
              </Table.Tr>
              {dec(d.creditApplied).isZero() ? null : (
                <>
                  <Table.Tr>
                    <Table.Td>abzüglich Guthaben</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      <Money value={d.creditApplied} currency={d.currency} data-testid="invoice-credit-applied" />
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td fw={700}>Zahlbetrag</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      <Money value={d.amountDue} currency={d.currency} fw={700} />
                    </Table.Td>
                  </Table.Tr>
                </>
              )}
              <Table.Tr>
                <Table.Td>Noch offen</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Money value={d.open} currency={d.currency} data-testid="invoice-open" />
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {d.notes.map((n) => (
            <Text key={n} size="sm" mt="xs" data-testid="invoice-note">
              {n}
            </Text>
          ))}
        </Card>
        <Card withBorder>
          <Title order={4} mb="sm">
            Zuordnungen
          </Title>
          {d.allocations.length === 0 ? (
            <Text c="dimmed">Noch keine Zahlungen oder Gutschriften zugeordnet.</Text>
          ) : (
            <Table striped data-testid="invoice-allocations">
              <Table.Tbody>
                {d.allocations.map((a) => (
                  <Table.Tr key={a.entryId}>
                    <Table.Td>
                      <DateText value={a.date} />
                    </Table.Td>
                    <Table.Td>{a.typeLabel}</Table.Td>
                    <Table.Td>{a.text}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      <Money value={a.amount} currency={d.currency} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </SimpleGrid>
      {dialog ? <CancelDialog invoice={d} mode={dialog} onClose={() => setDialog(null)} /> : null}
    </Page>
  );
}
