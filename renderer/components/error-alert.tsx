import { Alert, List } from '@mantine/core';
import type { ApiError } from '../api/client';

/** A German error from main, with its field messages listed. */
export function ErrorAlert({ error, title = 'Fehler' }: { error: ApiError | undefined; title?: string }) {
  if (!error) return null;
  const fields = Object.values(error.details?.fields ?? {});
  return (
    <Alert color="red" title={title} role="alert" data-testid="error-alert">
      {error.message}
      {fields.length > 1 && (
        <List size="sm" mt="xs">
          {fields.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
