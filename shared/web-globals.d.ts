// The WHATWG URL class exists in Node, Electron and every browser, so shared/ may use it for
// IDN-to-punycode and URL host extraction without depending on either platform's typings.
declare class URL {
  constructor(input: string, base?: string);
  readonly hostname: string;
  readonly host: string;
  readonly protocol: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly username: string;
  readonly password: string;
  readonly href: string;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
