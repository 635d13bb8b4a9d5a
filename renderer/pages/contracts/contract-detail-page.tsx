import { Alert, Button, Card, Group, Menu, Modal, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { ContractDto } from '../../../shared/api/contracts';
import { formatDate, formatInterval } from '../../../shared/dates';
import { ApiError, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { ActivitiesTable } from './activities-table';
import { ContractForm, contractFormState, contractInputOf, type ContractFormState } from './contract-form';
import { StatusBadge } from './contracts-page';
import { DateField, isoOf } from './fields';
import { ArticlePicker } from './item-form';
import { ItemsTab } from './items-tab';

export function ContractDetailPage() {
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const contract = useCall('contracts.get', { id }, ['contracts', 'billing']);
  const save = useAction(async (f: ContractFormState) => call('contracts.update', { id, contract: contractInputOf(f) }));
  const [ending, setEnding] = useState<'notice' | 'terminate' | null>(null);
  const [interimResult, setInterimResult] = useState<string | null>(null);
  // Vertragsaktionen → Zwischenabrechnung erstellen: bills this contract's due activities now.
  const interim = useAction(async () => {
    const run = await call('billing.interim', { contractId: id });
    const first = run.invoiceIds[0];
    if (first !== undefined) navigate(`/fakturierung/rechnungen/${first}`);
    else setInterimResult(run.errors[0]?.reason ?? 'Keine fälligen Leistungen – es wurde keine Rechnung erstellt.');
  });
  const c = contract.data;
  return (
    <Page
      title={c ? `Vertrag ${c.number} · ${c.customerName}` : 'Lädt …'}
      actions={
        <>
          {c && <StatusBadge status={c.status} />}
          {c && (
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" loading={interim.busy} data-testid="contract-actions">
                  Vertragsaktionen
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => void interim.run()} data-testid="contract-interim">
                  Zwischenabrechnung erstellen
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
          {c && c.status !== 'ENDED' && (
            <>
              <Button variant="default" onClick={() => setEnding('notice')} data-testid="contract-notice">
                Kündigung erfassen
              </Button>
              <Button variant="default" color="red" onClick={() => setEnding('terminate')}>
                Außerordentlich beenden
              </Button>
            </>
          )}
          <Button variant="subtle" onClick={() => navigate('/vertraege')}>
            Zurück
          </Button>
        </>
      }
    >
      <ErrorAlert error={contract.error ?? interim.error} />
      {interimResult && (
        <Alert color="blue" withCloseButton onClose={() => setInterimResult(null)} data-testid="interim-result">
          {interimResult}
        </Alert>
      )}
      {c && <Summary c={c} />}
      {c && (
        <Tabs defaultValue="items" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="master">Vertrag</Tabs.Tab>
            <Tabs.Tab value="items" data-testid="tab-items">
              Abo verwalten
            </Tabs.Tab>
            <Tabs.Tab value="activities" data-testid="tab-activities">
              Leistungen
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="master" pt="md">
            <Card withBorder>
              <ContractForm key={JSON.stringify(c)} initial={contractFormState(c)} busy={save.busy} error={save.error} onSubmit={(f) => void save.run(f)} />
            </Card>
          </Tabs.Panel>
          <Tabs.Panel value="items" pt="md">
            <ItemsTab contract={c} />
          </Tabs.Panel>
          <Tabs.Panel value="activities" pt="md">
            <ContractActivities contract={c} />
          </Tabs.Panel>
        </Tabs>
      )}
      <Modal opened={ending !== null} onClose={() => setEnding(null)} title={ending === 'notice' ? 'Kündigung erfassen' : 'Außerordentlich beenden'}>
        {c && ending !== null && <EndForm contract={c} mode={ending} onDone={() => setEnding(null)} />}
      </Modal>
    </Page>
  );
}

function Summary({ c }: { c: ContractDto }) {
  const terms = [
    `Beginn ${formatDate(c.startDate)}`,
    `Abrechnung alle ${formatInterval(c.interval)} ${c.billInAdvance ? 'im Voraus' : 'nachträglich'}`,
    c.minimumTerm ? `Mindestlaufzeit ${formatInterval(c.minimumTerm)}` : null,
    c.renewal ? `Verlängerung um ${formatInterval(c.renewal)}` : c.minimumTerm ? 'endet nach der Mindestlaufzeit' : null,
    c.notice ? `Kündigungsfrist ${formatInterval(c.notice)}` : null,
    c.billedUntil ? `Abgerechnet bis ${formatDate(c.billedUntil)}` : null,
    c.effectiveEnd ? `Vertragsende ${formatDate(c.effectiveEnd)}` : null,
  ].filter((s): s is string => s !== null);
  return (
    <Stack gap={4}>
      <Text size="sm" data-testid="contract-summary">
        {c.projectName} · {terms.join(' · ')}
      </Text>
      {c.openActivities > 0 && (
        <Alert color="blue" variant="light" p="xs">
          Für diesen Vertrag existieren {c.openActivities} nicht abgerechnete Leistungen.
        </Alert>
      )}
    </Stack>
  );
}

function EndForm({ contract, mode, onDone }: { contract: ContractDto; mode: 'notice' | 'terminate'; onDone: () => void }) {
  const [date, setDate] = useState('');
  const end = useAction(async () => {
    if (mode === 'notice') await call('contracts.notice', { id: contract.id, receivedOn: isoOf(date) });
    else await call('contracts.terminate', { id: contract.id, endDate: isoOf(date) });
    onDone();
  });
  const errors = end.error?.fieldErrors() ?? {};
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void end.run();
      }}
    >
      <Stack gap="sm">
        <ErrorAlert error={end.error} />
        <Text size="sm">
          {mode === 'notice'
            ? 'Das Vertragsende ergibt sich aus Laufzeit, Verlängerung und Kündigungsfrist.'
            : 'Der Vertrag endet an diesem Tag; der letzte Zeitraum wird tageweise anteilig berechnet.'}
        </Text>
        <DateField
          label={mode === 'notice' ? 'Kündigung eingegangen am' : 'Letzter Vertragstag'}
          value={date}
          onChange={setDate}
          error={errors.receivedOn ?? errors.endDate ?? errors.noticeReceivedOn}
          testId="end-date"
        />
        <Group justify="flex-end">
          <Button type="submit" loading={end.busy} data-testid="end-save">
            Übernehmen
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ContractActivities({ contract }: { contract: ContractDto }) {
  const [offset, setOffset] = useState(0);
  const [recording, setRecording] = useState(false);
  const [error, setError] = useState<ApiError>();
  const list = useCall('activities.list', { contractId: contract.id, offset, limit: 50 }, ['contracts', 'billing']);
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button variant="default" onClick={() => setRecording(true)} data-testid="one-time-open">
          Leistungen erfassen
        </Button>
      </Group>
      <ErrorAlert error={error} />
      <ActivitiesTable
        page={list.data}
        loading={list.loading}
        onOffset={setOffset}
        showContract={false}
        onError={(e) => setError(e instanceof ApiError ? e : undefined)}
      />
      <Modal opened={recording} onClose={() => setRecording(false)} title="Leistungen erfassen" size="lg">
        {recording && <OneTimeForm contract={contract} onDone={() => setRecording(false)} />}
      </Modal>
    </Stack>
  );
}

function OneTimeForm({ contract, onDone }: { contract: ContractDto; onDone: () => void }) {
  const [articleId, setArticleId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [date, setDate] = useState('');
  const [description, setDescription] = useState('');
  const [price, setPrice] = useState('');
  const options = useCall('contracts.articleOptions', { contractId: contract.id, kind: 'ONE_TIME' });
  const record = useAction(async () => {
    await call('activities.recordOneTime', {
      contractId: contract.id,
      articleId: Number(articleId),
      quantity,
      date: isoOf(date),
      description,
      unitPrice: price.trim() === '' ? null : price,
    });
    onDone();
  });
  const errors = record.error?.fieldErrors() ?? {};
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void record.run();
      }}
    >
      <Stack gap="sm">
        <ErrorAlert error={record.error} />
        <ArticlePicker label="Einmal-Artikel" options={options.data ?? []} value={articleId} onChange={setArticleId} error={errors.articleId} />
        <Group>
          <TextInput label="Menge" w={100} value={quantity} onChange={(e) => setQuantity(e.currentTarget.value)} error={errors.quantity} />
          <DateField label="Leistungsdatum" value={date} onChange={setDate} error={errors.date} />
          <TextInput label="Preis netto" placeholder="Katalogpreis" w={140} value={price} onChange={(e) => setPrice(e.currentTarget.value)} error={errors.unitPrice} />
        </Group>
        <TextInput label="Beschreibung" value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
        <Group justify="flex-end">
          <Button type="submit" loading={record.busy}>
            Leistung speichern
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
