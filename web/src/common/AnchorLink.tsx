import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';

function MantineAnchor(props: AnchorProps & ComponentPropsWithRef<'a'>) {
  return <Anchor component="a" {...props} />;
}

/** A Mantine Anchor that is a router link, with the route's `to` and `params` type-checked. */
export const AnchorLink = createLink(MantineAnchor);
