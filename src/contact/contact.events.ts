/**
 * A contact is being erased. Published in the erasing transaction just before the row goes, so
 * subscribers can still find what refers to the person (foreign keys clear only the link) and
 * remove what would describe them.
 */
export class ContactErased {
  constructor(readonly contactId: string) {}
}
