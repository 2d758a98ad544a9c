import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { queryKeys, useAudiences, useCapabilities } from '../api/queries';
import { STAGE_LABELS, STAGES, type CreateOrganization, type Stage } from '../api/types';
import { useCurrentUser } from '../auth/useSession';

interface FormValues {
  name: string;
  type: string;
  stage: Stage;
  website: string;
  email: string;
  phone: string;
  mission: string;
  audienceIds: string[];
  capabilityIds: string[];
  seeksCapabilityIds: string[];
  tags: string[];
  ownedByMe: boolean;
}

const EMPTY: FormValues = {
  name: '',
  type: '',
  stage: 'prospect',
  website: '',
  email: '',
  phone: '',
  mission: '',
  audienceIds: [],
  capabilityIds: [],
  seeksCapabilityIds: [],
  tags: [],
  ownedByMe: true,
};

type FieldErrors = Partial<Record<keyof FormValues, string>>;

/** Maps the API's `errors: [{field}]` (e.g. "tags.2") onto the form's fields. */
function fieldErrors(error: ApiError): FieldErrors {
  const found: FieldErrors = {};
  for (const { field, message } of error.problem.errors ?? []) {
    const key = (field.split('.')[0] === 'ownerId' ? 'ownedByMe' : field.split('.')[0]) as keyof FormValues;
    if (key in EMPTY) found[key] ??= message;
  }
  return found;
}

const blankToNull = (value: string) => (value.trim() ? value.trim() : null);

export function AddOrganizationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const audiences = useAudiences();
  const capabilities = useCapabilities();
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const create = useMutation({
    mutationFn: async (body: CreateOrganization) => unwrap(await api.POST('/api/v1/organizations', { body })),
    onSuccess: async (organization) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      setValues(EMPTY);
      onClose();
      await navigate({ to: '/organizations/$organizationId', params: { organizationId: organization.id } });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        setErrors({ name: 'A partner with this name is already in the directory.' });
      else if (error instanceof ApiError) setErrors(fieldErrors(error));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.name.trim()) {
      setErrors({ name: 'Enter the partner’s name' });
      return;
    }
    setErrors({});
    create.mutate({
      name: values.name.trim(),
      type: blankToNull(values.type),
      stage: values.stage,
      website: blankToNull(values.website),
      email: blankToNull(values.email),
      phone: blankToNull(values.phone),
      mission: blankToNull(values.mission),
      audienceIds: values.audienceIds,
      capabilityIds: values.capabilityIds,
      seeksCapabilityIds: values.seeksCapabilityIds,
      tags: values.tags,
      ownerId: values.ownedByMe ? user.id : null,
    });
  }

  const audienceOptions = audiences.data?.map((audience) => ({ value: audience.id, label: audience.name })) ?? [];
  const capabilityOptions =
    capabilities.data?.map((capability) => ({ value: capability.id, label: capability.name })) ?? [];
  const generalError = create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : null;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Add a partner"
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
      fullScreen={false}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {generalError && (
            <Alert color="red" role="alert" title="The partner was not added">
              {generalError}
            </Alert>
          )}
          <TextInput
            label="Name"
            required
            data-autofocus
            maxLength={200}
            value={values.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={errors.name}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Type"
              placeholder="e.g. Youth shelter"
              maxLength={80}
              value={values.type}
              onChange={(event) => set('type', event.currentTarget.value)}
              error={errors.type}
            />
            <Select
              label="Stage"
              data={STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
              value={values.stage}
              allowDeselect={false}
              onChange={(value) => value && set('stage', value)}
              error={errors.stage}
            />
            <TextInput
              label="Website"
              type="url"
              maxLength={500}
              value={values.website}
              onChange={(event) => set('website', event.currentTarget.value)}
              error={errors.website}
            />
            <TextInput
              label="Email"
              type="email"
              maxLength={254}
              value={values.email}
              onChange={(event) => set('email', event.currentTarget.value)}
              error={errors.email}
            />
            <TextInput
              label="Phone"
              type="tel"
              maxLength={40}
              value={values.phone}
              onChange={(event) => set('phone', event.currentTarget.value)}
              error={errors.phone}
            />
            <TagsInput
              label="Tags"
              description="Press Enter after each tag"
              value={values.tags}
              onChange={(tags) => set('tags', tags)}
              error={errors.tags}
            />
          </SimpleGrid>
          <Textarea
            label="Mission"
            autosize
            minRows={2}
            maxRows={6}
            maxLength={5000}
            value={values.mission}
            onChange={(event) => set('mission', event.currentTarget.value)}
            error={errors.mission}
          />
          <MultiSelect
            label="Audiences they serve"
            searchable
            data={audienceOptions}
            value={values.audienceIds}
            onChange={(ids) => set('audienceIds', ids)}
            error={errors.audienceIds}
            nothingFoundMessage="No such audience"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <MultiSelect
              label="Skills & resources they offer"
              searchable
              data={capabilityOptions}
              value={values.capabilityIds}
              onChange={(ids) => set('capabilityIds', ids)}
              error={errors.capabilityIds}
              nothingFoundMessage="No such skill or resource"
            />
            <MultiSelect
              label="Skills & resources they look for"
              searchable
              data={capabilityOptions}
              value={values.seeksCapabilityIds}
              onChange={(ids) => set('seeksCapabilityIds', ids)}
              error={errors.seeksCapabilityIds}
              nothingFoundMessage="No such skill or resource"
            />
          </SimpleGrid>
          <Checkbox
            label="I look after this partnership"
            checked={values.ownedByMe}
            onChange={(event) => set('ownedByMe', event.currentTarget.checked)}
            error={errors.ownedByMe}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add partner
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
