import { Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ProjectDto } from '../../../shared/api/catalog';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';

interface ProjectForm {
  id?: number;
  number: string;
  name: string;
  description: string;
}

/** Artikelverwaltung → Projekte verwalten: number, name, description. */
export function ProjectsPage() {
  const projects = useCall('catalog.projects', {}, ['catalog']);
  const [form, setForm] = useState<ProjectForm | null>(null);
  const save = useAction(async (f: ProjectForm) => {
    const saved = await call('catalog.saveProject', {
      ...(f.id !== undefined ? { id: f.id } : {}),
      project: { number: f.number, name: f.name, description: f.description },
    });
    setForm(null);
    return saved;
  });
  const errors = save.error?.fieldErrors('project') ?? {};
  const edit = (p?: ProjectDto) => {
    save.clearError();
    setForm(p ? { id: p.id, number: p.number, name: p.name, description: p.description ?? '' } : { number: '', name: '', description: '' });
  };

  return (
    <Page
      title="Projekte verwalten"
      actions={
        <Button onClick={() => edit()} data-testid="project-new">
          Neues Projekt
        </Button>
      }
    >
      <ErrorAlert error={projects.error} />
      <Table striped highlightOnHover data-testid="project-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Projektnummer</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Beschreibung</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Artikel</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {projects.data?.map((p) => (
            <Table.Tr key={p.id} onClick={() => edit(p)} style={{ cursor: 'pointer' }}>
              <Table.Td>{p.number}</Table.Td>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{p.description}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{p.articleCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {projects.data?.length === 0 && <Text c="dimmed">Noch keine Projekte. Artikel und Verträge gehören immer zu einem Projekt.</Text>}
      <Modal opened={form !== null} onClose={() => setForm(null)} title={form?.id ? 'Projekt bearbeiten' : 'Neues Projekt'}>
        {form && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save.run(form);
            }}
          >
            <Stack>
              <TextInput
                label="Projektnummer"
                required
                value={form.number}
                error={errors.number}
                onChange={(e) => setForm({ ...form, number: e.currentTarget.value })}
                data-testid="project-number"
              />
              <TextInput
                label="Name"
                required
                value={form.name}
                error={errors.name}
                onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
                data-testid="project-name"
              />
              <Textarea
                label="Beschreibung"
                autosize
                minRows={2}
                value={form.description}
                onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
              />
              <ErrorAlert error={save.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setForm(null)}>
                  Abbrechen
                </Button>
                <Button type="submit" loading={save.busy} data-testid="project-save">
                  Speichern
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Page>
  );
}
