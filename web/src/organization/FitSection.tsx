import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { Organization } from '../api/types';
import { FIT_CRITERIA } from './organization-form';
import { Section } from './Section';

type Fit = Organization['fit'];

/** The partner's fit on the three criteria; `onEdit` (staff+) opens the partner's form to weigh it. */
export function FitSection({ fit, onEdit }: { fit: Fit; onEdit?: () => void }) {
  const assessed = FIT_CRITERIA.some(({ key }) => fit[key] > 0);
  return (
    <Section id="fit" title="Fit">
      {!assessed && (
        <Group justify="space-between" mb="sm" gap="xs">
          <Text c="dimmed">Not weighed yet.</Text>
          {onEdit && (
            <Button size="xs" variant="light" onClick={onEdit}>
              Weigh this partner
            </Button>
          )}
        </Group>
      )}
      <Stack gap="sm" component="dl" m={0}>
        {FIT_CRITERIA.map(({ key, label, question }) => (
          <Group key={key} justify="space-between" align="flex-start" wrap="nowrap" gap="md">
            <Text component="dt" size="sm">
              <Text span fw={600} size="sm" display="block">
                {label}
              </Text>
              <Text span size="xs" c="dimmed" display="block">
                {question}
              </Text>
            </Text>
            <Text component="dd" m={0} size="sm" fw={600} miw={72} ta="right">
              {fit[key]} of 5
              <Progress value={fit[key] * 20} size="sm" mt={4} aria-hidden="true" />
            </Text>
          </Group>
        ))}
      </Stack>
      {fit.notes && (
        <Text mt="sm" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {fit.notes}
        </Text>
      )}
    </Section>
  );
}
