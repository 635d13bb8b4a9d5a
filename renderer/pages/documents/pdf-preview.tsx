// PDF preview for any screen that shows a document (billing pages may reuse it): the bytes come
// from main as base64 and are shown from a blob: URL (allowed by the CSP's frame-src), saved as
// a download (Electron shows its save dialog for it) and printed from the frame.
import { Button, Group, Text } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import type { PdfFile } from '../../../shared/api/documents';

export function pdfBlob(file: PdfFile): Blob {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'application/pdf' });
}

export function downloadPdf(file: PdfFile): void {
  const url = URL.createObjectURL(pdfBlob(file));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PdfPreview({ file, height = 780 }: { file: PdfFile; height?: number }) {
  const url = useMemo(() => URL.createObjectURL(pdfBlob(file)), [file]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <div>
      <Group justify="space-between" mb="xs">
        <Text size="xs" c="dimmed" data-testid="pdf-sha256">
          SHA-256 {file.sha256}
        </Text>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => downloadPdf(file)} data-testid="pdf-download">
            Speichern …
          </Button>
          <Button variant="default" size="xs" onClick={() => frame.current?.contentWindow?.print()} data-testid="pdf-print">
            Drucken
          </Button>
        </Group>
      </Group>
      <iframe ref={frame} title={file.fileName} src={url} data-testid="pdf-frame" style={{ width: '100%', height, border: '1px solid #ddd', borderRadius: 4 }} />
    </div>
  );
}
