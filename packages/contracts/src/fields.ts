// Field rules shared by every form and procedure that takes these values.
import { z } from 'zod';

export const emailField = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@company.com.' }));

export const personNameField = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .max(100, 'Use at most 100 characters.');

/** At least 12 characters (NIST 800-63B favours length over composition rules); 128 caps hashing cost. */
export const newPasswordField = z
  .string({ error: 'Enter a password.' })
  .min(12, 'Use at least 12 characters.')
  .max(128, 'Use at most 128 characters.');

export const workspaceNameField = z
  .string({ error: 'Enter a workspace name.' })
  .trim()
  .min(1, 'Enter a workspace name.')
  .max(80, 'Use at most 80 characters.');

export const idField = z.string().trim().min(1, 'Missing id.').max(128, 'That id is too long.');
