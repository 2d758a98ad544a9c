import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeOutreachApi, feedback, renderApp } from '../test/fake-outreach-api';

describe('Feedback in the inbox says its language', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('names a language other than the library’s and keeps the answers as written, marked with their language', async () => {
    fakeOutreachApi({
      feedback: [
        feedback({
          source: 'youth',
          organizationId: null,
          viaLink: true,
          language: 'es',
          worked: '¡Por fin entendí las fracciones!',
          didntWork: null,
        }),
        feedback({ language: null }),
        feedback({ language: 'en', worked: 'Good turnout.' }),
      ],
    });
    renderApp('/feedback-inbox?show=all');
    const [spanish, unknown, english] = await screen.findAllByTestId('feedback');
    expect((await within(spanish).findByText('Español')).closest('[lang="es"]')).not.toBeNull();
    expect(within(spanish).getByText('¡Por fin entendí las fracciones!')).toHaveAttribute('lang', 'es');
    for (const card of [unknown, english]) expect(within(card).queryByText(/Español|English/)).toBeNull();
  });
});
