import base from '@testing-library/user-event';

// Testing Library's user-event, without a timer between keystrokes and pointer actions.
// Its default (`delay: 0`) yields to a macrotask after every key: on a busy 2-CPU machine, with
// Jest's suites beside Vitest, each of those waits can take long enough for a form test to time
// out. Events still go through the same sequence a real user's do (keydown, input, keyup, …).
const options = { delay: null } as const;

// Like user-event's direct API, each call starts from a fresh instance.
export const userEvent = {
  setup: () => base.setup(options),
  click: (element: Element) => base.setup(options).click(element),
  clear: (element: Element) => base.setup(options).clear(element),
  type: (element: Element, text: string) => base.setup(options).type(element, text),
};
