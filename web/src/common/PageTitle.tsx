import { Title, type TitleProps } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

/** False until the first page has shown: a fresh page load starts at the top (skip link first), as any site does. */
let navigatedWithinApp = false;

/**
 * The page's one h1. It names the browser tab and, after a navigation inside the app, takes
 * focus, so a screen reader announces where a link led (a single-page app gets no page load to
 * announce).
 */
export function PageTitle({
  children,
  documentTitle,
  ...props
}: TitleProps & { children: ReactNode; documentTitle?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const title = documentTitle ?? (typeof children === 'string' ? children : undefined);

  useEffect(() => {
    document.title = title ? `${title} · Tandem` : 'Tandem';
  }, [title]);

  useEffect(() => {
    if (navigatedWithinApp) ref.current?.focus({ preventScroll: true });
    navigatedWithinApp = true;
  }, []);

  return (
    <Title order={1} ref={ref} tabIndex={-1} {...props}>
      {children}
    </Title>
  );
}
