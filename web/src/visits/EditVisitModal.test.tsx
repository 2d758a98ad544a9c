import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeOutreachApi, renderApp, SHELTER, VIEWER, visit } from '../test/fake-outreach-api';
import { userEvent } from '../test/user-event';

const EDIT = /^Edit the visit of/;

async function openEditor() {
  await userEvent.click(await screen.findByRole('button', { name: EDIT }));
  return screen.findByRole('dialog', { name: 'Edit visit' });
}

const peopleReached = (dialog: HTMLElement) => within(dialog).getByRole('textbox', { name: 'People reached' });

describe('Editing a visit', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('opens the visit’s form prefilled with what was saved', async () => {
    fakeOutreachApi({ visits: [visit()] });
    renderApp('/visits');
    const dialog = await openEditor();
    expect(within(dialog).getByRole('radio', { name: 'Handing out invitations' })).toBeChecked();
    expect(within(dialog).getByRole('textbox', { name: 'Invitations handed out' })).toHaveValue('25');
    expect(peopleReached(dialog)).toHaveValue('12');
    expect(within(dialog).getByRole('textbox', { name: 'Where' })).toHaveValue('Front lobby');
    expect(within(dialog).getByRole('textbox', { name: 'Notes' })).toHaveValue('They want Spanish flyers');
    expect(within(dialog).getByLabelText(/^When/)).toHaveValue('2026-03-04T15:30');
    expect(await within(dialog).findByRole('checkbox', { name: 'Dana Case-Manager (Case manager)' })).toBeChecked();
    await waitFor(() =>
      expect(within(dialog).getByRole('combobox', { name: /^Partner/ })).toHaveValue('Harbor House Youth Shelter'),
    );
  });

  it('sends only the fields changed, with the version read', async () => {
    const api = fakeOutreachApi({ visits: [visit({ version: 3 })] });
    renderApp('/visits');
    const dialog = await openEditor();
    await userEvent.clear(peopleReached(dialog));
    await userEvent.type(peopleReached(dialog), '40');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Where' }), ', by the desk');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit visit' })).not.toBeInTheDocument());
    expect(api.writes('/api/v1/visits').map((call) => call.body)).toEqual([
      { peopleReached: 40, location: 'Front lobby, by the desk', version: 3 },
    ]);
    // The list shows the saved visit.
    expect(await screen.findByText(/25 invitations handed out · 40 people reached/)).toBeInTheDocument();
  });

  it('saves nothing when nothing changed', async () => {
    const api = fakeOutreachApi({ visits: [visit()] });
    renderApp('/visits');
    const dialog = await openEditor();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit visit' })).not.toBeInTheDocument());
    expect(api.writes('/api/v1/visits')).toEqual([]);
  });

  it.each([
    ['-5', 'A count can’t be below 0. Enter 0 or more.'],
    ['12.5', 'Enter a whole number, without decimals.'],
    ['100001', 'Enter a number no bigger than 100,000.'],
    ['99999', '99,999 is a lot for one visit. Check the number, or tick “Yes, the numbers are right” if it is.'],
  ])('refuses %s people reached with a message, keeps it as typed and saves nothing', async (typed, message) => {
    const api = fakeOutreachApi({ visits: [visit()] });
    renderApp('/visits');
    const dialog = await openEditor();
    const field = peopleReached(dialog);
    await userEvent.clear(field);
    await userEvent.type(field, typed);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByText(message)).toBeInTheDocument();
    expect(field).toHaveValue(typed);
    expect(field).toHaveAccessibleDescription(message);
    expect(api.writes('/api/v1/visits')).toEqual([]);

    // The message goes once the number is right, and then it saves.
    await userEvent.clear(field);
    await userEvent.type(field, '40');
    expect(within(dialog).queryByText(message)).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.writes('/api/v1/visits')).toHaveLength(1));
    expect(api.writes('/api/v1/visits')[0].body).toEqual({ peopleReached: 40, version: 3 });
  });

  it('says so as soon as a count left behind is wrong, before saving', async () => {
    fakeOutreachApi({ visits: [visit()] });
    renderApp('/visits');
    const dialog = await openEditor();
    const field = within(dialog).getByRole('textbox', { name: 'Invitations handed out' });
    await userEvent.clear(field);
    await userEvent.type(field, '-5');
    await userEvent.click(within(dialog).getByRole('textbox', { name: 'Where' }));
    expect(await within(dialog).findByText('A count can’t be below 0. Enter 0 or more.')).toBeInTheDocument();
    // Still wrong while typing on: the message stays.
    await userEvent.type(field, '0');
    expect(within(dialog).getByText('A count can’t be below 0. Enter 0 or more.')).toBeInTheDocument();
  });

  it('saves a large count once the person says it is right', async () => {
    const api = fakeOutreachApi({ visits: [visit()] });
    renderApp('/visits');
    const dialog = await openEditor();
    await userEvent.clear(peopleReached(dialog));
    await userEvent.type(peopleReached(dialog), '99999');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await within(dialog).findByText(/99,999 is a lot for one visit/);
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Yes, the numbers are right' }));
    expect(within(dialog).queryByText(/99,999 is a lot for one visit/)).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.writes('/api/v1/visits')).toHaveLength(1));
    expect(api.writes('/api/v1/visits')[0].body).toEqual({ peopleReached: 99999, version: 3 });
  });

  it('on a colleague’s save (409) shows their version, keeps mine, and saves mine over theirs on their version', async () => {
    const saved = visit({ version: 3 });
    const api = fakeOutreachApi({ visits: [saved] });
    renderApp('/visits');
    const dialog = await openEditor();
    // A colleague saves first.
    Object.assign(saved, { notes: 'Dana is away in April', invitationsHandedOut: 30, version: 4 });
    await userEvent.clear(peopleReached(dialog));
    await userEvent.type(peopleReached(dialog), '40');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('A colleague changed this visit while you were editing it');
    expect(alert).toHaveTextContent('Invitations handed out: 30');
    expect(alert).toHaveTextContent('Notes: Dana is away in April');
    expect(peopleReached(dialog)).toHaveValue('40');
    expect(within(dialog).getByRole('button', { name: 'Save changes' })).toBeDisabled();

    await userEvent.click(within(alert).getByRole('button', { name: 'Save mine over theirs' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit visit' })).not.toBeInTheDocument());
    expect(api.writes('/api/v1/visits').map((call) => call.body)).toEqual([
      { peopleReached: 40, version: 3 },
      { peopleReached: 40, version: 4 },
    ]);
    // Their change to the notes stays.
    expect(saved).toMatchObject({ notes: 'Dana is away in April', invitationsHandedOut: 30, peopleReached: 40 });
  });

  it('on a colleague’s save, "Use theirs" puts their version in the form', async () => {
    const saved = visit({ version: 3 });
    const api = fakeOutreachApi({ visits: [saved] });
    renderApp('/visits');
    const dialog = await openEditor();
    Object.assign(saved, { peopleReached: 15, version: 4 });
    await userEvent.clear(peopleReached(dialog));
    await userEvent.type(peopleReached(dialog), '40');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('People reached: 15');
    await userEvent.click(within(alert).getByRole('button', { name: 'Use theirs' }));
    expect(peopleReached(dialog)).toHaveValue('15');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(api.writes('/api/v1/visits')).toHaveLength(1);
  });

  it('puts the server’s field errors on their fields (a contact of another partner)', async () => {
    const api = fakeOutreachApi({ visits: [visit()] });
    renderApp('/visits');
    const dialog = await openEditor();
    api.answerNext('PATCH', '/api/v1/visits/', () =>
      Response.json(
        {
          status: 400,
          title: 'Bad Request',
          errors: [{ field: 'contactIds.0', message: "is not a contact of the visit's organization" }],
        },
        { status: 400 },
      ),
    );
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Notes' }), '!');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    const contacts = await within(dialog).findByRole('group', { name: 'Who did you meet?' });
    await waitFor(() => expect(contacts).toHaveAccessibleDescription(/Is not a contact of the visit's organization/));
    expect(within(dialog).getByRole('textbox', { name: 'Notes' })).toHaveValue('They want Spanish flyers!');
    expect(api.stores.visits[0].version).toBe(3);
  });

  it('deletes a visit only after confirming', async () => {
    const api = fakeOutreachApi({ visits: [visit()] });
    renderApp('/visits');
    await userEvent.click(await screen.findByRole('button', { name: /^Delete the visit of/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this visit?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(api.writes('/api/v1/visits')).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: /^Delete the visit of/ }));
    const again = await screen.findByRole('dialog', { name: 'Delete this visit?' });
    await userEvent.click(within(again).getByRole('button', { name: 'Delete visit' }));
    await waitFor(() => expect(api.stores.visits).toHaveLength(0));
    expect(api.writes('/api/v1/visits').map((call) => call.method)).toEqual(['DELETE']);
    expect(await screen.findByText('No visits logged yet.')).toBeInTheDocument();
  });

  it('shows a viewer the visits without edit or delete controls', async () => {
    fakeOutreachApi({ visits: [visit()] });
    renderApp(`/visits?organizationId=${SHELTER}`, VIEWER);
    await screen.findByText('They want Spanish flyers');
    expect(screen.queryByRole('button', { name: EDIT })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Delete/ })).not.toBeInTheDocument();
  });
});
