import { Container, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageTitle } from '../common/PageTitle';

/** The centred card of the sign-in and setup pages. */
export function AuthFrame({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <Container size={460} py={{ base: 'md', sm: 48 }} px="md" component="main" id="main">
      <Text fw={700} size="xl" c="cyan.9" mb="md">
        Tandem
      </Text>
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
        <PageTitle order={1} size="h2">
          {title}
        </PageTitle>
        {intro && (
          <Text mt="xs" mb="md" c="dimmed">
            {intro}
          </Text>
        )}
        {children}
      </Paper>
    </Container>
  );
}
