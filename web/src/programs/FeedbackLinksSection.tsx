import { Alert, Anchor, Badge, Button, CopyButton, Group, Loader, Modal, Radio, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { errorMessage } from '../api/problem';
import { formatDate } from '../common/format';
import { useLibrarySettings } from '../library/library-queries';
import { Section } from '../organization/Section';
import { FeedbackPoster } from './FeedbackPoster';
import './print.css';
import { useCreateFeedbackLink, useFeedbackLinks, useRevokeFeedbackLink } from './program-queries';
import type { FeedbackLink, FeedbackLinkCreated, Program } from './program-types';
import { posterOptions, posterText, programLanguage, type PosterChoice } from './poster';

/**
 * The program's public feedback links. Tandem keeps only a hash of a link's token, so a link is
 * shown once, when it is made: that is the moment to print its QR code or copy it. Making a new
 * one is always possible; old ones keep working until revoked.
 */
export function FeedbackLinksSection({ program }: { program: Program }) {
  const [created, setCreated] = useState<FeedbackLinkCreated | null>(null);
  const [revoking, setRevoking] = useState<FeedbackLink | null>(null);
  const links = useFeedbackLinks(program.id);
  const create = useCreateFeedbackLink(program.id, { onSuccess: setCreated });

  const active = links.data?.filter((link) => !link.revokedAt) ?? [];
  const revoked = links.data?.filter((link) => link.revokedAt) ?? [];

  return (
    <Section
      id="feedback-links"
      title="Feedback link"
      actions={
        <Button variant="light" size="compact-sm" onClick={() => create.mutate()} loading={create.isPending}>
          Make a printable link
        </Button>
      }
    >
      <Stack gap="sm">
        <Text size="sm">
          Youth and partners answer a short form from a QR code or link, without an account. A new link is shown once,
          to print or copy then; earlier links keep working until you revoke them.
        </Text>
        {create.error && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        {links.isPending && <Loader size="sm" aria-label="Loading feedback links" />}
        {links.isError && (
          <Alert color="red" role="alert">
            {errorMessage(links.error)}
          </Alert>
        )}
        {links.data && (
          <Text size="sm" fw={500}>
            {active.length === 0
              ? 'No link is working now.'
              : `${active.length} ${active.length === 1 ? 'link works' : 'links work'} now.`}
          </Text>
        )}
        {links.data && links.data.length > 0 && (
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Feedback links">
            {[...active, ...revoked].map((link) => (
              <Group component="li" key={link.id} justify="space-between" gap="xs" wrap="wrap">
                <Text size="sm">
                  Made {formatDate(link.createdAt)}{' '}
                  {link.revokedAt ? (
                    <Badge variant="outline" color="gray.8" tt="none" size="sm">
                      Revoked {formatDate(link.revokedAt)}
                    </Badge>
                  ) : (
                    <Badge variant="dot" color="green" tt="none" size="sm">
                      Working
                    </Badge>
                  )}
                </Text>
                {!link.revokedAt && (
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    onClick={() => setRevoking(link)}
                    aria-label={`Revoke the link made ${formatDate(link.createdAt)}`}
                  >
                    Revoke
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      {created && <PrintSheetModal program={program} link={created} onClose={() => setCreated(null)} />}
      {revoking && <RevokeModal program={program} link={revoking} onClose={() => setRevoking(null)} />}
    </Section>
  );
}

/**
 * The new link as a poster: the program's name, the QR code and the address, ready to print, in
 * the program's language, another one the library offers, or two side by side.
 */
function PrintSheetModal({
  program,
  link,
  onClose,
}: {
  program: Program;
  link: FeedbackLinkCreated;
  onClose: () => void;
}) {
  const [opened, { close }] = useDisclosure(true);
  const settings = useLibrarySettings();
  const main = programLanguage(program.language, settings.data?.defaultLanguage);
  const options = posterOptions(main, settings.data?.languages ?? []);
  // The program's language until staff choose another poster.
  const [choice, setChoice] = useState<PosterChoice | null>(null);
  const chosen = choice !== null && options.some((option) => option.value === choice) ? choice : main;
  const text = posterText(chosen, program.name);
  return (
    <>
      {/* What the printer gets (print.css): plain markup right under <body>, outside the dialog, hidden on screen. */}
      {createPortal(
        <FeedbackPoster programName={program.name} text={text} url={link.url} className="tandem-print-root" />,
        document.body,
      )}
      <Modal
        opened={opened}
        onClose={close}
        onExitTransitionEnd={onClose}
        title="Your new feedback link"
        closeButtonProps={{ 'aria-label': 'Close' }}
        size="lg"
        centered
      >
        <Stack gap="md">
          <Alert color="blue" variant="light">
            This is the only time Tandem shows this link: it keeps just a fingerprint of it. Print it or copy it now. If
            it gets lost, make a new one.
          </Alert>
          {options.length > 1 && (
            <Radio.Group label="Poster language" value={chosen} onChange={setChoice}>
              <Group gap="md" mt={6}>
                {options.map((option) => (
                  <Radio key={option.value} value={option.value} label={option.label} />
                ))}
              </Group>
            </Radio.Group>
          )}
          <FeedbackPoster
            programName={program.name}
            text={text}
            url={link.url}
            className="tandem-poster-preview"
            testId="print-sheet"
            urlTestId="feedback-url"
          />
          <Group justify="flex-end" wrap="wrap">
            <Anchor href={link.url} target="_blank" rel="noopener noreferrer" size="sm" mr="auto">
              Open the form
            </Anchor>
            <CopyButton value={link.url}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? 'Link copied' : 'Copy link'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => window.print()}>Print</Button>
            <Button variant="default" onClick={close}>
              Done
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function RevokeModal({ program, link, onClose }: { program: Program; link: FeedbackLink; onClose: () => void }) {
  const revoke = useRevokeFeedbackLink(program.id, link.id, { onSuccess: onClose });
  return (
    <Modal
      opened
      onClose={onClose}
      title="Revoke this feedback link?"
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
    >
      <Stack>
        <Text>
          Posters and messages with the link made {formatDate(link.createdAt)} will show “not found” from now on.
          Feedback already given stays.
        </Text>
        {revoke.error && (
          <Alert color="red" role="alert">
            {errorMessage(revoke.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button color="red" onClick={() => revoke.mutate()} loading={revoke.isPending}>
            Revoke link
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
