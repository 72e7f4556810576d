import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Component tests talk to a real server over HTTP, where one password check (scrypt) alone takes about a second on a
// loaded 2-core machine: Testing Library's default 1 s wait for findBy*/waitFor would fail a correct page.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => cleanup());
