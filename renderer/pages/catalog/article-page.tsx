import {
  ActionIcon,
  Alert,
  Autocomplete,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  ARTICLE_KIND_LABELS,
  SUBSCRIPTION_UNIT_LABELS,
  type ArticleDto,
  type ArticleInput,
  type ArticleKind,
  type PriceResolutionDto,
} from '../../../shared/api/catalog';
import { berlinDate, formatDate } from '../../../shared/dates';
import { dec, formatMoney, formatPercent, formatUnitPrice } from '../../../shared/money';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { dateToInput, decimalToInput, inputToDate, inputToDecimal } from './format';

interface VariantRow {
  key: number;
  price: string;
  currency: string;
  minQuantity: string;
  validFrom: string;
}

interface ArticleForm {
  number: string;
  name: string;
  description: string;
  kind: ArticleKind;
  unit: string;
  productGroupId: string | null;
  projectIds: string[];
  variants: VariantRow[];
}

let variantKey = 0;
const newVariant = (v?: ArticleDto['variants'][number]): VariantRow => ({
  key: ++variantKey,
  price: v ? decimalToInput(v.price.replace(/(\.\d{2}\d*?)0+$/, '$1'), 2) : '',
  currency: v?.currency ?? 'EUR',
  minQuantity: decimalToInput(v?.minQuantity),
  validFrom: dateToInput(v?.validFrom),
});

function formOf(a?: ArticleDto): ArticleForm {
  return {
    number: a?.number ?? '',
    name: a?.name ?? '',
    description: a?.description ?? '',
    kind: a?.kind ?? 'SUBSCRIPTION',
    unit: a?.unit ?? 'MONTH',
    productGroupId: a ? String(a.productGroupId) : null,
    projectIds: a ? a.projectIds.map(String) : [],
    variants: a ? a.variants.map(newVariant) : [newVariant()],
  };
}

/**
 * Rows left completely empty at the end (the form starts with one) are not prices. Only
 * trailing ones are dropped, so error paths `variants.<i>` still point at the form's rows.
 */
function withoutTrailingEmptyRows(rows: readonly VariantRow[]): VariantRow[] {
  const isEmpty = (v: VariantRow) => [v.price, v.minQuantity, v.validFrom].every((s) => s.trim() === '');
  let end = rows.length;
  while (end > 0 && isEmpty(rows[end - 1] as VariantRow)) end--;
  return rows.slice(0, end);
}

function inputOf(f: ArticleForm, active: boolean): ArticleInput {
  return {
    number: f.number,
    name: f.name,
    description: f.description,
    kind: f.kind,
    unit: f.unit,
    productGroupId: Number(f.productGroupId ?? 0),
    projectIds: f.projectIds.map(Number),
    active,
    variants: withoutTrailingEmptyRows(f.variants).map((v) => ({
      price: inputToDecimal(v.price) ?? '',
      currency: v.currency,
      minQuantity: inputToDecimal(v.minQuantity),
      validFrom: inputToDate(v.validFrom),
    })),
  };
}

const ONE_TIME_UNITS = ['Stück', 'Stunde', 'Pauschale', 'Tag', 'Lizenz'];

/** Artikelverwaltung → Artikel: master data, projects, price-variant table and "Preis prüfen". */
export function ArticlePage() {
  const params = useParams();
  const isNew = params.id === 'neu';
  const id = isNew ? null : Number(params.id);
  const article = useCall('catalog.article', id === null ? null : { id }, ['catalog']);
  const a = article.data;
  return (
    <Page
      title={isNew ? 'Neuer Artikel' : a ? `${a.number} · ${a.name}` : 'Lädt …'}
      actions={<ArticleActions article={isNew ? undefined : a} />}
    >
      <ErrorAlert error={article.error} />
      {(isNew || a) && <ArticleEditor key={a?.updatedAt ?? 'new'} article={isNew ? undefined : a} />}
      {!isNew && a && <PriceCheckPanel article={a} />}
    </Page>
  );
}

function ArticleActions({ article }: { article: ArticleDto | undefined }) {
  const navigate = useNavigate();
  const toggle = useAction(async (active: boolean) => (article ? call('catalog.setArticleActive', { id: article.id, active }) : undefined));
  return (
    <>
      {article && !article.active && <Badge color="gray">inaktiv</Badge>}
      {article && (
        <Button variant="default" onClick={() => void toggle.run(!article.active)} loading={toggle.busy} data-testid="article-toggle-active">
          {article.active ? 'Deaktivieren' : 'Aktivieren'}
        </Button>
      )}
      <Button variant="subtle" onClick={() => navigate('/artikel')}>
        Zurück
      </Button>
    </>
  );
}

