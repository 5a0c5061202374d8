import { Provider } from '@nestjs/common';
import { LabelsConfig } from '../../config/sections';
import { parseSigningKeys, SerialSigner } from './serial-signer';

export const serialSignerProvider: Provider = {
  provide: SerialSigner,
  inject: [LabelsConfig],
  useFactory: (labelsConfig: LabelsConfig) => new SerialSigner(parseSigningKeys(labelsConfig.LABEL_SIGNING_KEYS)),
};
