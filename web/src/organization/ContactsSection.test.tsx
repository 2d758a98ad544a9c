import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import type { Contact } from '../api/types';
import { CurrentUserContext } from '../auth/useSession';
import { userEvent } from '../test/user-event';
import { cssVariablesResolver, theme } from '../theme';
import { ContactsSection } from './ContactsSection';

const ORG = '22222222-2222-4222-8222-222222222222';
const DANA_ID = '55555555-5555-4555-8555-555555555555';
const STAFF = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
} as unknown as User;
const VIEWER = { ...STAFF, id: '44444444-4444-4444-8444-444444444444', role: 'viewer' } as User;
const MANAGER = { ...STAFF, id: '66666666-6666-4666-8666-666666666666', role: 'manager' } as User;

// jsdom has no FontFaceSet; Mantine's autosizing Textarea listens on it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, extra: object = {}) =>
  new Response(JSON.stringify({ status, title: 'Problem', ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

function dana(overrides: Partial<Contact> = {}): Contact {
  return {
    id: DANA_ID,
    version: 1,
    organizationId: ORG,
    name: 'Dana Whitfield',
    title: 'Case manager',
    email: 'dana@harbor.example.org',
    phone: '+1 503 555 0142',
    preferredChannel: 'text',
    language: 'en',
    isPrimary: true,
    notes: null,
    ...overrides,
  };
}

interface Call {
  method: string;
  path: string;
  body: unknown;
}

/**
 * A stand-in for the contacts API holding one partner's contacts: lists, reads, creates,
 * updates (refusing a stale version with 409, as the server does) and erases. `answer` may
 * replace the answer to a write.
 */
function fakeApi(start: Contact[], answer?: (call: Call) => Response | undefined) {
  const contacts = start.map((contact) => ({ ...contact }));
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL | string) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url);
      const body = request.method === 'GET' || request.method === 'DELETE' ? undefined : await request.json();
      const call = { method: request.method, path: url.pathname, body };
      calls.push(call);
      const replaced = answer?.(call);
      if (replaced) return replaced;
      if (url.pathname === '/api/v1/contacts' && request.method === 'GET')
        return json({ data: contacts, meta: { total: contacts.length, limit: 100, offset: 0 } });
      if (url.pathname === '/api/v1/contacts' && request.method === 'POST') {
        const created = { ...dana(), id: crypto.randomUUID(), version: 1, ...(body as object) } as Contact;
        contacts.push(created);
        return json(created, 201);
      }
      const one = url.pathname.match(/^\/api\/v1\/contacts\/(.+)$/);
      const index = contacts.findIndex((contact) => contact.id === one?.[1]);
      if (one && index < 0) return problem(404, { code: 'CONTACT_NOT_FOUND', detail: 'No contact has this id.' });
      if (one && request.method === 'GET') return json(contacts[index]);
      if (one && request.method === 'PATCH') {
        const { version, ...changes } = body as { version: number };
        if (version !== contacts[index].version)
          return problem(409, { code: 'STALE_VERSION', currentVersion: contacts[index].version });
        contacts[index] = { ...contacts[index], ...changes, version: version + 1 };
        return json(contacts[index]);
      }
      if (one && request.method === 'DELETE') {
        contacts.splice(index, 1);
        return new Response(null, { status: 204 });
      }
      return problem(404);
    }),
  );
  return {
    contacts,
    calls,
    writes: () => calls.filter((call) => call.method !== 'GET'),
  };
}

