import { DateTime } from 'luxon';
import { compileSchedule } from '@tandem/shared';
import { FeedbackSource } from '../feedback/feedback.entity';
import { PartnerRole } from '../program/program-partner.entity';
import { ProgramStatus } from '../program/program.entity';
import { VisitPurpose } from '../visit/visit.entity';
import {
  CASA,
  CLINIC,
  FOOD_BANK,
  CODEBRIDGE,
  COLLEGE_PREP,
  ELL,
  FIRST_GEN,
  HOMELESS_YOUTH,
  INTERNSHIP_AGENCY,
  LGBTQ,
  LINCOLN_HIGH,
  LOW_INCOME_TEENS,
  MARCUS,
  MIDDLE_SCHOOL,
  NEW_NEIGHBORS,
  OPPORTUNITY_YOUTH,
  PRIYA,
  ROSA,
  SAM,
  SHELTER,
  TRANSIT,
  TRIO,
} from './demo-data';

/**
 * The outreach half of the demo data set: the programs the library runs with its partners, a
 * season of their sessions with attendance, closure days, outreach visits, feedback and
 * follow-up tasks — the daily work of the seed text ("on the mornings of the drop-ins, we visit
 * the shelter to chat and hand out invitations"; "we get immediate feedback … and we adjust").
 *
 * Dates are relative, so the demo always looks current, but never relative to the clock of a
 * later run. Only a program's start date is taken from today, when the seed creates it. Every
 * other date is a `DemoWhen`: a day counted from one of the program's sessions, as stored. A
 * re-run, on any later day, reads the same sessions back, computes the same instants and finds
 * the records it made (see seed-outreach.ts for the keys).
 */

/** The zone of every demo schedule and date: the library is in Seattle. */
export const DEMO_TIMEZONE = 'America/Los_Angeles';
/** The demo library's name, given to a library whose settings were never set up. */
export const DEMO_LIBRARY_NAME = 'Riverside Public Library';

/**
 * A local date and time counted from a program's sessions: the date of its `session`-th
 * session (0 = the first, in start order, cancelled ones included), `days` later (or earlier
 * when negative), at `at` (HH:MM, DEMO_TIMEZONE).
 */
export interface DemoWhen {
  program: string;
  session: number;
  days?: number;
  at: string;
}

/** What happened at one past session: a head count, or a staff cancellation or note. */
export type DemoSessionRecord = number | { attendance?: number; cancelled?: true; notes: string };

export interface DemoProgram {
  name: string;
  description: string;
  /** Where it stands. A completed program is created running (so its sessions exist) and then completed. */
  status: ProgramStatus;
  /** Names from DEMO_ORGANIZATIONS. */
  partners: readonly { organization: string; role: PartnerRole }[];
  /** Names from DEMO_AUDIENCES. */
  audiences: readonly string[];
  libraryGoal: string;
  partnerGoal: string;
  schedule: { rrule: string; startTime: string; durationMinutes: number; location: string };
  /** The first session is the first occurrence on or after this many days before the day the seed creates it. */
  startDaysAgo: number;
  /** The end date, this many days after the first session; absent runs on. */
  runsForDays?: number;
  /** Recorded on the first past sessions, in order, when the seed creates the program. */
  sessions: readonly DemoSessionRecord[];
  /** The language its public side speaks (feedback form, poster); absent: the library's default. */
  language?: string;
}

export interface DemoVisit {
  /** A name for tasks to refer to the visit by. */
  ref?: string;
  /** Name from DEMO_ORGANIZATIONS. */
  organization: string;
  /** Name from DEMO_PROGRAMS: the program the visit was for. */
  program?: string;
  when: DemoWhen;
  location: string;
  purpose: VisitPurpose;
  /** Emails from DEMO_USERS. */
  staff: readonly string[];
  /** Names of the organization's demo contacts. */
  contacts: readonly string[];
  invitationsHandedOut?: number;
  peopleReached?: number;
  notes: string;
}

