import { Provider } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { parseSigningKeys, SerialSigner } from './serial-signer';

export const serialSignerProvider: Provider = {
  provide: SerialSigner,
  inject: [Environment],
  useFactory: (env: Environment) => new SerialSigner(parseSigningKeys(env.LABEL_SIGNING_KEYS)),
};
