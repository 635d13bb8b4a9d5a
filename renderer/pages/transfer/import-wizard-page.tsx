// Kunden → Importieren: one wizard for three targets (customers, articles with price variants,
// contracts with items). File → encoding & separator → mapping (profiles) → preview of the
// first 100 rows with per-field messages → import with progress bar and cancel.
import { Alert, Badge, Button, Checkbox, Group, Paper, Select, Stack, Stepper, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useEffect, useMemo, useState, type DragEvent } from 'react';
import {
  IMPORT_ENCODINGS,
  IMPORT_FIELDS,
  IMPORT_TARGET_LABELS,
  IMPORT_TARGETS,
  ROW_STATUS_LABELS,
  type AnalyzeResult,
  type ColumnMapping,
  type CsvSeparator,
  type ImportEncoding,
  type ImportResult,
  type ImportTargetKey,
  type PreviewResult,
  type RowStatus,
} from '../../../shared/api/transfer';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { JobProgressBar, useJobProgress } from '../../components/job-progress';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { downloadBase64, fileToBase64 } from './download';

const SEPARATOR_OPTIONS: { value: CsvSeparator; label: string }[] = [
  { value: ';', label: 'Semikolon ( ; )' },
  { value: ',', label: 'Komma ( , )' },
  { value: '\t', label: 'Tabulator' },
];
const ENCODING_LABELS: Record<ImportEncoding, string> = {
  'UTF-8': 'UTF-8 (mit oder ohne BOM)',
  'Windows-1252': 'Windows-1252 (Excel, ANSI)',
  'ISO-8859-1': 'ISO-8859-1 (Latin-1)',
  'UTF-16LE': 'UTF-16 (Excel „Unicode-Text“)',
};
const STATUS_COLORS: Record<RowStatus, string> = { new: 'teal', update: 'blue', skip: 'gray', invalid: 'red' };
const NOT_MAPPED = '__none__';

interface Upload {
  readonly name: string;
  readonly base64: string;
}

