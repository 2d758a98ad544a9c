import { Button, type ButtonProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';

function MantineButtonAnchor(props: ButtonProps & ComponentPropsWithRef<'a'>) {
  return <Button component="a" {...props} />;
}

/** A Mantine Button that is a router link (a real <a>), with the route's `to` and `params` type-checked. */
export const LinkButton = createLink(MantineButtonAnchor);
