import { Container, Text } from '@mantine/core';
import { AnchorLink } from './AnchorLink';
import { PageTitle } from './PageTitle';

export function NotFoundPage() {
  return (
    <Container size="sm" py="xl" component="main" id="main">
      <PageTitle>Page not found</PageTitle>
      <Text mt="md">
        There is nothing at this address. <AnchorLink to="/organizations">Go to the partner directory</AnchorLink>.
      </Text>
    </Container>
  );
}