export function ImportWizardPage() {
  const [step, setStep] = useState(0);
  const [target, setTarget] = useState<ImportTargetKey>('customers');
  const [upload, setUpload] = useState<Upload | null>(null);
  const [analysis, setAnalysis] = useState<AnalyzeResult | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [updateExisting, setUpdateExisting] = useState(false);
  const [strict, setStrict] = useState(false);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [profileName, setProfileName] = useState('');
  const progress = useJobProgress('transfer.import');
  const jobProgress = progress && progress.jobId === jobId ? progress : null;
  const profiles = useCall('transfer.profiles', { target }, ['transfer.profiles']);
  const fields = IMPORT_FIELDS[target];

  const analyze = useAction(async (u: Upload, encoding?: ImportEncoding, separator?: CsvSeparator) => {
    const a = await call('transfer.analyze', { fileName: u.name, dataBase64: u.base64, target, encoding: encoding ?? null, separator: separator ?? null });
    setAnalysis(a);
    setMapping((old) => (encoding || separator ? { ...a.mapping, ...keepKnown(old, a.header) } : a.mapping));
    setPreview(null);
    setResult(null);
    return a;
  });
  const loadFile = async (file: File | null | undefined) => {
    if (!file) return;
    const u = { name: file.name, base64: await fileToBase64(file) };
    setUpload(u);
    if (await analyze.run(u)) setStep(1);
  };
  const options = analysis && { fileId: analysis.fileId, target, encoding: analysis.encoding, separator: analysis.separator, mapping, updateExisting };
  const runPreview = useAction(async () => {
    if (!options) return null;
    const id = `preview-${Date.now()}`;
    setJobId(id);
    const p = await call('transfer.preview', { ...options, limit: 100, jobId: id });
    setPreview(p);
    return p;
  });
  const runImport = useAction(async () => {
    if (!options) return null;
    const id = `import-${Date.now()}`;
    setJobId(id);
    setResult(null);
    const r = await call('transfer.import', { ...options, strict, jobId: id });
    setResult(r);
    return r;
  });
  const saveProfile = useAction(async () => {
    if (!analysis) return null;
    const p = await call('transfer.saveProfile', { target, name: profileName, mapping, encoding: analysis.encoding, separator: analysis.separator });
    profiles.reload();
    return p;
  });

  useEffect(() => {
    if (step === 3 && analysis) void runPreview.run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, updateExisting]);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void loadFile(e.dataTransfer.files[0]);
  };
  const mappedFields = useMemo(() => fields.filter((f) => mapping[f.key]), [fields, mapping]);
  const headerOptions = [{ value: NOT_MAPPED, label: '— nicht importieren —' }, ...(analysis?.header ?? []).map((h) => ({ value: h, label: h }))];

  return (
    <Page title="Daten importieren">
      <Stepper active={step} onStepClick={(s) => (s < step || (analysis && s <= 3) ? setStep(s) : undefined)} size="sm" data-testid="import-stepper">
        <Stepper.Step label="Datei" description="CSV wählen">
          <Stack mt="md">
            <Select
              label="Was wird importiert?"
              data={IMPORT_TARGETS.map((t) => ({ value: t, label: IMPORT_TARGET_LABELS[t] }))}
              value={target}
              onChange={(v) => v && setTarget(v as ImportTargetKey)}
              allowDeselect={false}
              w={320}
              data-testid="import-target"
            />
            <Paper
              withBorder
              p="xl"
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
              bg={dragging ? 'teal.0' : undefined}
              style={{ borderStyle: 'dashed', textAlign: 'center' }}
            >
              <Stack align="center" gap="xs">
                <Text>CSV-Datei hierher ziehen oder auswählen</Text>
                <Text size="xs" c="dimmed">
                  Excel-CSV (Semikolon, Windows-1252), UTF-8 mit oder ohne BOM, Komma oder Tabulator – wird erkannt. Bis 64 MB, 200.000 Zeilen.
                </Text>
                <input type="file" accept=".csv,.txt,text/csv,text/plain" data-testid="import-file" onChange={(e) => void loadFile(e.currentTarget.files?.[0])} />
              </Stack>
            </Paper>
            <ErrorAlert error={analyze.error} title="Die Datei kann nicht gelesen werden" />
          </Stack>
        </Stepper.Step>

        <Stepper.Step label="Kodierung" description="und Trennzeichen">
          {analysis && upload && (
            <Stack mt="md">
              <Text size="sm">
                {analysis.fileName}: {analysis.rowCount.toLocaleString('de-DE')} Datenzeilen, {analysis.header.length} Spalten. Erkannt: {ENCODING_LABELS[analysis.detectedEncoding]},{' '}
                {SEPARATOR_OPTIONS.find((s) => s.value === analysis.detectedSeparator)?.label}.
              </Text>
              <Group>
                <Select
                  label="Kodierung"
                  data={IMPORT_ENCODINGS.map((e) => ({ value: e, label: ENCODING_LABELS[e] }))}
                  value={analysis.encoding}
                  onChange={(v) => v && void analyze.run(upload, v as ImportEncoding, analysis.separator)}
                  allowDeselect={false}
                  w={300}
                  data-testid="import-encoding"
                />
                <Select
                  label="Trennzeichen"
                  data={SEPARATOR_OPTIONS}
                  value={analysis.separator}
                  onChange={(v) => v && void analyze.run(upload, analysis.encoding, v as CsvSeparator)}
                  allowDeselect={false}
                  data-testid="import-separator"
                />
              </Group>
              <ErrorAlert error={analyze.error} />
              <Text size="sm" fw={500}>
                Die ersten Zeilen, wie sie gelesen werden (Umlaute prüfen):
              </Text>
              <Table.ScrollContainer minWidth={700}>
              <Table withTableBorder striped data-testid="import-sample">
                <Table.Thead>
                  <Table.Tr>{analysis.header.map((h, i) => <Table.Th key={i}>{h}</Table.Th>)}</Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {analysis.sample.map((r, i) => (
                    <Table.Tr key={i}>{analysis.header.map((_, j) => <Table.Td key={j}>{r[j] ?? ''}</Table.Td>)}</Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              </Table.ScrollContainer>
              <Group>
                <Button variant="default" onClick={() => setStep(0)}>Zurück</Button>
                <Button onClick={() => setStep(2)} data-testid="import-next">Weiter zur Zuordnung</Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Step label="Zuordnung" description="Spalten → Felder">
          {analysis && (
            <Stack mt="md">
              <Group align="end">
                <Select
                  label="Gespeicherte Zuordnung laden"
                  placeholder={profiles.data?.length ? 'Profil wählen' : 'keine Profile gespeichert'}
                  data={(profiles.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
                  onChange={(v) => {
                    const p = profiles.data?.find((x) => String(x.id) === v);
                    if (p) setMapping(p.mapping);
                  }}
                  data-testid="import-profile-load"
                  w={260}
                />
                <TextInput label="Zuordnung speichern als" value={profileName} onChange={(e) => setProfileName(e.currentTarget.value)} data-testid="import-profile-name" w={220} />
                <Button variant="default" onClick={() => void saveProfile.run()} disabled={profileName.trim() === ''} loading={saveProfile.busy} data-testid="import-profile-save">
                  Profil speichern
                </Button>
                {saveProfile.error === undefined && saveProfile.busy === false && profiles.data?.some((p) => p.name === profileName.trim()) && (
                  <Badge color="teal" data-testid="import-profile-saved">gespeichert</Badge>
                )}
              </Group>
              <ErrorAlert error={saveProfile.error} />
              <Table withTableBorder data-testid="import-mapping">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Feld in Abowerk</Table.Th>
                    <Table.Th>Spalte der Datei</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {fields.map((f) => (
                    <Table.Tr key={f.key}>
                      <Table.Td>
                        {f.label}
                        {f.required ? ' *' : ''}
                      </Table.Td>
                      <Table.Td>
                        <Select
                          data={headerOptions}
                          value={mapping[f.key] ?? NOT_MAPPED}
                          onChange={(v) => setMapping({ ...mapping, [f.key]: v === NOT_MAPPED || v === null ? null : v })}
                          allowDeselect={false}
                          aria-label={`Spalte für ${f.label}`}
                          data-testid={`map-${f.key}`}
                          size="xs"
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Group>
                <Button variant="default" onClick={() => setStep(1)}>Zurück</Button>
                <Button onClick={() => setStep(3)} data-testid="import-to-preview">Vorschau</Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Step label="Vorschau" description="Prüfen">
          <Stack mt="md">
            {target !== 'contracts' && (
              <Checkbox
                label={`vorhandene aktualisieren (${target === 'customers' ? 'Kunden mit gleicher Kundennummer' : 'Artikel mit gleicher Artikelnummer samt Preistabelle'} werden überschrieben)`}
                checked={updateExisting}
                onChange={(e) => setUpdateExisting(e.currentTarget.checked)}
                data-testid="import-update"
              />
            )}
            <ErrorAlert error={runPreview.error} />
            {runPreview.busy && <JobProgressBar progress={jobProgress} />}
            {preview && !runPreview.busy && (
              <>
                <Group data-testid="import-totals">
                  <Badge color="teal" size="lg">neu: {preview.totals.new.toLocaleString('de-DE')}</Badge>
                  <Badge color="blue" size="lg">aktualisieren: {preview.totals.update.toLocaleString('de-DE')}</Badge>
                  {preview.totals.skip > 0 && <Badge color="gray" size="lg">vorhanden: {preview.totals.skip.toLocaleString('de-DE')}</Badge>}
                  <Badge color="red" size="lg">fehlerhaft: {preview.totals.invalid.toLocaleString('de-DE')}</Badge>
                  <Text size="sm" c="dimmed">
                    {preview.rows.length < preview.totals.rows ? `Die ersten ${preview.rows.length} von ${preview.totals.rows.toLocaleString('de-DE')} Zeilen` : `${preview.totals.rows} Zeilen`}
                  </Text>
                </Group>
                <Table.ScrollContainer minWidth={900}>
                <Table withTableBorder striped data-testid="import-preview" fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Zeile</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th miw={220}>Meldungen</Table.Th>
                      {mappedFields.map((f) => <Table.Th key={f.key}>{f.label}</Table.Th>)}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.rows.map((r) => {
                      const byField = new Map(r.messages.map((m) => [m.field, m.message]));
                      return (
                        <Table.Tr key={r.line} data-status={r.status}>
                          <Table.Td>{r.line}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <Text span size="sm" fw={600} c={STATUS_COLORS[r.status]}>
                              {ROW_STATUS_LABELS[r.status]}
                            </Text>
                          </Table.Td>
                          <Table.Td c="red" data-testid="row-messages">
                            {r.messages.map((m) => m.message).join('; ')}
                          </Table.Td>
                          {mappedFields.map((f) => {
                            const message = byField.get(f.key);
                            const cell = r.values[f.key] ?? '';
                            return (
                              <Table.Td key={f.key} c={message ? 'red' : undefined} data-field={f.key}>
                                {message ? (
                                  <Tooltip label={message}>
                                    <span style={{ textDecoration: 'underline wavy' }}>{cell || '(leer)'}</span>
                                  </Tooltip>
                                ) : (
                                  cell
                                )}
                              </Table.Td>
                            );
                          })}
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
                </Table.ScrollContainer>
              </>
            )}
            <Group>
              <Button variant="default" onClick={() => setStep(2)}>Zurück</Button>
              <Button onClick={() => setStep(4)} disabled={!preview} data-testid="import-to-run">Weiter zum Import</Button>
            </Group>
          </Stack>
        </Stepper.Step>

        <Stepper.Step label="Import" description="Ausführen">
          <Stack mt="md">
            {target === 'contracts' && (
              <Text size="sm" c="dimmed">
                Vorhandene Verträge (gleiche Vertragsnummer) werden nicht verändert; Änderungen an Verträgen bitte im Vertrag selbst vornehmen.
              </Text>
            )}
            {preview && (
              <Text>
                {preview.totals.new.toLocaleString('de-DE')} neu, {preview.totals.update.toLocaleString('de-DE')} aktualisieren, {preview.totals.invalid.toLocaleString('de-DE')} fehlerhaft.
                Alle gültigen Zeilen werden in einem Schritt importiert.
              </Text>
            )}
            <Checkbox
              label="Strenger Modus: nichts importieren, wenn eine Zeile fehlerhaft ist"
              checked={strict}
              onChange={(e) => setStrict(e.currentTarget.checked)}
              data-testid="import-strict"
            />
            <Group>
              <Button variant="default" onClick={() => setStep(3)} disabled={runImport.busy}>Zurück</Button>
              <Button onClick={() => void runImport.run()} loading={runImport.busy} data-testid="import-run">
                Importieren
              </Button>
              {runImport.busy && jobId && (
                <Button color="red" variant="light" onClick={() => void call('transfer.cancel', { jobId })} data-testid="import-cancel">
                  Abbrechen
                </Button>
              )}
            </Group>
            <JobProgressBar progress={jobProgress} />
            <ErrorAlert error={runImport.error} title="Import fehlgeschlagen" />
            {result && <ResultView result={result} />}
          </Stack>
        </Stepper.Step>
      </Stepper>
    </Page>
  );
}

function ResultView({ result }: { result: ImportResult }) {
  const color = result.strictRefused || result.cancelled ? 'orange' : 'teal';
  const text = result.cancelled
    ? 'Abgebrochen – es wurde nichts importiert.'
    : result.strictRefused
      ? `Strenger Modus: ${result.totals.invalid} fehlerhafte Zeilen – es wurde nichts importiert.`
      : `${result.created.toLocaleString('de-DE')} angelegt, ${result.updated.toLocaleString('de-DE')} aktualisiert, ${result.totals.invalid.toLocaleString('de-DE')} fehlerhaft.`;
  return (
    <Alert color={color} title="Ergebnis" data-testid="import-result">
      <Stack gap="xs">
        <Text>{text}</Text>
        {result.errorReport && (
          <Button
            variant="light"
            color="red"
            w="fit-content"
            onClick={() => downloadBase64(result.errorReport!.fileName, result.errorReport!.base64)}
            data-testid="import-error-report"
          >
            Fehlerhafte Zeilen als CSV herunterladen
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** After an encoding or separator change, keep the user's choices for titles still in the file. */
function keepKnown(mapping: ColumnMapping, header: readonly string[]): ColumnMapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, title]) => title !== null && header.includes(title)));
}
