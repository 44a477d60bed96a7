/**
 * Response and item ids. Item ids are derived from the response id and the output index rather
 * than drawn at random: the streamed and the non-streamed rendering of the same events then agree
 * byte for byte, translation stays pure, and an `item_reference` names the response that owns it.
 */
import { base62, type RandomBytes } from '../../../tools/ids';

const RESPONSE_PREFIX = 'resp_';
const RESPONSE_ID_LENGTH = 32;

/** The item kinds this gateway emits and their OpenAI id prefixes. */
export type ItemKind = 'msg' | 'rs' | 'fc' | 'ctc' | 'lsh';

/** A fresh `resp_…` id (32 random base62 characters). */
export function createResponseId(random?: RandomBytes): string {
  return RESPONSE_PREFIX + base62(RESPONSE_ID_LENGTH, random);
}

function responseSuffix(responseId: string): string {
  return responseId.startsWith(RESPONSE_PREFIX)
    ? responseId.slice(RESPONSE_PREFIX.length)
    : responseId;
}

/** `msg_<suffix>_<index>` etc. for the item at `outputIndex` of response `responseId`. */
export function itemId(responseId: string, kind: ItemKind, outputIndex: number): string {
  return `${kind}_${responseSuffix(responseId)}_${outputIndex}`;
}

/** The response that produced an item id made by {@link itemId}, if it looks like one. */
export function owningResponseId(id: string): string | undefined {
  const match = /^(?:msg|rs|fc|ctc|lsh)_(.+)_\d+$/.exec(id);
  return match?.[1] === undefined ? undefined : RESPONSE_PREFIX + match[1];
}