export interface DemoFeedback {
  source: FeedbackSource;
  /** Name from DEMO_PROGRAMS. Youth feedback comes through the program's public feedback link. */
  program: string;
  /** Partner and staff feedback: the organization it is from or about (a partner of the program). */
  organization?: string;
  /** Partner and staff feedback: the session it is about (index as in DemoWhen). */
  session?: number;
  /** When it was given (always after the session it is about, and before the seed first runs). */
  given: DemoWhen;
  rating: number;
  outcomes?: { knowledge?: number; confidence?: number; application?: number; awareness?: number };
  /** Also the key the seed matches feedback on (with the program and source): unique per program and source. */
  worked: string;
  didntWork?: string;
  suggestions?: string;
  /** What the team did about it; absent: still needs action. */
  actionTaken?: string;
  /** Youth feedback: the language of the form it was given on (free text as written in it); absent: not known. */
  language?: string;
}

export interface DemoTask {
  /** The key the seed matches tasks on (ignoring case). */
  title: string;
  /** Email from DEMO_USERS. */
  assignee: string;
  organization?: string;
  program?: string;
  /** `ref` of a DEMO_VISITS entry this follows up; the organization must be the visit's. */
  visit?: string;
  due: DemoWhen;
  done?: true;
}

export const DROP_IN = 'Wednesday Teen Drop-in with Harbor House';
export const TECH_WORKSHOP = 'Internship Tech Skills Workshop';
export const FAFSA_NIGHT = 'College Application & FAFSA Night';
export const CODING_CLUB = 'CodeBridge Coding Club';
export const TAREAS = 'Martes y Jueves de Tareas';

const { Host, CoFacilitator, Referral } = PartnerRole;

