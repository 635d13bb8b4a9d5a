import { Button, Group, Menu, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ContractDto, SubscriptionItemDto } from '../../../shared/api/contracts';
import { dec, formatDecimal, formatUnitPrice } from '../../../shared/money';
import { ApiError, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { DateText } from '../../components/format';
import { useAction, useCall } from '../../components/use-call';
import { DateField, isoOf, showDate } from './fields';
import { ArticlePicker, ItemForm, itemFormState, itemInputOf, type ItemFormState } from './item-form';

type Dialog =
  | { kind: 'add' }
  | { kind: 'edit'; item: SubscriptionItemDto }
  | { kind: 'pause'; item: SubscriptionItemDto }
  | { kind: 'change'; item: SubscriptionItemDto }
  | null;

/** Tab "Abo verwalten": subscription items with edit, pause, upgrade/downgrade and delete. */
export function ItemsTab({ contract }: { contract: ContractDto }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [key, setKey] = useState(0);
  const [error, setError] = useState<ApiError>();
  const open = (d: Dialog) => {
    setKey((k) => k + 1);
    setDialog(d);
  };
  const close = () => setDialog(null);
  const add = useAction(async (f: ItemFormState) => {
    await call('contracts.addItem', { contractId: contract.id, item: itemInputOf(f) });
    close();
  });
  const edit = useAction(async (itemId: number, f: ItemFormState) => {
    await call('contracts.updateItem', { itemId, item: itemInputOf(f) });
    close();
  });
  const remove = (itemId: number) =>
    call('contracts.deleteItem', { itemId }).catch((e: unknown) => setError(e instanceof ApiError ? e : undefined));
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Nur Abo-Artikel des Projekts {contract.projectName} mit der Einheit des Abrechnungsintervalls können zugeordnet werden.
        </Text>
        <Button onClick={() => open({ kind: 'add' })} data-testid="item-add">
          Abo-Artikel hinzufügen
        </Button>
      </Group>
      <ErrorAlert error={error} />
      <Table striped data-testid="item-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Artikel</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Menge</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Preis</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Rabatt</Table.Th>
            <Table.Th>Aktiv ab</Table.Th>
            <Table.Th>Aktiv bis</Table.Th>
            <Table.Th>Abrechnung ab</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contract.items.map((i) => (
            <Table.Tr key={i.id} data-testid="item-row">
              <Table.Td>
                {i.articleNumber} · {i.articleName}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatDecimal(dec(i.quantity), Math.max(0, dec(i.quantity).decimalPlaces()))}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{i.priceOverride === null ? 'Katalog' : formatUnitPrice(dec(i.priceOverride))}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{i.discount === null ? '' : `${formatDecimal(dec(i.discount), dec(i.discount).decimalPlaces())} %`}</Table.Td>
              <Table.Td>
                <DateText value={i.activeFrom} />
              </Table.Td>
              <Table.Td>
                <DateText value={i.activeUntil} />
              </Table.Td>
              <Table.Td>
                <DateText value={i.billFrom} />
              </Table.Td>
              <Table.Td>
                <Menu position="bottom-end">
                  <Menu.Target>
                    <Button size="xs" variant="default" data-testid="item-actions">
                      Aktionen
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => open({ kind: 'edit', item: i })}>Bearbeiten</Menu.Item>
                    <Menu.Item onClick={() => open({ kind: 'pause', item: i })} data-testid="item-pause">
                      Pausieren
                    </Menu.Item>
                    <Menu.Item onClick={() => open({ kind: 'change', item: i })}>Upgrade/Downgrade</Menu.Item>
                    <Menu.Item color="red" onClick={() => void remove(i.id)}>
                      Löschen (nur nie abgerechnete)
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {contract.items.length === 0 && (
        <Text c="dimmed" ta="center">
          Noch keine Abo-Artikel
        </Text>
      )}
      <Modal opened={dialog?.kind === 'add' || dialog?.kind === 'edit'} onClose={close} title={dialog?.kind === 'edit' ? 'Abo-Artikel bearbeiten' : 'Abo-Artikel hinzufügen'} size="xl">
        {dialog?.kind === 'add' && (
          <ItemForm key={key} contractId={contract.id} initial={itemFormState(undefined, contract.startDate)} busy={add.busy} error={add.error} onSubmit={(f) => void add.run(f)} onCancel={close} />
        )}
        {dialog?.kind === 'edit' && (
          <ItemForm
            key={key}
            contractId={contract.id}
            initial={itemFormState(dialog.item)}
            busy={edit.busy}
            error={edit.error}
            onSubmit={(f) => void edit.run(dialog.item.id, f)}
            onCancel={close}
          />
        )}
      </Modal>
      <Modal opened={dialog?.kind === 'pause'} onClose={close} title="Abo-Artikel pausieren">
        {dialog?.kind === 'pause' && <PauseForm key={key} item={dialog.item} onDone={close} />}
      </Modal>
      <Modal opened={dialog?.kind === 'change'} onClose={close} title="Upgrade/Downgrade" size="lg">
        {dialog?.kind === 'change' && <ChangeForm key={key} contractId={contract.id} item={dialog.item} onDone={close} />}
      </Modal>
    </Stack>
  );
}

