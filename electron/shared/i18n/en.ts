/** The English catalogue: the source every other language mirrors key for key. */
import { enCommon } from './en/common';
import { enTray } from './en/tray';

export const en = {
  ...enCommon,
  ...enTray,
};

/** A catalogue with the same keys as English, every leaf a string. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export type Catalogue = Messages<typeof en>;