export const DEMO_PROGRAMS: readonly DemoProgram[] = [
  {
    name: DROP_IN,
    description:
      'A relaxed afternoon in the teen room for young people staying at Harbor House: phone charging, snacks, laptops, résumé help and quiet time. ' +
      'Same room, same faces every week, name badges on. On drop-in mornings two of us visit the shelter to chat and hand out invitations.',
    status: ProgramStatus.Running,
    partners: [{ organization: SHELTER, role: CoFacilitator }],
    audiences: [HOMELESS_YOUTH, LGBTQ, OPPORTUNITY_YOUTH],
    libraryGoal: 'Youth experiencing homelessness feel welcome at the library, get a card, and come back on their own.',
    partnerGoal: 'Safe daytime options for residents, and help with résumés, job applications and next steps.',
    schedule: {
      rrule: 'FREQ=WEEKLY;BYDAY=WE',
      startTime: '15:30',
      durationMinutes: 90,
      location: 'Central Library, Teen Room',
    },
    startDaysAgo: 140,
    // Thriving: from a handful to the most the room holds.
    sessions: [
      4,
      6,
      5,
      7,
      {
        cancelled: true,
        notes: 'Cancelled by us: both of us out sick and no cover. Keisha told the residents in the morning.',
      },
      8,
      { attendance: 9, notes: 'Three came for the first time after this morning’s visit.' },
      8,
      10,
      { attendance: 11, notes: 'Résumé corner started: two residents printed résumés for interviews next week.' },
      10,
      12,
      11,
      13,
      12,
      14,
      13,
      15,
      14,
    ],
  },
  {
    name: TECH_WORKSHOP,
    description:
      'Two-hour workshops for the current cohort of city interns in the teen tech lab: professional email, shared documents and spreadsheets, then searching well and judging sources. ' +
      'Their staff bring the internship scenarios, we bring the information-literacy pieces.',
    status: ProgramStatus.Running,
    partners: [{ organization: INTERNSHIP_AGENCY, role: CoFacilitator }],
    audiences: [LOW_INCOME_TEENS, OPPORTUNITY_YOUTH],
    libraryGoal: 'Digital and information literacy: searching well, judging sources, working in shared documents.',
    partnerGoal: 'Interns with the skills to succeed at their internships.',
    schedule: {
      rrule: 'FREQ=WEEKLY;BYDAY=TH',
      startTime: '16:00',
      durationMinutes: 120,
      location: 'Central Library, Teen Tech Lab',
    },
    startDaysAgo: 84,
    runsForDays: 105,
    // Fading: the cohort of 32 thins out as the talk-heavy sessions lose them.
    sessions: [
      31,
      30,
      28,
      27,
      { cancelled: true, notes: 'Cancelled by us: the tech lab network was down all afternoon.' },
      24,
      22,
      {
        attendance: 20,
        notes: 'The spreadsheet demo ran long again; several interns asked for more time to practice.',
      },
      19,
      17,
      16,
    ],
  },
  {
    name: FAFSA_NIGHT,
    description:
      'Next Step advisers help juniors, seniors and their families with college applications, scholarship searches and the FAFSA. We provide the room, laptops and promotion.',
    status: ProgramStatus.Running,
    partners: [
      { organization: COLLEGE_PREP, role: Host },
      { organization: LINCOLN_HIGH, role: Referral },
    ],
    audiences: [FIRST_GEN, LOW_INCOME_TEENS, ELL],
    libraryGoal:
      'College and career readiness, part of the department work plan; families who see the library as a place for it.',
    partnerGoal:
      'More first-generation students with a complete application and FAFSA, reached where they already are.',
    // The second Tuesday of every month.
    schedule: {
      rrule: 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2',
      startTime: '18:00',
      durationMinutes: 120,
      location: 'Central Library, Room 2B',
    },
    startDaysAgo: 150,
    sessions: [
      9,
      12,
      { attendance: 10, notes: 'Spanish-speaking parents waited a long time for Omar to be free.' },
      15,
    ],
  },
  {
    name: CODING_CLUB,
    description:
      'A six-week Saturday coding and robotics club for girls and nonbinary teens, led by CodeBridge volunteers.',
    status: ProgramStatus.Completed,
    partners: [{ organization: CODEBRIDGE, role: CoFacilitator }],
    audiences: [MIDDLE_SCHOOL, LGBTQ],
    libraryGoal: 'Tech skills and confidence for teens who rarely see themselves in tech.',
    partnerGoal: 'A free, central room and laptops for an in-person club.',
    schedule: {
      rrule: 'FREQ=WEEKLY;BYDAY=SA',
      startTime: '13:00',
      durationMinutes: 120,
      location: 'Central Library, Teen Tech Lab',
    },
    startDaysAgo: 180,
    runsForDays: 35,
    sessions: [9, 12, 14, 13, 14, 14],
  },
  {
    name: TAREAS,
    language: 'es',
    description:
      'Homework help in Spanish after school, Tuesdays and Thursdays: bilingual tutors, laptops and a snack. ' +
      'Casa Esperanza brings the teens and talks with their families; we bring the room, the tutors and library cards. The feedback form and the poster are in Spanish.',
    status: ProgramStatus.Running,
    partners: [{ organization: CASA, role: CoFacilitator }],
    audiences: [ELL, LOW_INCOME_TEENS],
    libraryGoal:
      'Spanish-speaking teens new to the country get homework help in their language, a library card, and a place they come back to.',
    partnerGoal: 'Less homework stress at home for the families Casa serves, and teens who keep up at school.',
    schedule: {
      rrule: 'FREQ=WEEKLY;BYDAY=TU,TH',
      startTime: '16:00',
      durationMinutes: 90,
      location: 'Central Library, Homework Center',
    },
    startDaysAgo: 56,
    // Growing by word of mouth at Casa.
    sessions: [5, 7, 6, 8, 9, 9, 11, 10, 12, 13],
  },
];

const SHELTER_COMMON_ROOM = 'Harbor House, common room';
const morningOf = (session: number): DemoWhen => ({ program: DROP_IN, session, at: '10:00' });

