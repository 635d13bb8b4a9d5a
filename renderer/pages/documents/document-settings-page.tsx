import { Button, FileInput, Grid, Group, Image, Loader, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type DocumentSettings, type DocumentSettingsInput, type PdfFile } from '../../../shared/api/documents';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { PdfPreview } from './pdf-preview';

interface FormState {
  managingDirector: string;
  registerEntry: string;
  website: string;
  letterhead: string;
  footerNote: string;
  logo: DocumentSettings['logo'];
  paymentTermsText: string;
  introText: string;
  closingText: string;
}

function formOf(s: DocumentSettings): FormState {
  return {
    managingDirector: s.managingDirector ?? '',
    registerEntry: s.registerEntry ?? '',
    website: s.website ?? '',
    letterhead: s.letterhead.join('\n'),
    footerNote: s.footerNote ?? '',
    logo: s.logo,
    paymentTermsText: s.paymentTermsText,
    introText: s.introText ?? '',
    closingText: s.closingText ?? '',
  };
}

function inputOf(f: FormState): DocumentSettingsInput {
  return { ...f, letterhead: f.letterhead.split('\n').map((l) => l.trim()).filter((l) => l !== '') };
}

function readLogo(file: File): Promise<NonNullable<DocumentSettings['logo']>> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ mime: file.type === 'image/jpeg' ? 'image/jpeg' : 'image/png', base64: url.slice(url.indexOf(',') + 1) });
    };
    reader.onerror = () => reject(new Error('Datei konnte nicht gelesen werden'));
    reader.readAsDataURL(file);
  });
}

export function DocumentSettingsPage() {
  const stored = useCall('documents.getSettings', {});
  if (stored.error) return <ErrorAlert error={stored.error} />;
  if (!stored.data) return <Loader size="sm" />;
  return <DocumentSettingsForm initial={stored.data} />;
}

function DocumentSettingsForm({ initial }: { initial: DocumentSettings }) {
  const [form, setForm] = useState<FormState>(formOf(initial));
  const [preview, setPreview] = useState<PdfFile>();
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    const result = await call('documents.saveSettings', { settings: inputOf(form) });
    setForm(formOf(result));
    setSaved(true);
  });
  const sample = useAction(async () => setPreview(await call('documents.samplePdf', { settings: inputOf(form) })));
  const set = (key: keyof FormState) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const fieldError = (name: string) => save.error?.details?.fields?.[name] ?? sample.error?.details?.fields?.[name];

  return (
    <Page
      title="Belege und Briefkopf"
      actions={
        <>
          <Button variant="default" onClick={() => void sample.run()} loading={sample.busy} data-testid="document-settings-preview">
            Musterrechnung anzeigen
          </Button>
          <Button onClick={() => void save.run()} loading={save.busy} data-testid="document-settings-save">
            Speichern
          </Button>
        </>
      }
    >
      <ErrorAlert error={save.error ?? sample.error} />
      {saved && (
        <Text c="green.8" size="sm" data-testid="document-settings-saved">
          Gespeichert. Neue Belege verwenden diese Angaben; archivierte Belege bleiben unverändert.
        </Text>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <FileInput
              label="Logo (PNG oder JPEG)"
              accept="image/png,image/jpeg"
              placeholder={form.logo ? 'Logo ersetzen …' : 'Datei wählen …'}
              error={fieldError('logo')}
              data-testid="document-logo"
              onChange={(file) => {
                if (!file) return;
                void readLogo(file).then((logo) => {
                  setSaved(false);
                  setForm((f) => ({ ...f, logo }));
                });
              }}
            />
            {form.logo && (
              <Group>
                <Image src={`data:${form.logo.mime};base64,${form.logo.base64}`} h={48} w="auto" fit="contain" alt="Logo" data-testid="document-logo-preview" />
                <Button variant="subtle" size="xs" color="red" onClick={() => setForm((f) => ({ ...f, logo: null }))}>
                  Logo entfernen
                </Button>
              </Group>
            )}
            <Textarea label="Briefkopf (bis zu drei Zeilen unter dem Logo)" autosize minRows={2} value={form.letterhead} onChange={set('letterhead')} error={fieldError('letterhead')} data-testid="document-letterhead" />
            <TextInput label="Geschäftsführung" value={form.managingDirector} onChange={set('managingDirector')} error={fieldError('managingDirector')} data-testid="document-managing-director" />
            <TextInput label="Registereintrag" placeholder="Amtsgericht München, HRB 123456" value={form.registerEntry} onChange={set('registerEntry')} error={fieldError('registerEntry')} data-testid="document-register-entry" />
            <TextInput label="Website" value={form.website} onChange={set('website')} error={fieldError('website')} />
            <TextInput label="Fußzeile (zusätzlicher Hinweis)" value={form.footerNote} onChange={set('footerNote')} error={fieldError('footerNote')} data-testid="document-footer-note" />
            <TextInput
              label="Zahlungsbedingungen"
              description="{tage} wird durch das Zahlungsziel des Kunden ersetzt"
              value={form.paymentTermsText}
              onChange={set('paymentTermsText')}
              error={fieldError('paymentTermsText')}
              data-testid="document-payment-terms"
            />
            <Textarea label="Einleitungstext" autosize minRows={1} value={form.introText} onChange={set('introText')} error={fieldError('introText')} />
            <Textarea label="Schlusstext" autosize minRows={1} value={form.closingText} onChange={set('closingText')} error={fieldError('closingText')} />
            <Text size="xs" c="dimmed">
              Name, Anschrift, Steuernummer, USt-IdNr. und Bankverbindung kommen aus dem Firmenprofil.
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>{preview ? <PdfPreview file={preview} height={720} /> : <Text c="dimmed">Mit „Musterrechnung anzeigen“ sehen Sie, wie Ihre Rechnungen aussehen.</Text>}</Grid.Col>
      </Grid>
    </Page>
  );
}
