import { Group, Progress, Stack, Text } from '@mantine/core';
import type { Organization } from '../api/types';
import { Section } from './Section';

type Fit = Organization['fit'];
type Criterion = Exclude<keyof Fit, 'notes'>;

/** The three criteria for choosing a partner (PRODUCT.md), each 0–5. */
const CRITERIA: { key: Criterion; label: string; question: string }[] = [
  { key: 'audienceReach', label: 'Audience reach', question: 'Do they reach an audience we want to serve?' },
  {
    key: 'missionOverlap',
    label: 'Mission overlap',
    question: 'Can one project serve a goal of theirs and one of ours?',
  },
  { key: 'complementaryResources', label: 'Complementary skills & resources', question: 'Do they have what we lack?' },
];

export function FitSection({ fit }: { fit: Fit }) {
  const assessed = CRITERIA.some(({ key }) => fit[key] > 0);
  return (
    <Section id="fit" title="Fit">
      {!assessed && (
        <Text c="dimmed" mb="sm">
          Not assessed yet.
        </Text>
      )}
      <Stack gap="sm" component="dl" m={0}>
        {CRITERIA.map(({ key, label, question }) => (
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