export const DEMO_VISITS: readonly DemoVisit[] = [
  {
    organization: SHELTER,
    program: DROP_IN,
    when: { program: DROP_IN, session: 0, days: -15, at: '14:00' },
    location: 'Harbor House, program office',
    purpose: VisitPurpose.Planning,
    staff: [ROSA],
    contacts: ['Luis Ortega', 'Dana Whitfield'],
    notes:
      'Planned the Wednesday drop-ins: same room and same two faces every week, Keisha walks the group over, case managers tell us what residents need.',
  },
  {
    organization: SHELTER,
    program: DROP_IN,
    when: morningOf(0),
    location: SHELTER_COMMON_ROOM,
    purpose: VisitPurpose.Invitations,
    staff: [ROSA, MARCUS],
    contacts: ['Keisha Morgan'],
    invitationsHandedOut: 20,
    peopleReached: 11,
    notes:
      'First morning visit. Most residents had never heard of the teen room; a few asked whether they would need ID.',
  },
  {
    organization: SHELTER,
    program: DROP_IN,
    when: morningOf(3),
    location: SHELTER_COMMON_ROOM,
    purpose: VisitPurpose.Invitations,
    staff: [ROSA],
    contacts: ['Keisha Morgan'],
    invitationsHandedOut: 22,
    peopleReached: 13,
    notes: 'Chatted over breakfast. Two residents remembered us from last week.',
  },
  {
    organization: SHELTER,
    program: DROP_IN,
    when: morningOf(6),
    location: SHELTER_COMMON_ROOM,
    purpose: VisitPurpose.Invitations,
    staff: [ROSA, MARCUS],
    contacts: ['Keisha Morgan', 'Dana Whitfield'],
    invitationsHandedOut: 25,
    peopleReached: 16,
    notes: 'Handed out 25 invitations; Dana introduced us to the new residents.',
  },
  {
    organization: SHELTER,
    program: DROP_IN,
    when: morningOf(9),
    location: SHELTER_COMMON_ROOM,
    purpose: VisitPurpose.Invitations,
    staff: [ROSA],
    contacts: ['Dana Whitfield'],
    invitationsHandedOut: 25,
    peopleReached: 18,
    notes: 'Brought library card applications for the first time; six filled them in on the spot.',
  },
  {
    organization: SHELTER,
    program: DROP_IN,
    when: morningOf(13),
    location: SHELTER_COMMON_ROOM,
    purpose: VisitPurpose.Invitations,
    staff: [ROSA, SAM],
    contacts: ['Keisha Morgan'],
    invitationsHandedOut: 28,
    peopleReached: 20,
    notes: 'Sam came along to talk about the laptops. Residents asked about job applications on phones.',
  },
  {
    organization: SHELTER,
    program: DROP_IN,
    when: morningOf(17),
    location: SHELTER_COMMON_ROOM,
    purpose: VisitPurpose.Invitations,
    staff: [ROSA, MARCUS],
    contacts: ['Keisha Morgan', 'Dana Whitfield'],
    invitationsHandedOut: 30,
    peopleReached: 22,
    notes:
      'Busiest morning yet. Dana asked whether Next Step could come to a drop-in: several residents want to talk about college.',
  },
  {
    organization: INTERNSHIP_AGENCY,
    program: TECH_WORKSHOP,
    when: { program: TECH_WORKSHOP, session: 0, days: -22, at: '10:30' },
    location: 'City Hall Annex, Room 310',
    purpose: VisitPurpose.Planning,
    staff: [SAM, PRIYA],
    contacts: ['Angela Brooks', 'Kevin Tran'],
    notes:
      'Co-designed the cohort’s workshop series: email and documents first, spreadsheets in week 5, searching and judging sources to finish.',
  },
  {
    ref: 'cyop-check-in',
    organization: INTERNSHIP_AGENCY,
    program: TECH_WORKSHOP,
    when: { program: TECH_WORKSHOP, session: 8, days: 1, at: '11:00' },
    location: 'City Hall Annex, Room 310',
    purpose: VisitPurpose.Planning,
    staff: [SAM],
    contacts: ['Angela Brooks'],
    notes:
      'Mid-cohort check-in. The workshops went well, but the interns want more hands-on time; attendance is slipping since the spreadsheet weeks.',
  },
  {
    // The last contact with the food bank: it has gone quiet since (the dashboard's dormant partner).
    ref: 'food-bank-last-boxes',
    organization: FOOD_BANK,
    when: { program: DROP_IN, session: 0, days: -12, at: '11:00' },
    location: 'Riverside Community Food Bank, loading dock',
    purpose: VisitPurpose.Relationship,
    staff: [MARCUS],
    contacts: ['Carmen Reyes'],
    notes:
      'Picked up the last snack boxes of the spring. Carmen expects to hear about the grant in August and asked us to check in then.',
  },
  {
    organization: COLLEGE_PREP,
    program: FAFSA_NIGHT,
    when: { program: FAFSA_NIGHT, session: 0, days: -12, at: '13:00' },
    location: 'Next Step office, 2210 Market Street',
    purpose: VisitPurpose.Planning,
    staff: [ROSA],
    contacts: ['Grace Liu', 'Omar Haddad'],
    notes:
      'Agreed the monthly FAFSA night: their advisers, our room and laptops; we promote through Lincoln High counselors.',
  },
  {
    organization: LINCOLN_HIGH,
    program: FAFSA_NIGHT,
    when: { program: FAFSA_NIGHT, session: 2, days: -6, at: '09:30' },
    location: 'Lincoln High School, senior English classes',
    purpose: VisitPurpose.Invitations,
    staff: [MARCUS],
    contacts: ['Denise Carter'],
    invitationsHandedOut: 120,
    peopleReached: 104,
    notes: 'Flyers for FAFSA night in four senior English classes, in English and Spanish.',
  },
  {
    organization: CASA,
    when: { program: DROP_IN, session: 10, days: 1, at: '18:00' },
    location: 'Casa Esperanza, community room',
    purpose: VisitPurpose.ProgramDelivery,
    staff: [MARCUS, SAM],
    contacts: ['María Fernández'],
    peopleReached: 26,
    notes:
      'Monthly family tech night: phone and email help for parents, laptops for the teens. Asked María about a Spanish-speaking volunteer for FAFSA night.',
  },
  {
    ref: 'clinic-intro',
    organization: CLINIC,
    when: { program: DROP_IN, session: 15, days: 1, at: '11:00' },
    location: 'Hilltop Teen Health Clinic, front office',
    purpose: VisitPurpose.Relationship,
    staff: [ROSA],
    contacts: ['Dr. Alicia Moreno'],
    peopleReached: 3,
    notes:
      'First visit. Their health educator would co-teach a workshop on judging health information online; left teen event calendars in the waiting room.',
  },
  {
    ref: 'transit-intro',
    organization: TRANSIT,
    when: { program: DROP_IN, session: 18, days: 2, at: '14:00' },
    location: 'Metro Transit customer service office',
    purpose: VisitPurpose.Relationship,
    staff: [SAM],
    contacts: ['Hannah Kim'],
    notes:
      'Hannah can bring youth-pass sign-ups to a drop-in and is asking about group rides for the campus-visit day.',
  },
  {
    organization: NEW_NEIGHBORS,
    when: { program: DROP_IN, session: 19, days: -1, at: '15:00' },
    location: 'New Neighbors Youth Program, homework room',
    purpose: VisitPurpose.Relationship,
    staff: [MARCUS],
    contacts: ['Fatuma Hassan', 'Daniel Mekonnen'],
    peopleReached: 9,
    notes:
      'Brought library card applications in Somali and Dari. They want a library orientation once we have interpreters lined up.',
  },
];

