import { DOMParser } from '@xmldom/xmldom';

/** XML that could not be parsed. */
export class MalformedXmlError extends Error {
  override name = 'MalformedXmlError';
}

/** An XML parser that throws on malformed input instead of logging and guessing. */
export function strictParser(): DOMParser {
  const fail = (message: string) => {
    throw new MalformedXmlError(`malformed XML: ${message}`);
  };
  return new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } });
}
