import type { CheckInAnswers } from '../check-in/check-in-survey';
import { SHELTER } from './demo-data';

export interface DemoCheckIn {
  organization: string;
  /** The library owner's answers and comment (Rosa, who runs the drop-ins). */
  owner: { answers: CheckInAnswers; comment: string | null };
  /** The primary contact's answers and comment (Dana, the shelter's youth case manager). */
  partner: { answers: CheckInAnswers; comment: string | null };
}

/**
 * One answered check-in round: the youth shelter, answered by both sides. Everyone is happy with
 * how the two teams work together and why; what is short is resources — neither side has the
 * staff time or the laptops the residents ask for. By hand (every answer counts once):
 * environment (4+5+3+5)/4 = 4.25 → 4.3 strength; membership (5+5+5+4)/4 = 4.75 → 4.8 strength;
 * process and structure (4+3+3+4)/4 = 3.5 borderline; communication (5+4+4+4)/4 = 4.25 → 4.3
 * strength; purpose (5+4+5+5)/4 = 4.75 → 4.8 strength; resources (2+3+2+2)/4 = 2.25 → 2.3
 * concern, which becomes the follow-up "Check-in concern: resources (2.3)" for Rosa.
 */
export const DEMO_CHECK_INS: readonly DemoCheckIn[] = [
  {
    organization: SHELTER,
    owner: {
      answers: {
        'environment.backing': 4,
        'environment.fit': 5,
        'membership.trust': 5,
        'membership.worthwhile': 5,
        'processAndStructure.roles': 4,
        'processAndStructure.adapting': 3,
        'communication.heard': 5,
        'communication.informed': 4,
        'purpose.shared': 5,
        'purpose.progress': 4,
        'resources.capacity': 2,
        'resources.coordination': 3,
      },
      comment:
        'Two of us for the morning visit and the drop-in is a stretch on Wednesdays; we keep borrowing laptops from the adult computer class.',
    },
    partner: {
      answers: {
        'environment.backing': 3,
        'environment.fit': 5,
        'membership.trust': 5,
        'membership.worthwhile': 4,
        'processAndStructure.roles': 3,
        'processAndStructure.adapting': 4,
        'communication.heard': 4,
        'communication.informed': 4,
        'purpose.shared': 5,
        'purpose.progress': 5,
        'resources.capacity': 2,
        'resources.coordination': 2,
      },
      comment:
        'Residents ask for résumé help every week. Could someone bring laptops to the shelter once a month? We have no computers in the common room.',
    },
  },
];
