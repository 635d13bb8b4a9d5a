// Kontoauszug einlesen: drop a file on the area or pick it; the result (new / duplicate /
// rejected, warnings) stays visible until the next import.
import { Alert, Button, Code, FileButton, Group, List, Paper, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import type { BankImportResultDto } from '../../../shared/api/bank';
import { ApiError, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useAction } from '../../components/use-call';

/** Same limit as main (main/bank/parsers/decode.ts MAX_STATEMENT_BYTES). */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

type MappingField = 'bookingDate' | 'amount' | 'debit' | 'credit' | 'remittance' | 'counterpartyName' | 'counterpartyIban' | 'valueDate';
const MAPPING_LABELS: Readonly<Record<MappingField, string>> = {
  bookingDate: 'Buchungsdatum *',
  amount: 'Betrag (mit Vorzeichen)',
  debit: 'oder: Soll (Ausgang)',
  credit: 'und: Haben (Eingang)',
  remittance: 'Verwendungszweck',
  counterpartyName: 'Name Zahlungsbeteiligter',
  counterpartyIban: 'IBAN Zahlungsbeteiligter',
  valueDate: 'Valuta',
};

export function ImportDrop() {
  const [over, setOver] = useState(false);
  const [result, setResult] = useState<BankImportResultDto>();
  // An unknown CSV layout: the user names the columns (heading text or column number) and imports again.
  const [unknownCsv, setUnknownCsv] = useState<{ file: File; headings: string } | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<MappingField, string>>>({});
  const importFile = useAction(async (file: File, columns?: Partial<Record<MappingField, string>>) => {
    setResult(undefined);
    // Checked before the file is read: a 50 MB export is refused without loading it.
    if (file.size > MAX_UPLOAD_BYTES) {
      throw new ApiError({
        code: 'VALIDATION',
        message: `Die Datei ist zu groß (${(file.size / 1024 / 1024).toFixed(1).replace('.', ',')} MB). Kontoauszüge werden bis ${MAX_UPLOAD_BYTES / 1024 / 1024} MB eingelesen; bitte den Zeitraum beim Export verkleinern.`,
      });
    }
    const contentBase64 = toBase64(await file.arrayBuffer());
    const cols = columns ? Object.fromEntries(Object.entries(columns).filter(([, v]) => v && v.trim() !== '').map(([k, v]) => [k, /^\d+$/.test(v ?? '') ? Number(v) : (v ?? '').trim()])) : null;
    try {
      const r = await call('bank.import', { fileName: file.name, contentBase64, ...(cols ? { mapping: { columns: cols as { bookingDate: string } } } : {}) });
      setResult(r);
      setUnknownCsv(null);
      return r;
    } catch (e) {
      if (!columns && e instanceof ApiError && /Spaltenzuordnung/.test(e.message)) {
        const text = await file.slice(0, 4096).text();
        setUnknownCsv({ file, headings: text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '' });
      }
      throw e;
    }
  });
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void importFile.run(file);
  };
  return (
    <>
      <Paper
        withBorder
        p="md"
        data-testid="bank-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        style={{ borderStyle: 'dashed', borderWidth: 2, background: over ? 'var(--mantine-color-blue-0)' : undefined }}
      >
        <Group justify="space-between">
          <Text c="dimmed">
            Kontoauszug hierher ziehen (CAMT.053/.052/.054, MT940 oder CSV-Export von Sparkasse, Volksbank, Commerzbank, DKB, ING, Targobank, PayPal)
          </Text>
          <FileButton onChange={(f) => f && void importFile.run(f)} accept=".xml,.sta,.mta,.txt,.csv,.940">
            {(props) => (
              <Button {...props} loading={importFile.busy} data-testid="bank-pick-file">
                Datei wählen …
              </Button>
            )}
          </FileButton>
        </Group>
      </Paper>
      <ErrorAlert error={importFile.error} title="Kontoauszug nicht eingelesen" />
      {unknownCsv && (
        <Paper withBorder p="md" data-testid="bank-mapping">
          <Text fw={600}>Spalten zuordnen: {unknownCsv.file.name}</Text>
          <Text size="sm" c="dimmed" mb="xs">
            Erste Zeile: <Code>{unknownCsv.headings.slice(0, 300)}</Code> – Spaltenüberschrift oder Spaltennummer (1, 2, …) eintragen.
          </Text>
          <SimpleGrid cols={4}>
            {(Object.keys(MAPPING_LABELS) as MappingField[]).map((f) => (
              <TextInput
                key={f}
                label={MAPPING_LABELS[f]}
                value={mapping[f] ?? ''}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setMapping((m) => ({ ...m, [f]: v }));
                }}
                data-testid={`mapping-${f}`}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={() => setUnknownCsv(null)}>
              Abbrechen
            </Button>
            <Button onClick={() => void importFile.run(unknownCsv.file, mapping)} loading={importFile.busy} data-testid="mapping-import">
              Mit dieser Zuordnung einlesen
            </Button>
          </Group>
        </Paper>
      )}
      {result && (
        <Alert color={result.warnings.length ? 'yellow' : 'green'} title={`${result.fileName}: ${result.format} (${result.variant})`} data-testid="bank-import-result">
          {result.newCount} neu, {result.duplicateCount} bereits vorhanden, {result.rejectedCount} abgelehnt, {result.autoBooked} automatisch verbucht · {result.bankAccountName}
          {result.warnings.length > 0 && (
            <List size="sm" mt="xs">
              {result.warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
    </>
  );
}