const { Youth, Partner, Staff } = FeedbackSource;

export const DEMO_FEEDBACK: readonly DemoFeedback[] = [
  {
    source: Youth,
    program: DROP_IN,
    given: { program: DROP_IN, session: 7, at: '17:10' },
    rating: 5,
    outcomes: { awareness: 5, confidence: 4 },
    worked: 'Charging my phone and the snacks. Nobody looked at me weird.',
    suggestions: 'Stay open later.',
  },
  {
    source: Youth,
    program: DROP_IN,
    given: { program: DROP_IN, session: 10, at: '17:05' },
    rating: 4,
    outcomes: { knowledge: 4, application: 5 },
    worked: 'The résumé help. I have an interview Friday.',
    didntWork: 'The printer ran out of paper.',
    suggestions: 'More computers.',
    actionTaken: 'A second laptop cart on Wednesdays, and we check the printer before every drop-in.',
  },
  {
    source: Youth,
    program: DROP_IN,
    given: { program: DROP_IN, session: 16, at: '17:00' },
    rating: 5,
    outcomes: { awareness: 5 },
    worked: 'A quiet place to read, and the staff remember my name.',
  },
  {
    source: Youth,
    program: TECH_WORKSHOP,
    given: { program: TECH_WORKSHOP, session: 3, at: '18:05' },
    rating: 4,
    outcomes: { knowledge: 4, application: 5 },
    worked: 'Learned how to write a professional email to my supervisor.',
    didntWork: 'Too much talking before we got to try it.',
    suggestions: 'More hands-on time.',
  },
  {
    source: Youth,
    program: TECH_WORKSHOP,
    given: { program: TECH_WORKSHOP, session: 7, at: '18:10' },
    rating: 3,
    outcomes: { knowledge: 3, confidence: 2 },
    worked: 'Spreadsheet formulas.',
    didntWork: 'It went too fast and I couldn’t keep up.',
    suggestions: 'Let us practice on our own internship stuff.',
  },
  {
    source: Partner,
    program: DROP_IN,
    organization: SHELTER,
    session: 8,
    given: { program: DROP_IN, session: 8, days: 1, at: '09:15' },
    rating: 5,
    worked: 'Residents talk about Wednesdays all week. The morning visits are what gets them through the door.',
    didntWork: 'Two residents could not use the computers because they had no library card yet.',
    suggestions: 'Bring card applications on the morning visits.',
    actionTaken:
      'We bring library card applications on morning visits and issue cards at the drop-in; guest passes for the computers until then.',
  },
  {
    source: Staff,
    program: DROP_IN,
    organization: SHELTER,
    session: 14,
    given: { program: DROP_IN, session: 14, at: '17:30' },
    rating: 4,
    worked: 'The résumé corner is busy every week now.',
    didntWork: 'Twelve or more is about all the teen room holds comfortably.',
    suggestions: 'Ask for the large meeting room if attendance keeps growing.',
  },
  {
    source: Partner,
    program: TECH_WORKSHOP,
    organization: INTERNSHIP_AGENCY,
    session: 7,
    given: { program: TECH_WORKSHOP, session: 8, days: 1, at: '11:45' },
    rating: 4,
    outcomes: { knowledge: 4, application: 3 },
    worked: 'The workshops went well; the interns liked the email etiquette piece.',
    didntWork: 'They want more hands-on time. The lecture parts lose them.',
    suggestions: 'Shorter demos, then practice on real internship tasks.',
  },
  {
    source: Partner,
    program: FAFSA_NIGHT,
    organization: COLLEGE_PREP,
    session: 2,
    given: { program: FAFSA_NIGHT, session: 2, days: 2, at: '10:00' },
    rating: 5,
    worked: 'Great turnout, and the laptops meant families could submit the FAFSA on the spot.',
    didntWork: 'Parents who speak Spanish had to wait for Omar.',
    suggestions: 'A Spanish-speaking volunteer at every session.',
    actionTaken: 'Asked Casa Esperanza: María now joins FAFSA night as a bilingual volunteer.',
  },
  {
    source: Partner,
    program: CODING_CLUB,
    organization: CODEBRIDGE,
    session: 5,
    given: { program: CODING_CLUB, session: 5, days: 3, at: '12:00' },
    rating: 4,
    worked: 'Fourteen regulars by the end; several said it was their first time coding.',
    didntWork: 'Saturday afternoons clash with sports for some.',
    actionTaken: 'Listed their online club in the teen newsletter so the regulars can keep going.',
  },
  {
    source: Youth,
    program: TAREAS,
    language: 'es',
    given: { program: TAREAS, session: 3, at: '17:45' },
    rating: 5,
    outcomes: { knowledge: 5, confidence: 4 },
    worked: '¡Por fin entendí las fracciones! La tutora me explicó en español y con paciencia.',
    suggestions: 'Que haya tareas también los lunes.',
  },
  {
    source: Youth,
    program: TAREAS,
    language: 'es',
    given: { program: TAREAS, session: 6, at: '17:40' },
    rating: 4,
    outcomes: { confidence: 5, awareness: 4 },
    worked: 'Me ayudaron con mi ensayo de inglés y saqué mi tarjeta de la biblioteca.',
    didntWork: 'A veces no hay suficientes computadoras para todos.',
    actionTaken: 'Two more laptops from the tech lab on Tuesdays and Thursdays.',
  },
  {
    source: Youth,
    program: TAREAS,
    language: 'es',
    given: { program: TAREAS, session: 9, at: '17:50' },
    rating: 5,
    outcomes: { knowledge: 4, application: 5 },
    worked: 'Aquí puedo hacer la tarea tranquila. En mi casa no hay internet.',
    suggestions: 'Más merienda, por favor.',
  },
];

