import { Badge, Button, Card, Container, Grid, Group, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyInfo, CompanyKind } from '../../../shared/api/company';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formatTimestamp } from '../../components/format';
import { useAction, useCall } from '../../components/use-call';
import { CompanyProfileFields, EMPTY_PROFILE, profileFromForm, type ProfileForm } from './company-profile-fields';

export function CompanyStartPage({ onOpened }: { onOpened: (info: CompanyInfo) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CompanyKind>('SANDBOX');
  const [form, setForm] = useState<ProfileForm>(EMPTY_PROFILE);
  const [path, setPath] = useState('');
  const recent = useCall('company.recent', {});
  const create = useAction(async () => onOpened(await call('company.create', { kind, profile: profileFromForm(form) })));
  const open = useAction(async (filePath: string) => onOpened(await call('company.open', { filePath })));

  return (
    <Container size="lg" py="xl">
      <Stack gap="lg">
        <div>
          <Title order={1} c="teal.8">
            {t('company.welcome')}
          </Title>
          <Text c="dimmed" mt="xs">
            {t('company.intro')}
          </Text>
        </div>
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card withBorder padding="lg">
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  void create.run();
                }}
              >
                <Stack>
                  <Title order={3}>{t('company.create')}</Title>
                  <Radio.Group label={t('company.kind')} value={kind} onChange={(v) => setKind(v as CompanyKind)}>
                    <Group mt="xs">
                      <Radio value="SANDBOX" label={t('company.kindSandbox')} data-testid="kind-sandbox" />
                      <Radio value="PRODUCTION" label={t('company.kindProduction')} data-testid="kind-production" />
                    </Group>
                  </Radio.Group>
                  <CompanyProfileFields value={form} onChange={setForm} errors={create.error?.fieldErrors('profile') ?? {}} />
                  <ErrorAlert error={create.error} />
                  <Group justify="flex-end">
                    <Button type="submit" loading={create.busy} data-testid="company-create">
                      {t('common.create')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card withBorder padding="lg">
              <Stack>
                <Title order={3}>{t('company.recent')}</Title>
                {recent.data?.length === 0 && <Text c="dimmed">Noch keine Firmendatei geöffnet.</Text>}
                <Table>
                  <Table.Tbody>
                    {recent.data?.map((r) => (
                      <Table.Tr key={r.filePath}>
                        <Table.Td>
                          <Text fw={600}>{r.name}</Text>
                          <Text size="xs" c="dimmed">
                            {formatTimestamp(r.lastOpenedAt)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge color={r.kind === 'SANDBOX' ? 'orange' : 'teal'}>{r.kind === 'SANDBOX' ? 'Sandbox' : 'Produktion'}</Badge>
                        </Table.Td>
                        <Table.Td>
                          {r.exists ? (
                            <Button size="xs" variant="light" onClick={() => void open.run(r.filePath)}>
                              {t('company.open')}
                            </Button>
                          ) : (
                            <Text size="xs" c="red">
                              {t('company.missing')}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <TextInput label={t('company.openPath')} value={path} onChange={(e) => setPath(e.currentTarget.value)} />
                <Group justify="flex-end">
                  <Button variant="light" disabled={path.trim() === ''} onClick={() => void open.run(path.trim())}>
                    {t('company.open')}
                  </Button>
                </Group>
                <ErrorAlert error={open.error} />
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
      </Stack>
    </Container>
  );
}
