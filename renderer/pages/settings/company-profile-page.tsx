import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyInfo } from '../../../shared/api/company';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';
import { CompanyProfileFields, profileFromForm, type ProfileForm } from '../company/company-profile-fields';

function formOf(info: CompanyInfo): ProfileForm {
  const p = info.profile;
  const s = (v: string | null) => v ?? '';
  return {
    name: p.name,
    street: s(p.street),
    zip: s(p.zip),
    city: s(p.city),
    country: p.country,
    vatId: s(p.vatId),
    taxNumber: s(p.taxNumber),
    bankName: s(p.bankName),
    iban: s(p.iban),
    bic: s(p.bic),
    email: s(p.email),
    phone: s(p.phone),
  };
}

export function CompanyProfilePage() {
  const { t } = useTranslation();
  const current = useCall('company.current', {});
  return (
    <Page title={t('nav.companyProfile')}>
      <ErrorAlert error={current.error} />
      {current.data && <ProfileEditor key={current.data.profile.name} info={current.data} />}
    </Page>
  );
}

function ProfileEditor({ info }: { info: CompanyInfo }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(formOf(info));
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    await call('company.updateProfile', { profile: profileFromForm(form) });
    setSaved(true);
  });
  return (
    <Card withBorder>
      <Stack>
        <Group>
          <Badge color={info.kind === 'SANDBOX' ? 'orange' : 'teal'}>{info.kind === 'SANDBOX' ? 'Sandbox' : 'Produktion'}</Badge>
          <Text size="sm" c="dimmed">
            {info.filePath}
          </Text>
        </Group>
        <CompanyProfileFields value={form} onChange={(f) => { setForm(f); setSaved(false); }} errors={save.error?.fieldErrors('profile') ?? {}} />
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          {saved && <Text c="teal">Gespeichert.</Text>}
          <Button onClick={() => void save.run()} loading={save.busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
