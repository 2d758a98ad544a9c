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
    // The id makes the section a link target (/organizations/…#contacts); the margin keeps its
    // heading clear of the fixed header when scrolled to.
    <Paper
      component="section"
      id={id}
      withBorder
      p="md"
      radius="md"
      aria-labelledby={`${id}-title`}
      style={{ scrollMarginTop: 72 }}
    >
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
