import { Grid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CompanyProfileInput } from '../../../shared/api/company';

export type ProfileForm = Record<keyof CompanyProfileInput, string>;

export const EMPTY_PROFILE: ProfileForm = {
  name: '',
  street: '',
  zip: '',
  city: '',
  country: 'DE',
  vatId: '',
  taxNumber: '',
  bankName: '',
  iban: '',
  bic: '',
  email: '',
  phone: '',
};

/** The company's master data fields, shared by "create" and "Firmendaten". */
export function CompanyProfileFields({
  value,
  onChange,
  errors,
}: {
  value: ProfileForm;
  onChange: (next: ProfileForm) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const field = (key: keyof ProfileForm, span = 6, required = false) => (
    <Grid.Col span={span}>
      <TextInput
        label={t(`company.${key}`)}
        required={required}
        value={value[key]}
        error={errors[key]}
        onChange={(e) => onChange({ ...value, [key]: e.currentTarget.value })}
        data-testid={`company-${key}`}
      />
    </Grid.Col>
  );
  return (
    <Grid>
      {field('name', 12, true)}
      {field('street', 12)}
      {field('zip', 3)}
      {field('city', 6)}
      {field('country', 3)}
      {field('vatId')}
      {field('taxNumber')}
      {field('bankName', 4)}
      {field('iban', 5)}
      {field('bic', 3)}
      {field('email')}
      {field('phone')}
    </Grid>
  );
}

export function profileFromForm(form: ProfileForm): CompanyProfileInput {
  const opt = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    name: form.name,
    street: opt(form.street),
    zip: opt(form.zip),
    city: opt(form.city),
    country: form.country.trim().toUpperCase() || 'DE',
    vatId: opt(form.vatId),
    taxNumber: opt(form.taxNumber),
    bankName: opt(form.bankName),
    iban: opt(form.iban),
    bic: opt(form.bic),
    email: opt(form.email),
    phone: opt(form.phone),
  };
}
