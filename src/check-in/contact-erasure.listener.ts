import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/events/domain-events';
import { ContactErased } from '../contact/contact.events';
import { CheckInResponse } from './check-in-response.entity';

/**
 * Erasing a contact keeps their check-in answers (the scores are the partnership's), but a
 * free-text comment may name or describe them: it goes with the person, in the same transaction.
 * The foreign key then clears the link.
 */
@Injectable()
export class ContactErasureListener implements OnModuleInit {
  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.events.on(ContactErased, async ({ contactId }, manager) => {
      await manager.update(CheckInResponse, { contactId }, { comment: null });
    });
  }
}
