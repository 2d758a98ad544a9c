import { AuditEvent } from '../audit/audit-event.entity';
import { AuthSession } from '../sign-in/auth-session.entity';
import { Contact } from '../contact/contact.entity';
import { Note } from '../organization/note.entity';
import { Organization } from '../organization/organization.entity';
import { StageChange } from '../organization/stage-change.entity';
import { Audience } from '../vocabulary/audience.entity';
import { Capability } from '../vocabulary/capability.entity';
import { RefreshToken } from '../sign-in/refresh-token.entity';
import { UserMfa } from '../sign-in/mfa/user-mfa.entity';
import { MfaRecoveryCode } from '../sign-in/mfa/mfa-recovery-code.entity';
import { Invitation } from '../user/invitation.entity';
import { User } from '../user/user.entity';
import { Visit } from '../visit/visit.entity';
import { Program } from '../program/program.entity';
import { ProgramPartner } from '../program/program-partner.entity';
import { ProgramSession } from '../program/program-session.entity';
import { CalendarLink } from '../program/calendar-link.entity';
import { Closure } from '../closure/closure.entity';
import { Feedback } from '../feedback/feedback.entity';
import { FeedbackLink } from '../feedback/feedback-link.entity';
import { Task } from '../task/task.entity';
import { Reminder } from '../reminder/reminder.entity';
import { HealthChange, HealthScoreRow } from '../partnership/health-score-row.entity';
import { HealthSnapshotRow } from '../partnership/health-snapshot.entity';
import { Delivery } from '../outbox/delivery.entity';
import { MatchDecision } from '../matching/match-decision.entity';
import { Setting } from '../settings/setting.entity';
import { CheckIn } from '../check-in/check-in.entity';
import { CheckInResponse } from '../check-in/check-in-response.entity';
import { HealthDigest } from '../digest/health-digest.entity';
import { Goal } from '../goal/goal.entity';

/** Every entity, listed once for the app and the migration CLI. */
export const ENTITIES = [
  User,
  Invitation,
  AuthSession,
  RefreshToken,
  UserMfa,
  MfaRecoveryCode,
  Audience,
  Capability,
  Organization,
  StageChange,
  Note,
  Contact,
  AuditEvent,
  Program,
  ProgramPartner,
  ProgramSession,
  CalendarLink,
  Closure,
  Visit,
  FeedbackLink,
  Feedback,
  Task,
  Reminder,
  Delivery,
  MatchDecision,
  Setting,
  HealthSnapshotRow,
  HealthScoreRow,
  HealthChange,
  CheckIn,
  CheckInResponse,
  HealthDigest,
  Goal,
];