/** Pausieren: the item ends the day before the pause and starts again the day after it. */
function PauseForm({ item, onDone }: { item: SubscriptionItemDto; onDone: () => void }) {
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const pause = useAction(async () => {
    await call('contracts.pauseItem', { itemId: item.id, from: isoOf(from), until: isoOf(until) });
    onDone();
  });
  const errors = pause.error?.fieldErrors() ?? {};
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void pause.run();
      }}
    >
      <Stack gap="sm">
        <ErrorAlert error={pause.error} />
        <Text size="sm">
          {item.articleName}: keine Lieferung und keine Berechnung im Pausenzeitraum; bereits abgerechnete Tage werden anteilig gutgeschrieben.
        </Text>
        <Group>
          <DateField label="Pause von" value={from} onChange={setFrom} error={errors.from} testId="pause-from" />
          <DateField label="Pause bis" value={until} onChange={setUntil} error={errors.until} testId="pause-until" />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={pause.busy} data-testid="pause-save">
            Pausieren
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Upgrade/Downgrade: the old item ends the day before the change; the new one starts on it, prorated by days. */
function ChangeForm({ contractId, item, onDone }: { contractId: number; item: SubscriptionItemDto; onDone: () => void }) {
  const [date, setDate] = useState('');
  const [articleId, setArticleId] = useState(String(item.articleId));
  const [quantity, setQuantity] = useState(item.quantity.replace('.', ','));
  const [price, setPrice] = useState('');
  const options = useCall('contracts.articleOptions', { contractId, kind: 'SUBSCRIPTION' });
  const change = useAction(async () => {
    await call('contracts.changeItem', {
      itemId: item.id,
      date: isoOf(date),
      articleId: Number(articleId),
      quantity,
      priceOverride: price.trim() === '' ? null : price,
      discount: item.discount,
    });
    onDone();
  });
  const errors = change.error?.fieldErrors() ?? {};
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void change.run();
      }}
    >
      <Stack gap="sm">
        <ErrorAlert error={change.error} />
        <Text size="sm">Bisher: {item.articleName} seit {showDate(item.activeFrom)}</Text>
        <DateField label="Wechsel zum" value={date} onChange={setDate} error={errors.date} />
        <ArticlePicker label="Neuer Abo-Artikel" options={options.data ?? []} value={articleId} onChange={setArticleId} error={errors.articleId} />
        <Group>
          <TextInput label="Menge" w={100} value={quantity} onChange={(e) => setQuantity(e.currentTarget.value)} error={errors.quantity} />
          <TextInput label="Preis netto" placeholder="Katalogpreis" w={140} value={price} onChange={(e) => setPrice(e.currentTarget.value)} error={errors.priceOverride} />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={change.busy}>
            Wechsel durchführen
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
