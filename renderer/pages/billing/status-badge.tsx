import { Badge } from '@mantine/core';
import { INVOICE_KIND_LABELS, INVOICE_STATUS_LABELS, type InvoiceKind, type InvoiceStatusDto } from '../../../shared/api/billing';

const COLORS: Readonly<Record<InvoiceStatusDto, string>> = { OPEN: 'blue', PARTIALLY_PAID: 'yellow', PAID: 'green', CANCELLED: 'gray' };

export function StatusBadge({ status, kind }: { status: InvoiceStatusDto; kind: InvoiceKind }) {
  if (kind === 'CANCELLATION') return <Badge color="grape" variant="light">{INVOICE_KIND_LABELS.CANCELLATION}</Badge>;
  return (
    <Badge color={COLORS[status]} variant="light" data-testid="invoice-status">
      {INVOICE_STATUS_LABELS[status]}
    </Badge>
  );
}
