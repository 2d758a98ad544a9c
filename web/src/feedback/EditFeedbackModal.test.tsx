import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeOutreachApi, feedback, FOOD_BANK, PROGRAM, renderApp, VIEWER } from '../test/fake-outreach-api';
import { userEvent } from '../test/user-event';

const EDIT = 'Edit this partner feedback';

async function openEditor(name = EDIT) {
  await userEvent.click(await screen.findByRole('button', { name }));
  return screen.findByRole('dialog', { name: 'Edit feedback' });
}

describe('Editing feedback', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('opens prefilled with every field as saved', async () => {
    fakeOutreachApi({ feedback: [feedback({ actionTaken: 'Flyers go out two weeks ahead.' })] });
    renderApp('/feedback-inbox?show=all');
    const dialog = await openEditor();
    expect(within(dialog).getByRole('radio', { name: 'Partner' })).toBeChecked();
    expect(within(dialog).getByRole('radio', { name: '3' })).toBeChecked();
    expect(within(dialog).getByRole('combobox', { name: '“I learned something new”' })).toHaveValue('4');
    expect(within(dialog).getByRole('combobox', { name: '“I feel more confident”' })).toHaveValue('');
    expect(within(dialog).getByRole('textbox', { name: 'What worked' })).toHaveValue(
      'The teens loved the comics workshop.',
    );
    expect(within(dialog).getByRole('textbox', { name: 'What didn’t work' })).toHaveValue('The flyers came too late.');
    expect(within(dialog).getByRole('textbox', { name: /^Action taken/ })).toHaveValue(
      'Flyers go out two weeks ahead.',
    );
    await waitFor(() =>
      expect(within(dialog).getByRole('combobox', { name: /^Partner/ })).toHaveValue('Harbor House Youth Shelter'),
    );
  });

  it('sends only what changed (one outcome among four), with the version read', async () => {
    const api = fakeOutreachApi({ feedback: [feedback({ version: 2 })] });
    renderApp('/feedback-inbox?show=all');
    const dialog = await openEditor();
    await userEvent.click(within(dialog).getByRole('radio', { name: '5 – excellent' }));
    await userEvent.click(within(dialog).getByRole('combobox', { name: '“I feel more confident”' }));
    await userEvent.click(await screen.findByRole('option', { name: '2' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Suggestions' }), 'Start earlier');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Action taken/ }), 'Told Dana');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Staff' }));
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Program/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Teen Tech Lab' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit feedback' })).not.toBeInTheDocument());
    expect(api.writes('/api/v1/feedback').map((call) => call.body)).toEqual([
      {
        source: 'staff',
        programId: PROGRAM,
        rating: 5,
        outcomes: { confidence: 2 },
        suggestions: 'Start earlier',
        actionTaken: 'Told Dana',
        version: 2,
      },
    ]);
    expect(api.stores.feedback[0]).toMatchObject({
      rating: 5,
      outcomes: { knowledge: 4, confidence: 2, application: null, awareness: 2 },
      version: 3,
    });
  });

  it('clears an answer: an outcome to "not answered", a text to nothing', async () => {
    const api = fakeOutreachApi({ feedback: [feedback()] });
    renderApp('/feedback-inbox?show=all');
    const dialog = await openEditor();
    const awareness = within(dialog).getByRole('combobox', {
      name: '“I know more about what the library offers”',
    });
    // Mantine's clear button sits in the field's right section.
    await userEvent.click(within(awareness.parentElement!).getByRole('button', { hidden: true }));
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'What didn’t work' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.writes('/api/v1/feedback')).toHaveLength(1));
    expect(api.writes('/api/v1/feedback')[0].body).toEqual({
      outcomes: { awareness: null },
      didntWork: null,
      version: 2,
    });
  });

  it('keeps a young person’s scores as they gave them through the link', async () => {
    const api = fakeOutreachApi({
      feedback: [feedback({ source: 'youth', viaLink: true, organizationId: null, programId: PROGRAM })],
    });
    renderApp('/feedback-inbox?show=all');
    const dialog = await openEditor('Edit this young person feedback');
    expect(within(dialog).getByText(/Who gave it and their scores stay as they gave them/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('radio')).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('combobox', { name: '“I learned something new”' })).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Partner/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Eastside Food Bank' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.writes('/api/v1/feedback')).toHaveLength(1));
    expect(api.writes('/api/v1/feedback')[0].body).toEqual({ organizationId: FOOD_BANK, version: 2 });
  });

  it('on a colleague’s save (409) shows their version and can take theirs', async () => {
    const saved = feedback({ version: 2 });
    const api = fakeOutreachApi({ feedback: [saved] });
    renderApp('/feedback-inbox?show=all');
    const dialog = await openEditor();
    Object.assign(saved, { actionTaken: 'Called Dana', outcomes: { ...saved.outcomes, knowledge: 5 }, version: 3 });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Action taken/ }), 'Emailed Dana');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('A colleague changed this feedback while you were editing it');
    expect(alert).toHaveTextContent('“I learned something new”: 5 of 5');
    expect(alert).toHaveTextContent('Action taken: Called Dana');
    expect(within(dialog).getByRole('textbox', { name: /^Action taken/ })).toHaveValue('Emailed Dana');
    await userEvent.click(within(alert).getByRole('button', { name: 'Use theirs' }));
    expect(within(dialog).getByRole('textbox', { name: /^Action taken/ })).toHaveValue('Called Dana');
    expect(within(dialog).getByRole('combobox', { name: '“I learned something new”' })).toHaveValue('5 – very much');
    expect(api.writes('/api/v1/feedback')).toHaveLength(1);
  });

  it('deletes feedback only after confirming', async () => {
    const api = fakeOutreachApi({ feedback: [feedback()] });
    renderApp('/feedback-inbox?show=all');
    await userEvent.click(await screen.findByRole('button', { name: 'Delete this partner feedback' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this feedback?' });
    expect(dialog).toHaveTextContent('rated 3 of 5');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete feedback' }));
    await waitFor(() => expect(api.stores.feedback).toHaveLength(0));
    expect(await screen.findByText('No feedback yet.')).toBeInTheDocument();
  });

  it('says so when the server could not delete, and keeps the feedback', async () => {
    const api = fakeOutreachApi({ feedback: [feedback()] });
    api.answerNext('DELETE', '/api/v1/feedback/', () =>
      Response.json({ status: 503, title: 'Service Unavailable' }, { status: 503 }),
    );
    renderApp('/feedback-inbox?show=all');
    await userEvent.click(await screen.findByRole('button', { name: 'Delete this partner feedback' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this feedback?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete feedback' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Nothing was deletedTandem could not answer just now. Please try again in a moment.',
    );
    expect(api.stores.feedback).toHaveLength(1);
  });

  it('records new feedback on the same fields, needing a rating first', async () => {
    const api = fakeOutreachApi();
    renderApp('/feedback-inbox');
    await userEvent.click(await screen.findByRole('button', { name: 'Record feedback' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record feedback' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record feedback' }));
    expect(await within(dialog).findByText('Choose a rating from 1 to 5')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('radio', { name: '4' }));
    expect(within(dialog).queryByText('Choose a rating from 1 to 5')).not.toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'What worked' }), 'Great turnout');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record feedback' }));
    await waitFor(() => expect(api.writes('/api/v1/feedback')).toHaveLength(1));
    expect(api.writes('/api/v1/feedback')[0].body).toEqual({
      source: 'partner',
      organizationId: null,
      programId: null,
      rating: 4,
      outcomes: {},
      worked: 'Great turnout',
      didntWork: null,
      suggestions: null,
      actionTaken: null,
    });
  });

  it('shows a viewer the feedback without edit or delete controls', async () => {
    fakeOutreachApi({ feedback: [feedback()] });
    renderApp('/feedback-inbox?show=all', VIEWER);
    await screen.findByText('The teens loved the comics workshop.');
    expect(screen.queryByRole('button', { name: /^Edit/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Delete/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });
});
