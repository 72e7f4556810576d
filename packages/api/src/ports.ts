// What the api needs from the outside world, as interfaces the composition root fills in.
// Sealing comes from @callmine/vault's sealing entry; the api never opens a sealed credential.

export type BaseUrlVerdict = { ok: true; origin: string; isDefault: boolean } | { ok: false };

export interface GongGateway {
  /** Allow-list and normalise a pasted base URL; blank means Gong's standard endpoints. */
  normalizeBaseUrl(input: string | undefined): BaseUrlVerdict;
  /** One cheap read with these keys against this base URL; throws GongError when it fails. */
  validateBasic(credential: { accessKey: string; secretKey: string; baseUrl: string }): Promise<void>;
}