export const DEMO_TASKS: readonly DemoTask[] = [
  // A visit not made yet is a follow-up to do, not a visit logged.
  {
    title: 'Visit Eastside TRIO to plan the spring campus-visit day: their bus, our promotion, Next Step advisers',
    assignee: ROSA,
    organization: TRIO,
    due: { program: DROP_IN, session: 22, days: 1, at: '14:00' },
  },
  {
    title: 'Bring library card applications to the shelter on drop-in mornings',
    assignee: ROSA,
    organization: SHELTER,
    program: DROP_IN,
    due: { program: DROP_IN, session: 9, days: -1, at: '17:00' },
    done: true,
  },
  {
    title: 'Book the large meeting room for the Wednesday drop-in',
    assignee: PRIYA,
    organization: SHELTER,
    program: DROP_IN,
    due: { program: DROP_IN, session: 18, days: 2, at: '17:00' },
  },
  {
    title: 'Send Harbor House the drop-in dates through the holidays, closures marked',
    assignee: ROSA,
    organization: SHELTER,
    program: DROP_IN,
    due: { program: DROP_IN, session: 21, days: -2, at: '12:00' },
  },
  {
    title: 'Rework the spreadsheet workshop: short demo, then hands-on practice',
    assignee: SAM,
    organization: INTERNSHIP_AGENCY,
    program: TECH_WORKSHOP,
    visit: 'cyop-check-in',
    due: { program: TECH_WORKSHOP, session: 9, days: -2, at: '17:00' },
  },
  {
    title: 'Ask Casa Esperanza for a Spanish-speaking volunteer at FAFSA night',
    assignee: MARCUS,
    organization: CASA,
    program: FAFSA_NIGHT,
    due: { program: FAFSA_NIGHT, session: 3, days: -7, at: '12:00' },
    done: true,
  },
  {
    title: 'Send Dr. Moreno dates for a health-information workshop',
    assignee: ROSA,
    organization: CLINIC,
    visit: 'clinic-intro',
    due: { program: DROP_IN, session: 17, days: 1, at: '17:00' },
    done: true,
  },
  {
    title: 'Call Carmen at the food bank: is the youth snack program back?',
    assignee: MARCUS,
    organization: FOOD_BANK,
    visit: 'food-bank-last-boxes',
    due: { program: DROP_IN, session: 0, days: 95, at: '12:00' },
  },
  {
    title: 'Set up youth-pass sign-ups at a drop-in with Metro Transit',
    assignee: SAM,
    organization: TRANSIT,
    program: DROP_IN,
    visit: 'transit-intro',
    due: { program: DROP_IN, session: 23, days: -1, at: '12:00' },
  },
];