function ArticleEditor({ article }: { article: ArticleDto | undefined }) {
  const navigate = useNavigate();
  const [f, setF] = useState<ArticleForm>(() => formOf(article));
  const projects = useCall('catalog.projects', {}, ['catalog']);
  const productGroups = useCall('catalog.productGroups', {}, ['catalog']);
  const save = useAction(async (form: ArticleForm) => {
    const input = inputOf(form, article?.active ?? true);
    if (article) return call('catalog.updateArticle', { id: article.id, article: input });
    const created = await call('catalog.createArticle', { article: input });
    navigate(`/artikel/${created.id}`, { replace: true });
    return created;
  });
  const errors = save.error?.fieldErrors('article') ?? {};
  // A new article in a company with a single project / product group starts with it selected.
  const onlyProject = !article && projects.data?.length === 1 ? projects.data[0] : undefined;
  const onlyGroup = !article && productGroups.data?.length === 1 ? productGroups.data[0] : undefined;
  const form: ArticleForm = {
    ...f,
    projectIds: f.projectIds.length === 0 && onlyProject ? [String(onlyProject.id)] : f.projectIds,
    productGroupId: f.productGroupId ?? (onlyGroup ? String(onlyGroup.id) : null),
  };
  const setVariant = (i: number, patch: Partial<VariantRow>) =>
    setF((prev) => ({ ...prev, variants: prev.variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) }));

  return (
    <Card withBorder>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(form);
        }}
      >
        <Stack>
          <Grid>
            <Grid.Col span={4}>
              <TextInput label="Artikelnummer" required value={f.number} error={errors.number} onChange={(e) => setF({ ...f, number: e.currentTarget.value })} data-testid="article-number" />
            </Grid.Col>
            <Grid.Col span={8}>
              <TextInput label="Name" required value={f.name} error={errors.name} onChange={(e) => setF({ ...f, name: e.currentTarget.value })} data-testid="article-name" />
            </Grid.Col>
            <Grid.Col span={4}>
              <Select
                label="Art"
                value={f.kind}
                data={(['SUBSCRIPTION', 'ONE_TIME'] as const).map((k) => ({ value: k, label: ARTICLE_KIND_LABELS[k] }))}
                onChange={(v) => {
                  const kind = (v as ArticleKind | null) ?? 'SUBSCRIPTION';
                  setF({ ...f, kind, unit: kind === 'SUBSCRIPTION' ? 'MONTH' : 'Stück' });
                }}
                allowDeselect={false}
                data-testid="article-kind"
              />
            </Grid.Col>
            <Grid.Col span={4}>
              {f.kind === 'SUBSCRIPTION' ? (
                <Select
                  label="Einheit"
                  value={f.unit}
                  error={errors.unit}
                  data={Object.entries(SUBSCRIPTION_UNIT_LABELS).map(([value, label]) => ({ value, label }))}
                  onChange={(v) => setF({ ...f, unit: v ?? 'MONTH' })}
                  allowDeselect={false}
                  data-testid="article-unit"
                />
              ) : (
                <Autocomplete label="Einheit" value={f.unit} error={errors.unit} data={ONE_TIME_UNITS} onChange={(v) => setF({ ...f, unit: v })} data-testid="article-unit" />
              )}
            </Grid.Col>
            <Grid.Col span={4}>
              <Select
                label="Warengruppe"
                required
                value={form.productGroupId}
                error={errors.productGroupId}
                data={(productGroups.data ?? []).map((g) => ({ value: String(g.id), label: `${g.name} (${g.taxGroupName})` }))}
                onChange={(v) => setF({ ...f, productGroupId: v })}
                allowDeselect={false}
                data-testid="article-product-group"
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <MultiSelect
                label="Projekte"
                required
                value={form.projectIds}
                error={errors.projectIds}
                data={(projects.data ?? []).map((p) => ({ value: String(p.id), label: `${p.number} · ${p.name}` }))}
                onChange={(v) => setF({ ...f, projectIds: v })}
                data-testid="article-projects"
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label="Beschreibung" autosize minRows={2} value={f.description} onChange={(e) => setF({ ...f, description: e.currentTarget.value })} />
            </Grid.Col>
          </Grid>
          <Title order={4}>Preisvarianten</Title>
          <Text size="sm" c="dimmed">
            Nettopreise mit bis zu 4 Nachkommastellen. Es gilt die Variante mit dem spätesten „Gültig ab“ (leer = ältester Preis), bei
            gleichem Datum die größte erreichte Mindestmenge – für die ganze Menge. Mindestmengen nur für Staffelpreise verwenden.
          </Text>
          <Table data-testid="variant-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Preis (netto)</Table.Th>
                <Table.Th>Währung</Table.Th>
                <Table.Th>Mindestmenge</Table.Th>
                <Table.Th>Gültig ab</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {f.variants.map((v, i) => (
                <Table.Tr key={v.key} data-testid="variant-row">
                  <Table.Td>
                    <TextInput aria-label="Preis" value={v.price} error={errors[`variants.${i}.price`]} onChange={(e) => setVariant(i, { price: e.currentTarget.value })} data-testid={`variant-price-${i}`} />
                  </Table.Td>
                  <Table.Td w={110}>
                    <TextInput
                      aria-label="Währung"
                      value={v.currency}
                      error={errors[`variants.${i}.currency`]}
                      onChange={(e) => setVariant(i, { currency: e.currentTarget.value.toUpperCase() })}
                      data-testid={`variant-currency-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label="Mindestmenge"
                      value={v.minQuantity}
                      error={errors[`variants.${i}.minQuantity`]}
                      onChange={(e) => setVariant(i, { minQuantity: e.currentTarget.value })}
                      data-testid={`variant-min-quantity-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label="Gültig ab"
                      placeholder="TT.MM.JJJJ"
                      value={v.validFrom}
                      error={errors[`variants.${i}.validFrom`]}
                      onChange={(e) => setVariant(i, { validFrom: e.currentTarget.value })}
                      data-testid={`variant-valid-from-${i}`}
                    />
                  </Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label="Preisvariante entfernen"
                      onClick={() => setF((prev) => ({ ...prev, variants: prev.variants.filter((_, j) => j !== i) }))}
                    >
                      ✕
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button variant="light" size="xs" onClick={() => setF((prev) => ({ ...prev, variants: [...prev.variants, newVariant()] }))} data-testid="variant-add">
              Preisvariante hinzufügen
            </Button>
          </Group>
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.busy} data-testid="article-save">
              Speichern
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function unitPriceText(value: string, currency: string): string {
  return `${formatUnitPrice(dec(value))}\u00a0${currency === 'EUR' ? '€' : currency}`;
}

/** "Preis prüfen": currency, quantity and date → resolved net price, VAT rate and gross, or the error. */
function PriceCheckPanel({ article }: { article: ArticleDto }) {
  const [currency, setCurrency] = useState('EUR');
  const [quantity, setQuantity] = useState('1');
  const [date, setDate] = useState(() => formatDate(berlinDate(new Date())));
  const [result, setResult] = useState<PriceResolutionDto>();
  const check = useAction(async () => {
    setResult(undefined);
    const r = await call('catalog.resolvePrice', {
      articleId: article.id,
      currency,
      quantity: inputToDecimal(quantity) ?? '',
      date: inputToDate(date) ?? '',
    });
    setResult(r);
    return r;
  });
  const error = check.error;
  const fieldErrors = error?.fieldErrors() ?? {};
  return (
    <Card withBorder data-testid="price-check">
      <Stack>
        <Title order={4}>Preis prüfen</Title>
        <Text size="sm" c="dimmed">
          Zeigt den Preis und den Steuersatz, die eine Abrechnung zu diesem Datum verwenden würde (gespeicherter Stand des Artikels).
          {article.kind === 'SUBSCRIPTION' &&
            ' Im Rechnungslauf gilt der Preis am ersten und der Steuersatz am letzten Tag des Leistungszeitraums.'}
        </Text>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void check.run();
          }}
        >
          <Group align="flex-start">
            <TextInput label="Währung" w={100} value={currency} error={fieldErrors.currency} onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())} data-testid="price-check-currency" />
            <TextInput label="Menge" w={120} value={quantity} error={fieldErrors.quantity} onChange={(e) => setQuantity(e.currentTarget.value)} data-testid="price-check-quantity" />
            <TextInput label="Datum" w={140} placeholder="TT.MM.JJJJ" value={date} error={fieldErrors.date} onChange={(e) => setDate(e.currentTarget.value)} data-testid="price-check-date" />
            <Button type="submit" mt={25} loading={check.busy} data-testid="price-check-run">
              Preis prüfen
            </Button>
          </Group>
        </form>
        {error && error.code === 'PRICE_NOT_FOUND' && (
          <Alert color="orange" title="Kein Preis ermittelbar" role="alert" data-testid="price-check-error">
            {error.message}
          </Alert>
        )}
        {error && error.code !== 'PRICE_NOT_FOUND' && <ErrorAlert error={error} />}
        {result && (
          <SimpleGrid cols={{ base: 2, md: 5 }} data-testid="price-check-result">
            <Figure label="Nettopreis" value={unitPriceText(result.unitPrice, result.currency)} testId="price-check-unit-price" />
            <Figure label={`Netto (Menge ${decimalToInput(result.quantity)})`} value={formatMoney(dec(result.net), result.currency)} testId="price-check-net" />
            <Figure label="USt-Satz" value={formatPercent(dec(result.taxRate))} hint={result.taxGroupName} testId="price-check-rate" />
            <Figure label="USt" value={formatMoney(dec(result.tax), result.currency)} testId="price-check-tax" />
            <Figure label="Brutto" value={formatMoney(dec(result.gross), result.currency)} testId="price-check-gross" strong />
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}

function Figure({ label, value, hint, testId, strong }: { label: string; value: string; hint?: string; testId: string; strong?: boolean }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text ff="monospace" fw={strong ? 700 : 500} size="lg" data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}
