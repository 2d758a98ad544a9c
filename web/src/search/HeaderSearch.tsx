import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Group,
  Kbd,
  Loader,
  Modal,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure, useWindowEvent } from '@mantine/hooks';
import { Link, linkOptions, useNavigate } from '@tanstack/react-router';
import { useId, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { errorMessage } from '../api/problem';
import { STAGE_LABELS } from '../api/types';
import { STATUS_LABELS } from '../programs/program-types';
import { SEARCH_MAX_LENGTH, useSearch, type SearchResults } from './search-queries';

/** How long typing pauses before the search is asked for. */
export const SEARCH_BOX_DEBOUNCE_MS = 250;

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/**
 * Ctrl+K or ⌘K anywhere; "/" unless the person is typing in a field. Neither while a dialog is
 * open (the person is in the middle of something; the search's own dialog included).
 */
export function isSearchShortcut(event: globalThis.KeyboardEvent): boolean {
  // Chromium sends keydown without a key when it autofills a field.
  if (typeof event.key !== 'string' || event.defaultPrevented || event.altKey) return false;
  const target = event.target instanceof HTMLElement ? event.target : null;
  if (target?.closest('[aria-modal="true"]')) return false;
  if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'k') return true;
  if (event.key !== '/' || event.ctrlKey || event.metaKey) return false;
  return !(
    target?.isContentEditable ||
    target?.closest(
      'input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"], [role="combobox"]',
    )
  );
}

function SearchIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The search box in the header of every signed-in screen: a button (on a phone an icon button
 * named "Search") that opens the search dialog, also by Ctrl+K / ⌘K, or "/" when not typing.
 */
export function HeaderSearch({ compact }: { compact: boolean }) {
  const [opened, { open, close }] = useDisclosure(false);
  useWindowEvent('keydown', (event) => {
    if (!isSearchShortcut(event)) return;
    event.preventDefault();
    open();
  });
  const shortcuts = 'Control+K Meta+K /';
  return (
    <>
      {compact ? (
        <ActionIcon
          variant="subtle"
          color="gray.8"
          size="lg"
          aria-label="Search"
          aria-haspopup="dialog"
          aria-keyshortcuts={shortcuts}
          onClick={open}
        >
          <SearchIcon />
        </ActionIcon>
      ) : (
        <Button
          variant="default"
          leftSection={<SearchIcon />}
          rightSection={
            <Kbd size="xs" aria-hidden="true">
              {isMac() ? '⌘ K' : 'Ctrl K'}
            </Kbd>
          }
          aria-haspopup="dialog"
          aria-keyshortcuts={shortcuts}
          onClick={open}
          fw={400}
          miw={220}
          justify="space-between"
        >
          Search
        </Button>
      )}
      <Modal
        opened={opened}
        onClose={close}
        title="Search Tandem"
        closeButtonProps={{ 'aria-label': 'Close search' }}
        size="lg"
        yOffset="8vh"
      >
        <SearchPanel onOpened={close} />
      </Modal>
    </>
  );
}

type Item =
  | { kind: 'organization'; key: string; label: string; detail: string; link: ReturnType<typeof partnerLink> }
  | { kind: 'contact'; key: string; label: string; detail: string; link: ReturnType<typeof contactLink> }
  | { kind: 'program'; key: string; label: string; detail: string; link: ReturnType<typeof programLink> };

const partnerLink = (organizationId: string) =>
  linkOptions({ to: '/organizations/$organizationId', params: { organizationId } });
// A contact is shown on its partner's page, in the Contacts section.
const contactLink = (organizationId: string) =>
  linkOptions({ to: '/organizations/$organizationId', params: { organizationId }, hash: 'contacts' });
const programLink = (programId: string) => linkOptions({ to: '/programs/$programId', params: { programId } });

const GROUPS = [
  { kind: 'organization', label: 'Partners' },
  { kind: 'contact', label: 'Contacts' },
  { kind: 'program', label: 'Programs' },
] as const;

/** The answer as one list in the order shown (Partners, Contacts, Programs), for the arrow keys. */
function itemsOf(results: SearchResults): Item[] {
  return [
    ...results.organizations.map((org): Item => ({
      kind: 'organization',
      key: org.id,
      label: org.name,
      detail: [org.type, STAGE_LABELS[org.stage]].filter(Boolean).join(' · '),
      link: partnerLink(org.id),
    })),
    ...results.contacts.map((contact): Item => ({
      kind: 'contact',
      key: contact.id,
      label: contact.name,
      // Email is null for viewers: the API never sends it to them.
      detail: [contact.title, contact.organizationName, contact.email].filter(Boolean).join(' · '),
      link: contactLink(contact.organizationId),
    })),
    ...results.programs.map((program): Item => ({
      kind: 'program',
      key: program.id,
      label: program.name,
      detail: `Program · ${STATUS_LABELS[program.status]}`,
      link: programLink(program.id),
    })),
  ];
}