export interface DemoReminder {
  /** The key the seed matches reminders on (ignoring case). */
  title: string;
  message: string;
  program: string;
  /** Minutes from each session start; negative = before. */
  offsetMinutes: number;
  /** Emails from DEMO_USERS. */
  staff: readonly string[];
  /** Contacts of the program's host organization, by name. */
  contacts: readonly string[];
}

/** "4 hours before every drop-in …": the reminders the team would set up for its recurring programs. */
export const DEMO_REMINDERS: readonly DemoReminder[] = [
  {
    title: 'Visit the shelter and hand out drop-in invitations',
    message: 'Take 30 invitations and the library card applications. Keisha walks the group over at 3:15.',
    program: DROP_IN,
    offsetMinutes: -240,
    staff: [ROSA],
    contacts: [],
  },
  {
    title: 'Drop-in at the library tomorrow, 3:30',
    message:
      'A reminder for the residents: teen drop-in tomorrow at Central Library, Teen Room. Phone charging and résumé help.',
    program: DROP_IN,
    offsetMinutes: -1440,
    staff: [],
    contacts: ['Dana Whitfield'],
  },
  {
    title: 'Tech workshop this afternoon: set up the lab',
    message: 'Log in the 16 laptops, put the practice spreadsheet on the shared drive, print the sign-in sheet.',
    program: TECH_WORKSHOP,
    offsetMinutes: -120,
    staff: [SAM],
    contacts: ['Angela Brooks'],
  },
];

/**
 * The closures are counted from this session: the next two library holidays after its date,
 * and an all-staff training day four weeks later (a drop-in Wednesday, so one drop-in shows as
 * cancelled by a closure).
 */
export const DEMO_CLOSURE_ANCHOR: DemoWhen = { program: DROP_IN, session: 20, at: '00:00' };
export const TRAINING_DAY = 'All-staff training day (library closed)';

