import { Badge, Button, Card, Group, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { AccountsTab } from './accounts-tab';
import { CustomerForm, formStateOf, inputOf, type CustomerFormState } from './customer-form';
import { customerTabs } from './customer-tabs';

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const customer = useCall('customers.get', { id }, ['customers']);
  const save = useAction(async (f: CustomerFormState) => call('customers.update', { id, customer: inputOf(f) }));
  const toggle = useAction(async (active: boolean) => call('customers.setActive', { id, active }));
  const c = customer.data;
  return (
    <Page
      title={c ? `${c.number} · ${c.displayName}` : t('common.loading')}
      actions={
        <>
          {c && !c.active && <Badge color="gray">{t('common.inactive')}</Badge>}
          {c && (
            <Button variant="default" onClick={() => void toggle.run(!c.active)} loading={toggle.busy}>
              {c.active ? t('customers.deactivate') : t('customers.activate')}
            </Button>
          )}
          <Button variant="subtle" onClick={() => navigate('/kunden')}>
            {t('common.back')}
          </Button>
        </>
      }
    >
      <ErrorAlert error={customer.error ?? toggle.error} />
      {c && (
        <Tabs defaultValue="master" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="master">{t('customers.tabMaster')}</Tabs.Tab>
            <Tabs.Tab value="accounts" data-testid="tab-accounts">
              {t('customers.tabAccounts')}
            </Tabs.Tab>
            {customerTabs.map((tab) => (
              <Tabs.Tab key={tab.value} value={tab.value}>
                {tab.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="master" pt="md">
            <Card withBorder>
              <Group>
                <CustomerForm key={c.updatedAt} initial={formStateOf(c)} busy={save.busy} error={save.error} onSubmit={(f) => void save.run(f)} />
              </Group>
            </Card>
          </Tabs.Panel>
          <Tabs.Panel value="accounts" pt="md">
            <AccountsTab customerId={id} />
          </Tabs.Panel>
          {customerTabs.map((tab) => (
            <Tabs.Panel key={tab.value} value={tab.value} pt="md">
              {tab.render(c)}
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Page>
  );
}
