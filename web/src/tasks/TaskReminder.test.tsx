import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeOutreachApi, ME, renderApp, task, VIEWER } from '../test/fake-outreach-api';
import { userEvent } from '../test/user-event';

const TITLE = 'Send the spring schedule';
const remindName = (title: string) => `Remind me before “${title}” is due`;

describe('A reminder from a task', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('opens the reminder form set to that task, a day before it is due, and saves it', async () => {
    const reminded = task();
    const api = fakeOutreachApi({ tasks: [reminded] });
    api.answerNext(
      'POST',
      '/api/v1/reminders',
      () =>
        new Response(JSON.stringify({ id: crypto.randomUUID(), version: 1 }), {
          status: 201,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    renderApp('/tasks');
    await userEvent.click(await screen.findByRole('button', { name: remindName(TITLE) }));

    const dialog = await screen.findByRole('dialog', { name: 'Add a reminder' });
    // It follows this task: no choosing what it follows, or which task.
    expect(within(dialog).getByText(TITLE, { selector: 'strong' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('radiogroup', { name: 'What should it follow?' })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'How long' })).toHaveValue('1');
    expect(within(dialog).getByRole('combobox', { name: 'Unit' })).toHaveValue('days');
    expect(within(dialog).getByRole('combobox', { name: 'Before or after' })).toHaveValue('before it is due');

    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Schedule due tomorrow');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add reminder' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add a reminder' })).not.toBeInTheDocument());
    expect(api.writes('/api/v1/reminders').map((call) => call.body)).toEqual([
      expect.objectContaining({
        title: 'Schedule due tomorrow',
        trigger: { type: 'task-due', taskId: reminded.id, offsetMinutes: -1440 },
        recipientIds: [ME.id],
      }),
    ]);
  });

  it('is offered only on open tasks still to come', async () => {
    fakeOutreachApi({
      tasks: [
        task({ title: 'Still to come' }),
        task({ title: 'Already late', dueAt: new Date(Date.now() - 86_400_000).toISOString() }),
      ],
    });
    renderApp('/tasks?view=all');
    expect(await screen.findByRole('button', { name: remindName('Still to come') })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit “Already late”' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: remindName('Already late') })).not.toBeInTheDocument();
  });

  it('is not offered on a done task', async () => {
    fakeOutreachApi({ tasks: [task({ status: 'done', completedAt: new Date().toISOString() })] });
    renderApp('/tasks?status=done');
    expect(await screen.findByRole('button', { name: `Edit “${TITLE}”` })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: remindName(TITLE) })).not.toBeInTheDocument();
  });

  it('is not offered to a viewer, who may not write reminders', async () => {
    fakeOutreachApi({ tasks: [task({ assigneeId: VIEWER.id })] });
    renderApp('/tasks', VIEWER);
    expect(await screen.findByText(TITLE)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: remindName(TITLE) })).not.toBeInTheDocument();
  });
});
