// For other areas' screens (e.g. the billing engineer's invoice detail page): a button that opens
// the archived PDF of an invoice in the documents area (preview, save, print).
import { Button } from '@mantine/core';
import { Link } from 'react-router-dom';

export function InvoicePdfLink({ invoiceId, label = 'PDF anzeigen' }: { invoiceId: number; label?: string }) {
  return (
    <Button component={Link} to={`/belege/${invoiceId}`} variant="default" data-testid="invoice-pdf-link">
      {label}
    </Button>
  );
}