/**
 * The dialog's content: a combobox (ARIA 1.2 pattern) over a listbox of options grouped Partners /
 * Contacts / Programs. Focus stays in the text box; the arrow keys move the active option
 * (aria-activedescendant) and Enter opens it, as does a click.
 */
function SearchPanel({ onOpened }: { onOpened: () => void }) {
  const id = useId();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), SEARCH_BOX_DEBOUNCE_MS);
  const search = useSearch(debounced);
  const asked = debounced.length > 0;
  const items = useMemo(() => (asked && search.data ? itemsOf(search.data) : []), [asked, search.data]);
  // The active option belongs to one answer: a new answer starts again at its first option.
  const [chosen, setChosen] = useState<{ items: Item[]; index: number }>({ items, index: 0 });
  const active = chosen.items === items ? chosen.index : 0;
  const setActive = (index: number) => setChosen({ items, index });

  const optionId = (index: number) => `${id}-option-${index}`;
  const expanded = items.length > 0;
  const noMatches = asked && search.isSuccess && !search.isPlaceholderData && items.length === 0;

  function open(item: Item) {
    onOpened();
    // A contact's link ends in #contacts: its partner's page scrolls there once loaded (ContactsSection).
    void navigate(item.link);
  }

  function onClick(event: MouseEvent, item: Item) {
    // Ctrl/⌘/Shift/middle click: the link opens elsewhere, as links do.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    open(item);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (!expanded) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + items.length) % items.length);
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      const item = items[active];
      if (item) open(item);
    }
  }

  let index = 0;
  return (
    <Box>
      <TextInput
        data-autofocus
        label="Search partners, contacts and programs"
        placeholder="A name, a word…"
        leftSection={<SearchIcon />}
        rightSection={search.isFetching ? <Loader size="xs" aria-hidden="true" /> : null}
        value={text}
        maxLength={SEARCH_MAX_LENGTH}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={expanded ? `${id}-listbox` : undefined}
        aria-activedescendant={expanded ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        type="search"
      />
      <Box role="status" mt="sm" mih={24}>
        {!asked && (
          <Text size="sm" c="dimmed">
            Type part of a name: a partner, a contact or a program.
          </Text>
        )}
        {noMatches && <Text size="sm">No matches for “{debounced}”.</Text>}
        {expanded && (
          <VisuallyHidden>{`${items.length} ${items.length === 1 ? 'match' : 'matches'}. Up and down arrows choose one, Enter opens it.`}</VisuallyHidden>
        )}
      </Box>
      {asked && search.isError && (
        <Alert color="red" role="alert" mt="sm">
          {errorMessage(search.error)}
        </Alert>
      )}
      {expanded && (
        <Box
          component="ul"
          role="listbox"
          id={`${id}-listbox`}
          aria-label="Search results"
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
        >
          {GROUPS.map((group) => {
            const members = items.filter((item) => item.kind === group.kind);
            if (members.length === 0) return null;
            const labelId = `${id}-group-${group.kind}`;
            return (
              <li key={group.kind} role="presentation">
                <Box component="ul" role="group" aria-labelledby={labelId} m={0} p={0} style={{ listStyle: 'none' }}>
                  <Text
                    component="li"
                    role="presentation"
                    id={labelId}
                    size="xs"
                    fw={700}
                    tt="uppercase"
                    c="dimmed"
                    mt="sm"
                    mb={4}
                  >
                    {group.label}
                  </Text>
                  {members.map((item) => {
                    const position = index++;
                    const selected = position === active;
                    return (
                      <li key={item.key} role="presentation">
                        <Link
                          {...item.link}
                          id={optionId(position)}
                          role="option"
                          aria-selected={selected}
                          tabIndex={-1}
                          onMouseMove={() => setActive(position)}
                          onClick={(event) => onClick(event, item)}
                          style={{
                            display: 'block',
                            padding: '6px 10px',
                            borderRadius: 'var(--mantine-radius-sm)',
                            color: 'inherit',
                            textDecoration: 'none',
                            background: selected ? 'var(--mantine-color-cyan-light)' : undefined,
                            boxShadow: selected ? 'inset 3px 0 0 var(--mantine-color-cyan-9)' : undefined,
                          }}
                        >
                          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                            {item.label}
                          </Text>
                          {item.detail && (
                            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                              {item.detail}
                            </Text>
                          )}
                        </Link>
                      </li>
                    );
                  })}
                </Box>
              </li>
            );
          })}
        </Box>
      )}
      {expanded && (
        <Group gap={6} mt="sm" visibleFrom="sm" aria-hidden="true">
          <Kbd size="xs">↑</Kbd>
          <Kbd size="xs">↓</Kbd>
          <Text size="xs" c="dimmed">
            to choose,
          </Text>
          <Kbd size="xs">Enter</Kbd>
          <Text size="xs" c="dimmed">
            to open
          </Text>
        </Group>
      )}
    </Box>
  );
}