const key = (name: string) => name.trim().toLowerCase();

/** Today's date where the library is. */
export function localToday(now: Date): string {
  return DateTime.fromJSDate(now, { zone: DEMO_TIMEZONE }).toISODate()!;
}

/** The program as a schedule (as ProgramService stores it). */
export function demoSchedule(program: DemoProgram) {
  return { ...program.schedule, timezone: DEMO_TIMEZONE };
}

/**
 * The start and end dates the seed gives a program it creates today: the start is the first
 * occurrence on or after `startDaysAgo` days back, so a six-week club has six sessions
 * whichever weekday the seed runs on.
 */
export function demoProgramDates(program: DemoProgram, today: string): { startDate: string; endDate: string | null } {
  const from = DateTime.fromISO(today, { zone: DEMO_TIMEZONE }).minus({ days: program.startDaysAgo });
  const compiled = compileSchedule({ ...demoSchedule(program), startDate: from.toISODate()! });
  const [first] = compiled.between(compiled.earliestInstant(), from.plus({ days: 62 }).toJSDate());
  const startDate = first.localDate;
  const endDate =
    program.runsForDays === undefined
      ? null
      : DateTime.fromISO(startDate).plus({ days: program.runsForDays }).toISODate()!;
  return { startDate, endDate };
}

/**
 * The instant of a DemoWhen, given each program's session dates (local, in start order) by
 * lower-cased name; null when the program or that session is not there.
 */
export function resolveWhen(when: DemoWhen, sessionDates: ReadonlyMap<string, readonly string[]>): Date | null {
  const date = sessionDates.get(key(when.program))?.[when.session];
  if (!date) return null;
  const [hour, minute] = when.at.split(':').map(Number);
  return DateTime.fromISO(date, { zone: DEMO_TIMEZONE })
    .plus({ days: when.days ?? 0 })
    .set({ hour, minute, second: 0, millisecond: 0 })
    .toJSDate();
}

/** The `n`-th `weekday` (1 Monday … 7 Sunday) of a month; n = -1 is the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = DateTime.utc(year, month, 1);
    return first.plus({ days: ((weekday - first.weekday + 7) % 7) + 7 * (n - 1) }).toISODate()!;
  }
  const last = DateTime.utc(year, month, 1).endOf('month').startOf('day');
  return last.minus({ days: (last.weekday - weekday + 7) % 7 }).toISODate()!;
}

const on = (year: number, month: number, day: number) => DateTime.utc(year, month, day).toISODate()!;

/** The days the library closes for public holidays in a year. */
export function libraryHolidays(year: number): { date: string; name: string }[] {
  return [
    { date: on(year, 1, 1), name: 'New Year’s Day' },
    { date: nthWeekday(year, 1, 1, 3), name: 'Martin Luther King Jr. Day' },
    { date: nthWeekday(year, 2, 1, 3), name: 'Presidents’ Day' },
    { date: nthWeekday(year, 5, 1, -1), name: 'Memorial Day' },
    { date: on(year, 6, 19), name: 'Juneteenth' },
    { date: on(year, 7, 4), name: 'Independence Day' },
    { date: nthWeekday(year, 9, 1, 1), name: 'Labor Day' },
    { date: on(year, 11, 11), name: 'Veterans Day' },
    { date: nthWeekday(year, 11, 4, 4), name: 'Thanksgiving' },
    { date: on(year, 12, 25), name: 'Christmas Day' },
  ];
}

/**
 * The closure days of the demo, counted from the anchor session's local date: the next two
 * holidays after it and the training day four weeks after it (left out if a holiday falls on
 * it). Sorted by date.
 */
export function demoClosures(anchorDate: string): { date: string; name: string }[] {
  const year = Number(anchorDate.slice(0, 4));
  const holidays = [...libraryHolidays(year), ...libraryHolidays(year + 1)]
    .filter((holiday) => holiday.date > anchorDate)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, 2);
  const training = { date: DateTime.fromISO(anchorDate).plus({ days: 28 }).toISODate()!, name: TRAINING_DAY };
  const all = holidays.some((holiday) => holiday.date === training.date) ? holidays : [...holidays, training];
  return all.sort((a, b) => a.date.localeCompare(b.date));
}
