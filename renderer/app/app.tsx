import { Alert, AppShell, Button, Center, Group, Loader, MantineProvider, NavLink, NumberInput, ScrollArea, SegmentedControl, Text, Title, createTheme } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { CompanyInfo } from '../../shared/api/company';
import { call, subscribe } from '../api/client';
import { CompanyStartPage } from '../pages/company/company-start-page';
import { routes } from './navigation';
import { NAV_GROUPS } from './routes';
import { installStyleNonce } from './style-nonce';

// Read once: the page's nonce does not change while it is loaded.
const nonce = installStyleNonce();
const getStyleNonce = nonce === undefined ? undefined : () => nonce;

const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  components: {
    // A number outside min/max stays as typed, so the server's German error shows at the field
    // (clamping turned a threshold of „-50“ silently into 1).
    NumberInput: NumberInput.extend({ defaultProps: { clampBehavior: 'none' } }),
  },
});

export function App() {
  const [company, setCompany] = useState<CompanyInfo | null | undefined>(undefined);
  useEffect(() => {
    void call('company.current', {}).then(setCompany, () => setCompany(null));
    return subscribe('company.changed', ({ info }) => setCompany(info));
  }, []);
  return (
    <MantineProvider theme={theme} getStyleNonce={getStyleNonce}>
      {company === undefined ? (
        <Center h="100vh">
          <Loader />
        </Center>
      ) : company === null ? (
        <CompanyStartPage onOpened={setCompany} />
      ) : (
        <HashRouter>
          <Shell company={company} />
        </HashRouter>
      )}
    </MantineProvider>
  );
}

/** German first; English as the second language of the shell. */
function LanguageSwitch() {
  const { i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      value={i18n.language.startsWith('en') ? 'en' : 'de'}
      data={[
        { value: 'de', label: 'DE' },
        { value: 'en', label: 'EN' },
      ]}
      onChange={(lng) => {
        localStorage.setItem('abowerk.language', lng);
        void i18n.changeLanguage(lng);
      }}
    />
  );
}

function Shell({ company }: { company: CompanyInfo }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const sandbox = company.kind === 'SANDBOX';
  return (
    <AppShell header={{ height: sandbox ? 92 : 56 }} navbar={{ width: 250, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        {sandbox && (
          <Alert color="orange" variant="filled" radius={0} py={6} data-testid="sandbox-banner">
            <Text fw={700} size="sm">
              {t('app.sandboxBanner')}
            </Text>
          </Alert>
        )}
        <Group h={56} px="md" justify="space-between">
          <Group gap="xs">
            <Title order={3} c="teal.8">
              Abowerk
            </Title>
            <Text c="dimmed" size="sm" data-testid="company-name">
              {company.profile.name}
            </Text>
          </Group>
          <Group gap="xs">
            <LanguageSwitch />
            <Button variant="subtle" size="xs" onClick={() => void call('company.close', {})}>
              {t('app.switchCompany')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          {NAV_GROUPS.map((group) => {
            const items = routes
              .filter((r) => r.nav?.group === group.key)
              .sort((a, b) => (a.nav?.order ?? 0) - (b.nav?.order ?? 0));
            if (items.length === 0) return null;
            if (group.key === 'dashboard' && items[0]) {
              return (
                <NavLink key={group.key} label={t(`nav.${group.key}`)} active={location.pathname === '/'} onClick={() => navigate('/')} />
              );
            }
            return (
              <NavLink key={group.key} label={t(`nav.${group.key}`)} defaultOpened childrenOffset="md">
                {items.map((r) => (
                  <NavLink
                    key={r.path}
                    label={r.nav?.label}
                    active={location.pathname === r.path || location.pathname.startsWith(`${r.path}/`)}
                    onClick={() => navigate(r.path)}
                  />
                ))}
              </NavLink>
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Routes>
          {routes.map((r) => (
            <Route key={r.path} path={r.path} element={r.element} />
          ))}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}
