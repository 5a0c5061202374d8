// GS1's Digital Link toolkit ships no typings; only what the tests call is declared.
declare module 'digital-link.js' {
  export interface DigitalLinkObject {
    isValid(): boolean;
    toWebUriString(): string;
  }
  export function DigitalLink(input: string): DigitalLinkObject;
}