function renderAs(user: User) {
  session.signInForTest(user);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <QueryClientProvider client={queryClient}>
        <CurrentUserContext.Provider value={user}>
          <ContactsSection organizationId={ORG} />
        </CurrentUserContext.Provider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

async function openEdit(name = 'Dana Whitfield') {
  await userEvent.click(await screen.findByRole('button', { name: `Edit ${name}` }));
  return screen.findByRole('dialog', { name: `Edit ${name}` });
}

describe('ContactsSection', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('shows a viewer the name, title and channel of a contact whose email, phone and notes are null, with no empty links and no controls', async () => {
    fakeApi([dana({ email: null, phone: null, notes: null })]);
    renderAs(VIEWER);
    const item = await screen.findByTestId('contact');
    expect(within(item).getByText('Dana Whitfield')).toBeInTheDocument();
    expect(within(item).getByText('Case manager')).toBeInTheDocument();
    expect(within(item).getByText('Prefers text message')).toBeInTheDocument();
    expect(within(item).queryAllByRole('link')).toEqual([]);
    expect(item.textContent).not.toMatch(/null|undefined|Notes/);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('gives staff "Add contact" and "Edit", but no "Erase"', async () => {
    fakeApi([dana({ notes: 'Prefers texts after 3 pm' })]);
    renderAs(STAFF);
    const item = await screen.findByTestId('contact');
    expect(screen.getByRole('button', { name: 'Add contact' })).toBeInTheDocument();
    expect(within(item).getByRole('button', { name: 'Edit Dana Whitfield' })).toBeInTheDocument();
    expect(within(item).queryByRole('button', { name: /Erase/ })).toBeNull();
    expect(within(item).getByRole('link', { name: 'dana@harbor.example.org' })).toHaveAttribute(
      'href',
      'mailto:dana@harbor.example.org',
    );
    expect(within(item).getByText('Prefers texts after 3 pm')).toBeInTheDocument();
  });

  describe('adding', () => {
    it('checks for a blank name and a mistyped email before sending anything', async () => {
      const api = fakeApi([]);
      renderAs(STAFF);
      await userEvent.click(await screen.findByRole('button', { name: 'Add contact' }));
      const dialog = await screen.findByRole('dialog', { name: 'Add a contact' });
      await userEvent.type(within(dialog).getByRole('textbox', { name: 'Name' }), '   ');
      await userEvent.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'dana@harbor');
      await userEvent.click(within(dialog).getByRole('button', { name: 'Add contact' }));

      expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(
        'Enter the person’s name',
      );
      expect(within(dialog).getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(
        'Enter an email address like name@example.org',
      );
      expect(api.writes()).toEqual([]);
    });

    it('sends every field, trimmed, empty ones as null, and shows the new contact', async () => {
      const api = fakeApi([]);
      renderAs(STAFF);
      await screen.findByText('No contacts recorded.');
      await userEvent.click(screen.getByRole('button', { name: 'Add contact' }));
      const dialog = await screen.findByRole('dialog', { name: 'Add a contact' });
      await userEvent.type(within(dialog).getByRole('textbox', { name: 'Name' }), '  Luis Ortega ');
      await userEvent.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Youth worker');
      await userEvent.type(within(dialog).getByRole('textbox', { name: 'Phone' }), '503 555 0199');
      await userEvent.click(within(dialog).getByRole('combobox', { name: 'Prefers to hear from us by' }));
      await userEvent.click(await screen.findByRole('option', { name: 'Phone call' }));
      await userEvent.click(within(dialog).getByRole('checkbox', { name: /Primary contact/ }));
      await userEvent.type(within(dialog).getByRole('textbox', { name: /Notes/ }), 'Speaks Spanish');
      await userEvent.click(within(dialog).getByRole('button', { name: 'Add contact' }));

      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(api.writes()).toEqual([
        {
          method: 'POST',
          path: '/api/v1/contacts',
          body: {
            organizationId: ORG,
            name: 'Luis Ortega',
            title: 'Youth worker',
            email: null,
            phone: '503 555 0199',
            preferredChannel: 'phone',
            isPrimary: true,
            notes: 'Speaks Spanish',
          },
        },
      ]);
      expect(await screen.findByText('Luis Ortega')).toBeInTheDocument();
    });

    it('puts the server’s field errors next to their fields, in plain words, keeping what was typed', async () => {
      const api = fakeApi([], (call) =>
        call.method === 'POST'
          ? problem(400, {
              detail: 'The request is not valid.',
              errors: [{ field: 'phone', message: 'must be a phone number (digits, spaces, + ( ) - .)' }],
            })
          : undefined,
      );
      renderAs(STAFF);
      await userEvent.click(await screen.findByRole('button', { name: 'Add contact' }));
      const dialog = await screen.findByRole('dialog', { name: 'Add a contact' });
      await userEvent.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Luis Ortega');
      await userEvent.type(within(dialog).getByRole('textbox', { name: 'Phone' }), 'call the front desk');
      await userEvent.click(within(dialog).getByRole('button', { name: 'Add contact' }));

      const phone = within(dialog).getByRole('textbox', { name: 'Phone' });
      await waitFor(() =>
        expect(phone).toHaveAccessibleDescription('Must be a phone number (digits, spaces, + ( ) - .)'),
      );
      expect(phone).toHaveAttribute('aria-invalid', 'true');
      expect(phone).toHaveValue('call the front desk');
      expect(within(dialog).queryByRole('alert')).toBeNull();
      expect(api.writes()).toHaveLength(1);
    });

    it('names an error the form has no field for above the form', async () => {
      fakeApi([], (call) =>
        call.method === 'POST'
          ? problem(400, { errors: [{ field: 'organizationId', message: 'is not a known organization' }] })
          : undefined,
      );
      renderAs(STAFF);
      await userEvent.click(await screen.findByRole('button', { name: 'Add contact' }));
      const dialog = await screen.findByRole('dialog', { name: 'Add a contact' });
      await userEvent.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Luis Ortega');
      await userEvent.click(within(dialog).getByRole('button', { name: 'Add contact' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        'Not saved: the partner is not a known organization.',
      );
    });
  });

  describe('language', () => {
    const LIBRARY = {
      version: 1,
      name: 'The library',
      timezone: 'UTC',
      defaultLanguage: 'en',
      languages: ['en', 'es'],
    };
    const withSettings = (call: Call) => (call.path === '/api/v1/settings/library' ? json(LIBRARY) : undefined);

    it('names a language other than the library’s default on the card, in itself', async () => {
      fakeApi(
        [dana(), dana({ id: crypto.randomUUID(), name: 'María Fernández', language: 'es', isPrimary: false })],
        withSettings,
      );
      renderAs(VIEWER);
      const [english, spanish] = await screen.findAllByTestId('contact');
      expect((await within(spanish).findByText('Español')).closest('[lang="es"]')).not.toBeNull();
      expect(within(english).queryByText(/English|Español/)).toBeNull();
    });

    it('offers the library’s languages by their own names, the default first chosen, and sends the one picked', async () => {
      const api = fakeApi([], withSettings);
      renderAs(STAFF);
      await userEvent.click(await screen.findByRole('button', { name: 'Add contact' }));
      const dialog = await screen.findByRole('dialog', { name: 'Add a contact' });
      const language = within(dialog).getByRole('combobox', { name: /Language/ });
      await waitFor(() => expect(language).toHaveValue('English'));
      await userEvent.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'María Fernández');
      await userEvent.click(language);
      expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
        'English',
        'Español',
      ]);
      await userEvent.click(screen.getByRole('option', { name: 'Español' }));
      await userEvent.click(within(dialog).getByRole('button', { name: 'Add contact' }));
      await waitFor(() => expect(api.writes()).toHaveLength(1));
      expect(api.writes()[0].body).toMatchObject({ name: 'María Fernández', language: 'es' });
    });

    it('changes the language of a contact, sending only that', async () => {
      const api = fakeApi([dana({ version: 2 })], withSettings);
      renderAs(STAFF);
      const dialog = await openEdit();
      const language = within(dialog).getByRole('combobox', { name: /Language/ });
      expect(language).toHaveValue('English');
      await userEvent.click(language);
      await userEvent.click(await screen.findByRole('option', { name: 'Español' }));
      await userEvent.click(within(dialog).getByRole('button', { name: /Save/ }));
      await waitFor(() => expect(api.writes()).toHaveLength(1));
      expect(api.writes()[0]).toMatchObject({ method: 'PATCH', body: { version: 2, language: 'es' } });
    });
  });

  describe('editing', () => {
    it('sends what was changed with the version it started from', async () => {
      const api = fakeApi([dana({ version: 4 })]);
      renderAs(STAFF);
      const dialog = await openEdit();
      const title = within(dialog).getByRole('textbox', { name: 'Title' });
      expect(title).toHaveValue('Case manager');
      await userEvent.clear(title);
      await userEvent.type(title, 'Program lead');
      await userEvent.click(within(dialog).getByRole('checkbox', { name: /Primary contact/ }));
      await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));

      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(api.writes()).toEqual([
        {
          method: 'PATCH',
          path: `/api/v1/contacts/${DANA_ID}`,
          body: { title: 'Program lead', isPrimary: false, version: 4 },
        },
      ]);
      expect(await screen.findByText('Program lead')).toBeInTheDocument();
      expect(screen.queryByText('Primary')).toBeNull();
    });

    it('closes without a request when nothing was changed', async () => {
      const api = fakeApi([dana()]);
      renderAs(STAFF);
      const dialog = await openEdit();
      await userEvent.type(within(dialog).getByRole('textbox', { name: 'Name' }), '  ');
      await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(api.writes()).toEqual([]);
    });

    describe('when a colleague saved in between (409)', () => {
      /** Opens Dana at version 1, has a colleague save version 2, and types a new title. */
      async function conflict() {
        const api = fakeApi([dana()]);
        renderAs(STAFF);
        const dialog = await openEdit();
        Object.assign(api.contacts[0], { version: 2, title: 'Outreach director', phone: '503 555 0000' });
        const title = within(dialog).getByRole('textbox', { name: 'Title' });
        await userEvent.clear(title);
        await userEvent.type(title, 'Program lead');
        await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
        const alert = await within(dialog).findByRole('alert');
        return { api, dialog, alert };
      }

      it('shows their version beside what was typed, which stays in the form; their other changes join it', async () => {
        const { dialog, alert } = await conflict();
        expect(alert).toHaveTextContent('A colleague changed this contact while you were editing it');
        expect(within(alert).getByTestId('conflict-both')).toHaveTextContent('Title: Outreach director');
        expect(within(alert).getByTestId('conflict-both')).not.toHaveTextContent(/Phone|Name/);
        expect(within(alert).getByTestId('conflict-theirs')).toHaveTextContent('Phone: 503 555 0000');
        expect(within(dialog).getByRole('textbox', { name: 'Title' })).toHaveValue('Program lead');
        expect(within(dialog).getByRole('textbox', { name: 'Phone' })).toHaveValue('503 555 0000');
        expect(within(dialog).getByRole('button', { name: 'Save changes' })).toBeDisabled();
      });

      it('“Save mine over theirs” sends what was changed again, on their version, keeping their other changes', async () => {
        const { api, alert } = await conflict();
        await userEvent.click(within(alert).getByRole('button', { name: 'Save mine over theirs' }));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(api.writes().map((call) => call.body)).toEqual([
          { title: 'Program lead', version: 1 },
          { title: 'Program lead', version: 2 },
        ]);
        expect(api.contacts[0]).toMatchObject({ version: 3, title: 'Program lead', phone: '503 555 0000' });
        expect(await screen.findByText('Program lead')).toBeInTheDocument();
      });

      it('“Use theirs” puts their version in the form and saves nothing', async () => {
        const { api, dialog, alert } = await conflict();
        await userEvent.click(within(alert).getByRole('button', { name: 'Use theirs' }));
        expect(within(dialog).getByRole('textbox', { name: 'Title' })).toHaveValue('Outreach director');
        expect(within(dialog).queryByRole('alert')).toBeNull();
        await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(api.writes()).toHaveLength(1);
        expect(await screen.findByText('Outreach director')).toBeInTheDocument();
      });

      it('says so when the colleague erased the contact instead', async () => {
        const api = fakeApi([dana()]);
        renderAs(STAFF);
        const dialog = await openEdit();
        api.contacts.splice(0, 1);
        await userEvent.type(within(dialog).getByRole('textbox', { name: 'Title' }), ' (on leave)');
        await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
        expect(await within(dialog).findByRole('alert')).toHaveTextContent(
          'A colleague erased this contact while you were editing',
        );
        expect(within(dialog).getByRole('button', { name: 'Save changes' })).toBeDisabled();
      });
    });
  });

  describe('erasing', () => {
    it('is offered to managers only after a plain-words confirmation; keeping the contact sends nothing', async () => {
      const api = fakeApi([dana()]);
      renderAs(MANAGER);
      await userEvent.click(await screen.findByRole('button', { name: 'Erase Dana Whitfield' }));
      const dialog = await screen.findByRole('dialog', { name: 'Erase Dana Whitfield?' });
      expect(dialog).toHaveTextContent('Erasing removes Dana Whitfield from Tandem everywhere');
      expect(dialog).toHaveTextContent('visits, check-ins and reminders keep no trace of them');
      expect(dialog).toHaveTextContent('This cannot be undone.');
      await userEvent.click(within(dialog).getByRole('button', { name: 'Keep Dana Whitfield' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(api.writes()).toEqual([]);
      expect(screen.getByTestId('contact')).toHaveTextContent('Dana Whitfield');
    });

    it('erases after confirming: the contact leaves the list and it is said so', async () => {
      const api = fakeApi([dana()]);
      renderAs(MANAGER);
      await userEvent.click(await screen.findByRole('button', { name: 'Erase Dana Whitfield' }));
      const dialog = await screen.findByRole('dialog', { name: 'Erase Dana Whitfield?' });
      await userEvent.click(within(dialog).getByRole('button', { name: 'Erase for good' }));

      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(api.writes()).toEqual([{ method: 'DELETE', path: `/api/v1/contacts/${DANA_ID}`, body: undefined }]);
      expect(await screen.findByText('No contacts recorded.')).toBeInTheDocument();
      expect(screen.getByRole('status')).toHaveTextContent('Dana Whitfield was erased.');
    });
  });
});
