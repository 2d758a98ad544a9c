import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card; its heading labels the region for screen-reader navigation. */
export function Section({
  id,
  title,
  children,
  actions,
}: {
  id: string;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={`${id}-title`}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id={`${id}-title`}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
