import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BEN, fakeOutreachApi, PROGRAM, renderApp, task, VIEWER } from '../test/fake-outreach-api';
import { userEvent } from '../test/user-event';
import { toLocalInputValue } from '../visits/visit-form';

const TITLE = 'Send the spring schedule';

async function openEditor(title = TITLE) {
  await userEvent.click(await screen.findByRole('button', { name: `Edit “${title}”` }));
  return screen.findByRole('dialog', { name: 'Edit follow-up' });
}

describe('Editing a follow-up', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('opens prefilled with what was saved', async () => {
    const due = new Date(Date.now() + 3 * 86_400_000);
    due.setSeconds(0, 0);
    fakeOutreachApi({ tasks: [task({ dueAt: due.toISOString() })] });
    renderApp('/tasks');
    const dialog = await openEditor();
    expect(within(dialog).getByRole('textbox', { name: /What needs doing/ })).toHaveValue(TITLE);
    expect(within(dialog).getByLabelText(/^Due/)).toHaveValue(toLocalInputValue(due));
    expect(within(dialog).getByRole('combobox', { name: 'Who does it?' })).toHaveValue('Ana Staff (you)');
    await waitFor(() =>
      expect(within(dialog).getByRole('combobox', { name: /^Partner/ })).toHaveValue('Harbor House Youth Shelter'),
    );
  });

  it('re-dates and reassigns it, sending only those fields with the version read', async () => {
    const api = fakeOutreachApi({ tasks: [task({ version: 3 })] });
    renderApp('/tasks');
    const dialog = await openEditor();
    const due = within(dialog).getByLabelText(/^Due/);
    await userEvent.clear(due);
    await userEvent.type(due, '2030-05-06T14:30');
    await userEvent.click(within(dialog).getByRole('combobox', { name: 'Who does it?' }));
    // Colleagues who work on tasks; a viewer could not tick it off.
    await screen.findByRole('option', { name: 'Ben Colleague' });
    expect(screen.queryByRole('option', { name: /Vic Viewer/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('option', { name: 'Ben Colleague' }));
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Program/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Teen Tech Lab' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit follow-up' })).not.toBeInTheDocument());
    expect(api.writes('/api/v1/tasks').map((call) => call.body)).toEqual([
      { dueAt: new Date(2030, 4, 6, 14, 30).toISOString(), assigneeId: BEN.id, programId: PROGRAM, version: 3 },
    ]);
    expect(api.stores.tasks[0]).toMatchObject({ assigneeId: BEN.id, version: 4 });
  });

  it('says what is wrong before sending (no title, a due date in 1999)', async () => {
    const api = fakeOutreachApi({ tasks: [task()] });
    renderApp('/tasks');
    const dialog = await openEditor();
    await userEvent.clear(within(dialog).getByRole('textbox', { name: /What needs doing/ }));
    const due = within(dialog).getByLabelText(/^Due/);
    await userEvent.clear(due);
    await userEvent.type(due, '1999-12-31T09:00');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByText('Say what needs doing')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter a date in 2000 or later')).toBeInTheDocument();
    expect(api.writes('/api/v1/tasks')).toEqual([]);
  });

  it('keeps a task with a visit’s partner linked to it, and unlinks it when the partner changes', async () => {
    const visitId = '88888888-8888-4888-8888-888888888888';
    const api = fakeOutreachApi({ tasks: [task({ visitId })] });
    renderApp('/tasks');
    const dialog = await openEditor();
    expect(within(dialog).getByText(/It follows up a visit to this partner/)).toBeInTheDocument();
    const partner = within(dialog).getByRole('combobox', { name: /^Partner/ });
    await userEvent.click(partner);
    await userEvent.click(await screen.findByRole('option', { name: 'Eastside Food Bank' }));
    expect(within(dialog).getByText('No longer linked to the visit it followed up.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.writes('/api/v1/tasks')).toHaveLength(1));
    expect(api.writes('/api/v1/tasks')[0].body).toEqual({
      organizationId: '33333333-3333-4333-8333-333333333333',
      visitId: null,
      version: 3,
    });
  });

  it('on a colleague’s save (409) shows their version and saves mine over theirs on their version', async () => {
    const saved = task({ version: 3 });
    const api = fakeOutreachApi({ tasks: [saved] });
    renderApp('/tasks');
    const dialog = await openEditor();
    Object.assign(saved, { assigneeId: BEN.id, version: 4 });
    const title = within(dialog).getByRole('textbox', { name: /What needs doing/ });
    await userEvent.type(title, ' and flyers');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('A colleague changed this follow-up while you were editing it');
    expect(alert).toHaveTextContent('Who does it: Ben Colleague');
    expect(title).toHaveValue(`${TITLE} and flyers`);
    await userEvent.click(within(alert).getByRole('button', { name: 'Save mine over theirs' }));
    await waitFor(() => expect(api.writes('/api/v1/tasks')).toHaveLength(2));
    expect(api.writes('/api/v1/tasks').map((call) => call.body)).toEqual([
      { title: `${TITLE} and flyers`, version: 3 },
      { title: `${TITLE} and flyers`, version: 4 },
    ]);
    expect(saved).toMatchObject({ assigneeId: BEN.id, title: `${TITLE} and flyers`, version: 5 });
  });

  it('says so when a colleague deleted the follow-up meanwhile, keeping what was typed', async () => {
    const api = fakeOutreachApi({ tasks: [task()] });
    renderApp('/tasks');
    const dialog = await openEditor();
    api.stores.tasks.length = 0;
    const title = within(dialog).getByRole('textbox', { name: /What needs doing/ });
    await userEvent.type(title, '!');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'This follow-up is no longer there: a colleague may have deleted it.',
    );
    expect(title).toHaveValue(`${TITLE}!`);
  });

  it('deletes a follow-up only after confirming', async () => {
    const api = fakeOutreachApi({ tasks: [task()] });
    renderApp('/tasks');
    await userEvent.click(await screen.findByRole('button', { name: `Delete “${TITLE}”` }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this follow-up?' });
    expect(dialog).toHaveTextContent(`“${TITLE}” goes from everyone’s task lists`);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete follow-up' }));
    await waitFor(() => expect(api.stores.tasks).toHaveLength(0));
    expect(await screen.findByText('Nothing to do: no open tasks.')).toBeInTheDocument();
    expect(screen.queryByText(TITLE)).not.toBeInTheDocument();
  });

  it('marks a task done and undoes it from the notice, reopening it with the new version', async () => {
    const api = fakeOutreachApi({ tasks: [task({ version: 3 })] });
    renderApp('/tasks');
    await userEvent.click(await screen.findByRole('checkbox', { name: TITLE }));
    await screen.findByText(`“${TITLE}” marked done.`);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText(`“${TITLE}” reopened.`);
    expect(api.writes('/api/v1/tasks').map((call) => call.body)).toEqual([
      { status: 'done', version: 3 },
      { status: 'open', version: 4 },
    ]);
    expect(api.stores.tasks[0]).toMatchObject({ status: 'open', version: 5 });
    expect(screen.getByRole('checkbox', { name: TITLE })).not.toBeChecked();
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });

  it('adds a follow-up for a colleague, never a viewer', async () => {
    const api = fakeOutreachApi();
    renderApp('/tasks');
    await userEvent.click(await screen.findByRole('button', { name: 'Add a follow-up' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a follow-up' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /What needs doing/ }), 'Call Dana');
    await userEvent.click(within(dialog).getByRole('combobox', { name: 'Who does it?' }));
    await screen.findByRole('option', { name: 'Ben Colleague' });
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Ana Staff (you)',
      'Ben Colleague',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'Ben Colleague' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add follow-up' }));
    await waitFor(() => expect(api.writes('/api/v1/tasks')).toHaveLength(1));
    expect(api.writes('/api/v1/tasks')[0].body).toMatchObject({ title: 'Call Dana', assigneeId: BEN.id });
  });

  it('shows a viewer the tasks without edit, delete or done controls', async () => {
    fakeOutreachApi({ tasks: [task({ assigneeId: VIEWER.id })] });
    renderApp('/tasks', VIEWER);
    await screen.findByText(TITLE);
    expect(screen.queryByRole('button', { name: /^Edit/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Delete/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });
});
