// @callmine/vault — sealing, key ring, self-test and rotation. Opening lives in @callmine/vault/open (worker only).
export {
  GONG_CREDENTIAL_PURPOSE,
  type GongCredentialField,
  gongCredentialContext,
  gongCredentialFields,
  type SealContext,
  WEBHOOK_SECRET_PURPOSE,
  webhookSecretContext,
} from './context.ts';
export { envelopePrefix, FORMAT_VERSION, keyIdOf } from './envelope.ts';
export { isVaultError, VaultError, type VaultErrorKind } from './errors.ts';
export {
  KEY_FILE_NAME,
  keyFilePath,
  keyRingEnvValue,
  replaceKeyFile,
  writeSecretFileExclusive,
} from './key-file.ts';
export { KEY_ID_PATTERN, type KeyProvider } from './key-provider.ts';
export { KeyRing, type KeyRingOrigin } from './key-ring.ts';
export {
  DEFAULT_MASTER_KEY_ID,
  type KeyRingOptions,
  type KeyRingSource,
  loadKeyRing,
} from './load-key-ring.ts';
export { describeKeySource, KEYRING_FILE_VARIABLE, readMountedKeyRing } from './mounted-key-file.ts';
export {
  type KeyStatus,
  keyStatus,
  type RewrapOptions,
  type RewrapProgress,
  type RewrapResult,
  registerActiveKey,
  retireKey,
  rewrapAll,
} from './rotation.ts';
export { createSealer, type Sealer } from './sealer.ts';
export { type SelfTestReport, selfTest } from './self-test.ts';
export type { SealedFields, SealedRow, SealedWebhookSecret, VaultStore } from './store.ts';
