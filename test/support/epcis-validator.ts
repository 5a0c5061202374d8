import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from './epcis/EPCIS-JSON-Schema.json';

export interface EpcisValidation {
  success: boolean;
  errors: string[];
  validator: 'epcis2.js' | 'ajv + EPCIS 2.0 JSON schema';
}

/** Validates an EPCIS 2.0 document against the official JSON schema (see test/support/epcis/README.md). */
export function validateEpcis(document: unknown): EpcisValidation {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: only when installed by hand
    const epcis2 = require('epcis2.js') as {
      validateEpcisDocument: (d: unknown, throwError: boolean) => { success: boolean; errors: string[] };
    };
    return { ...epcis2.validateEpcisDocument(document, false), validator: 'epcis2.js' };
  } catch {
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    const validate = ajv.compile(schema);
    const ok = validate(document);
    return {
      success: ok,
      errors: ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`),
      validator: 'ajv + EPCIS 2.0 JSON schema',
    };
  }
}
