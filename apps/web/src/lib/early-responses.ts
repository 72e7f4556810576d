// The entry's early answers (early-requests.ts), in a file of its own: the tRPC client takes them without importing
// the entry's route-loading code.

/** Answers under way, each taken once by the request that matches its URL. */
export class EarlyResponses {
  readonly #answers = new Map<string, Promise<Response>>();
  /** The input of the report asked for (a report's link), for the app to ask with the same. */
  reportInput: { id: string } | undefined;

  send(url: string, fetcher: typeof fetch = fetch) {
    const answer = fetcher(url, { method: 'GET' });
    // Never an unhandled rejection: the app's request that takes it sees the failure (or asks again if none does).
    answer.catch(() => undefined);
    this.#answers.set(url, answer);
  }

  /** The answer already asked for this URL (once), if any. */
  take(url: string): Promise<Response> | undefined {
    const answer = this.#answers.get(url);
    this.#answers.delete(url);
    return answer;
  }
}
