import { Alert, Stack, Text } from '@mantine/core';
import { AnchorLink } from './AnchorLink';
import { PageTitle } from './PageTitle';

/**
 * The page for an address the person's role may not use (typed in, or an old link): said
 * plainly, with a way back. Shown instead of the screen, before any call the API would refuse
 * with 403 (and when it does refuse, e.g. after a role change).
 */
export function ForbiddenPage({ what, who }: { what: string; who: string }) {
  return (
    <Stack gap="md" maw={640}>
      <PageTitle documentTitle="Not available to your role">Not available to your role</PageTitle>
      <Alert color="red" role="alert" title="You do not have access to this page (403)">
        {what} is for {who}. If you need it, ask an admin to change your role.
      </Alert>
      <Text>
        <AnchorLink to="/organizations">Go to the partner directory</AnchorLink>
      </Text>
    </Stack>
  );
}
