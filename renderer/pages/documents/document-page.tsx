import { Anchor, Loader } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useCall } from '../../components/use-call';
import { PdfPreview } from './pdf-preview';

export function DocumentPage() {
  const { id } = useParams();
  const invoiceId = Number(id);
  const pdf = useCall('documents.pdf', Number.isInteger(invoiceId) && invoiceId > 0 ? { invoiceId } : null);
  const title = pdf.data ? pdf.data.fileName.replace(/\.pdf$/, '') : 'Beleg';
  return (
    <Page
      title={title}
      actions={
        <Anchor component={Link} to="/belege" size="sm">
          Zur Belegliste
        </Anchor>
      }
    >
      <ErrorAlert error={pdf.error} />
      {pdf.loading && !pdf.data && <Loader size="sm" />}
      {pdf.data && <PdfPreview file={pdf.data} />}
    </Page>
  );
}
