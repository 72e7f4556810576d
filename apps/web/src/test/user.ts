import userEvent from '@testing-library/user-event';

/**
 * A user for component tests. No pause between keystrokes and clicks (`delay: null`): by default user-event waits a
 * timer turn after every key, which only adds wall time (hundreds of keys a file, each a trip through a busy event
 * loop); React still handles each key's events before the next one, as in a browser.
 */
export function setupUser() {
  return userEvent.setup({ delay: null });
}

export type TestUser = ReturnType<typeof setupUser>;
