import { GongError } from '../errors.ts';

/** The GongError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<GongError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GongError) return error;
    throw error;
  }
  throw new Error('expected a GongError');
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
