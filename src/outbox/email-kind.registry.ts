import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DeliveryKind } from './delivery-state';
import { EmailKind, RegisterEmailKind } from './email-kind';

/**
 * The registered email kinds, found once (lazily, or at start-up at the latest) among every
 * module's providers. Start-up fails when a kind of the `delivery_kind` enum has no registration
 * or two: a row of that kind could never be sent, or could be sent two ways.
 */
@Injectable()
export class EmailKindRegistry implements OnApplicationBootstrap {
  private kinds?: ReadonlyMap<DeliveryKind, EmailKind>;

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    this.registered();
  }

  get(kind: DeliveryKind): EmailKind {
    const registration = this.registered().get(kind);
    if (!registration) throw new Error(`no email kind registered for '${kind}'`);
    return registration;
  }

  all(): EmailKind[] {
    return [...this.registered().values()];
  }

  private registered(): ReadonlyMap<DeliveryKind, EmailKind> {
    if (this.kinds) return this.kinds;
    const kinds = new Map<DeliveryKind, EmailKind>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: RegisterEmailKind.KEY })) {
      const registration = wrapper.instance as EmailKind | undefined;
      if (!registration) continue;
      if (kinds.has(registration.kind)) throw new Error(`email kind '${registration.kind}' is registered twice`);
      kinds.set(registration.kind, registration);
    }
    const missing = Object.values(DeliveryKind).filter((kind) => !kinds.has(kind));
    if (missing.length > 0) throw new Error(`no email kind registered for: ${missing.join(', ')}`);
    this.kinds = kinds;
    return kinds;
  }
}
