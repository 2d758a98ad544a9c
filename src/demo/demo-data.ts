import { Role } from '../auth/role.enum';
import { PreferredChannel } from '../contact/contact.entity';
import { OrganizationStage } from '../organization/organization-stage';

/**
 * The demo data set of `npm run seed:demo`: a teen services department and its partners, told
 * from the practitioner's story Tandem grew from (shared/seeds/choosing-community-partners.txt).
 * Everything here is invented: organizations and people are fictional, web and email
 * addresses use example.org, phone numbers the 555-01xx range reserved for fiction.
 *
 * Names are the natural keys the seed matches on (case-insensitively), so renaming an entry
 * here makes the seed add a new record rather than rename the old one.
 */

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
}

export interface DemoAudience {
  name: string;
  description: string;
  /** 1 high – 3 low. */
  priority: 1 | 2 | 3;
  estimatedPopulation: number | null;
  source: string;
}

export interface DemoCapability {
  name: string;
  description: string;
}

export interface DemoContact {
  name: string;
  title: string;
  email: string;
  phone: string;
  preferredChannel: PreferredChannel;
  primary?: boolean;
  notes?: string;
  /** The language emails to them are written in; absent: the library's default. */
  language?: string;
}

export interface DemoStageStep {
  stage: OrganizationStage;
  /** Why the stage changed; not given for the stage an organization was added in. */
  reason?: string;
  /**
   * When it happened, in days before the day the seed creates the organization (its stage
   * history is dated so; the check-in rounds count "active for" from it). Given for every step of
   * an organization or for none (then the whole history happens when the seed runs).
   */
  daysAgo?: number;
}

export interface DemoFit {
  audienceReach: number;
  missionOverlap: number;
  complementaryResources: number;
  notes: string;
}

export interface DemoOrganization {
  name: string;
  type: string;
  website: string;
  email?: string;
  phone?: string;
  address?: string;
  mission: string;
  /** Email of the DEMO_USERS entry who looks after the partnership. */
  owner: string;
  /**
   * The stages it went through, oldest first; the last is where it stands. The seed adds the
   * organization in the first and applies each next one through OrganizationService, so every
   * change is on the timeline with its reason.
   */
  stages: readonly [DemoStageStep, ...DemoStageStep[]];
  /** Names from DEMO_AUDIENCES. */
  audiences: readonly string[];
  /** Names from DEMO_CAPABILITIES: what they bring. */
  offers: readonly string[];
  /** Names from DEMO_CAPABILITIES: what they are looking for. */
  seeks: readonly string[];
  /** Lower-case, as the API stores them. */
  tags: readonly string[];
  fit: DemoFit;
  notes: string;
  /** Added to the timeline (after the stage history) when the organization is created. */
  timelineNotes?: readonly string[];
  contacts: readonly DemoContact[];
}

/** Where the stage history ends: the organization's current stage. */
export function currentStage(org: DemoOrganization): OrganizationStage {
  return org.stages[org.stages.length - 1].stage;
}

/**
 * Who the seed acts as when Tandem has no active admin yet. Created without a password: it
 * cannot sign in until someone uses the one-time invitation token the seed prints.
 */
export const DEMO_ADMIN: DemoUser = { email: 'demo-admin@example.org', name: 'Demo Admin', role: Role.Admin };

export const ROSA = 'rosa.delgado@library.example.org';
export const MARCUS = 'marcus.bell@library.example.org';
export const PRIYA = 'priya.raman@library.example.org';
export const SAM = 'sam.whitaker@library.example.org';

/** The library team who own the partnerships. */
export const DEMO_USERS: readonly DemoUser[] = [
  // Teen services librarian: runs the shelter drop-ins and the college-access work.
  { email: ROSA, name: 'Rosa Delgado', role: Role.Staff },
  // Outreach librarian: schools, families, English-language learners.
  { email: MARCUS, name: 'Marcus Bell', role: Role.Staff },
  // Branch manager: reviews partnership health for the team.
  { email: PRIYA, name: 'Priya Raman', role: Role.Manager },
  // Library associate in the teen tech lab: co-teaches the internship tech workshops.
  { email: SAM, name: 'Sam Whitaker', role: Role.Staff },
];

const ANALYSIS = '2025 community analysis';

export const HOMELESS_YOUTH = 'Youth experiencing homelessness';
export const LOW_INCOME_TEENS = 'Low-income teens';
export const ELL = 'English-language learners';
export const FIRST_GEN = 'First-generation college-bound students';
export const FOSTER = 'Youth in foster care';
export const OPPORTUNITY_YOUTH = 'Opportunity youth (16–24, not in school or work)';
export const LGBTQ = 'LGBTQ+ teens';
export const MIDDLE_SCHOOL = 'Middle-school students';

export const DEMO_AUDIENCES: readonly DemoAudience[] = [
  {
    name: HOMELESS_YOUTH,
    description:
      'Teens and young adults without a stable place to live, including those staying in shelters or couch-surfing.',
    priority: 1,
    estimatedPopulation: 340,
    source: `${ANALYSIS} (youth point-in-time count, ages 13–24)`,
  },
  {
    name: LOW_INCOME_TEENS,
    description: 'Teens from households under 200% of the federal poverty level.',
    priority: 1,
    estimatedPopulation: 5200,
    source: `${ANALYSIS} (free and reduced-price lunch enrollment, grades 7–12)`,
  },
  {
    name: ELL,
    description:
      'Teens still building English, many newly arrived; Spanish, Somali, Vietnamese and Amharic are the largest languages.',
    priority: 1,
    estimatedPopulation: 1400,
    source: `${ANALYSIS} (school district multilingual learner enrollment)`,
  },
  {
    name: FIRST_GEN,
    description: 'High-school students who would be the first in their family to go to college.',
    priority: 2,
    estimatedPopulation: 950,
    source: `${ANALYSIS} (high-school counselor survey)`,
  },
  {
    name: FOSTER,
    description: 'Teens in foster or kinship care, and young people aging out of it.',
    priority: 1,
    estimatedPopulation: 210,
    source: `${ANALYSIS} (state child-welfare caseload data)`,
  },
  {
    name: OPPORTUNITY_YOUTH,
    description: 'Young people who are neither in school nor working.',
    priority: 2,
    estimatedPopulation: 1100,
    source: `${ANALYSIS} (census ACS 5-year estimates)`,
  },
  {
    name: LGBTQ,
    description:
      'Lesbian, gay, bisexual, transgender and queer teens, over-represented among youth experiencing homelessness.',
    priority: 2,
    estimatedPopulation: 800,
    source: `${ANALYSIS} (district Healthy Youth Survey results)`,
  },
  {
    name: MIDDLE_SCHOOL,
    description: 'Students in grades 6–8, mostly after school.',
    priority: 3,
    estimatedPopulation: 3600,
    source: `${ANALYSIS} (district enrollment)`,
  },
];

export const COLLEGE_COACHING = 'College application coaching';
const FINANCIAL_AID = 'Scholarship & financial aid guidance';
export const PAID_INTERNSHIPS = 'Paid internships';
const TUTORING = 'Academic tutoring';
const JOB_READINESS = 'Job readiness training';
const CASE_MANAGEMENT = 'Case management';
const MENTORING = 'Youth mentoring';
const MEETING_SPACE = 'Meeting space';
const FOOD = 'Food';
const TRANSPORTATION = 'Transportation';
export const DIGITAL_LITERACY = 'Digital literacy instruction';
const DEVICES = 'Laptops & hotspots';
const SPANISH_OUTREACH = 'Spanish-language outreach';

export const DEMO_CAPABILITIES: readonly DemoCapability[] = [
  { name: COLLEGE_COACHING, description: 'Expert help with college applications, personal essays and deadlines.' },
  { name: FINANCIAL_AID, description: 'FAFSA nights, scholarship searches and award-letter reading.' },
  { name: PAID_INTERNSHIPS, description: 'Paid work placements for teens, with a supervisor on site.' },
  { name: TUTORING, description: 'Homework help and subject tutoring by trained tutors.' },
  { name: JOB_READINESS, description: 'Résumés, applications, interview practice and workplace basics.' },
  { name: CASE_MANAGEMENT, description: 'Case managers who know the young people and can refer and follow up.' },
  { name: MENTORING, description: 'Trained adult mentors matched one-to-one with teens.' },
  {
    name: MEETING_SPACE,
    description: 'A room for workshops or drop-ins, in the neighborhood the teens already go to.',
  },
  { name: FOOD, description: 'Snacks or meals for programs; nobody learns well hungry.' },
  { name: TRANSPORTATION, description: 'Bus passes, van rides or transit tickets to get teens to programs.' },
  { name: DIGITAL_LITERACY, description: 'Teaching computer, internet, search and information-evaluation skills.' },
  { name: DEVICES, description: 'Laptops and Wi-Fi hotspots teens can borrow or keep.' },
  { name: SPANISH_OUTREACH, description: 'Staff who reach Spanish-speaking teens and families in Spanish.' },
];

export const SHELTER = 'Harbor House Youth Shelter';
export const INTERNSHIP_AGENCY = 'City Youth Opportunity Program';
export const COLLEGE_PREP = 'Next Step College Access';
export const CASA = 'Casa Esperanza Family Center';
export const LINCOLN_HIGH = 'Lincoln High School Counseling Center';
export const TRIO = 'Eastside Community College TRIO Program';
export const NEW_NEIGHBORS = 'New Neighbors Youth Program';
export const TRANSIT = 'Metro Transit Youth Pass Program';
export const CLINIC = 'Hilltop Teen Health Clinic';
export const FOOD_BANK = 'Riverside Community Food Bank';
export const CODEBRIDGE = 'CodeBridge Youth';

const { Prospect, Exploring, Active, Paused, Ended } = OrganizationStage;
const { Email, Phone, Text, InPerson } = PreferredChannel;

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    name: SHELTER,
    type: 'Youth shelter',
    website: 'https://harborhouse.example.org',
    email: 'info@harborhouse.example.org',
    phone: '206-555-0110',
    address: '1418 Alder Street',
    mission:
      'Safe shelter, meals and case management for young people ages 13–24 experiencing homelessness, and a path to stable housing.',
    owner: ROSA,
    stages: [
      { stage: Prospect, daysAgo: 210 },
      {
        stage: Exploring,
        daysAgo: 190,
        reason:
          'Met their program director at the youth services coalition; they want more daytime options for residents.',
      },
      {
        stage: Active,
        daysAgo: 160,
        reason:
          'Weekly Wednesday drop-ins at the library started, with morning visits to the shelter to hand out invitations.',
      },
    ],
    audiences: [HOMELESS_YOUTH, LGBTQ, OPPORTUNITY_YOUTH],
    offers: [CASE_MANAGEMENT, FOOD],
    seeks: [DIGITAL_LITERACY, JOB_READINESS, COLLEGE_COACHING, TRANSPORTATION],
    tags: ['drop-in', 'weekly', 'outreach visits'],
    fit: {
      audienceReach: 5,
      missionOverlap: 4,
      complementaryResources: 4,
      notes:
        'Audience: exactly the youth we most want to reach, and they trust the shelter staff. Showing up in their space, next to people they trust, is how we prove ourselves as allies. ' +
        'Mission: their goal is stability and next steps for residents; ours is a library these teens feel welcome in. ' +
        'Resources: case managers who tell us what residents actually need, and they send snacks with the youth.',
    },
    notes:
      'Drop-ins are Wednesdays 3:30–5 pm in the teen room. On drop-in mornings two of us go to the shelter around 10 to chat in the common room and hand out invitations; that visit is what gets people through our door. ' +
      'Several residents have had bad experiences in libraries or worried they would not be welcome. Same room, same faces every week, name badges on. ' +
      'Youth have asked for phone charging, résumé help and quiet time; we adjust the plan each month from what they and the case managers tell us.',
    timelineNotes: [
      'Visited the shelter this morning and handed out 25 invitations. 9 came to the afternoon drop-in, three for the first time.',
      'Case managers asked for a résumé corner at the drop-in; two residents have job interviews next week. Adding it from next Wednesday.',
    ],
    contacts: [
      {
        name: 'Dana Whitfield',
        title: 'Youth case manager',
        email: 'dwhitfield@harborhouse.example.org',
        phone: '206-555-0142',
        preferredChannel: Text,
        primary: true,
        notes: 'Best reached by text before 10 am; in the staff meeting until 9:30 on Wednesdays.',
      },
      {
        name: 'Luis Ortega',
        title: 'Program director',
        email: 'lortega@harborhouse.example.org',
        phone: '206-555-0143',
        preferredChannel: Email,
      },
      {
        name: 'Keisha Morgan',
        title: 'Day program coordinator',
        email: 'kmorgan@harborhouse.example.org',
        phone: '206-555-0144',
        preferredChannel: InPerson,
        notes: 'Walks the group over to the library on drop-in afternoons.',
      },
    ],
  },
  {
    name: INTERNSHIP_AGENCY,
    type: 'Government agency',
    website: 'https://youthopportunity.city.example.org',
    email: 'youthopportunity@city.example.org',
    phone: '206-555-0120',
    address: 'City Hall Annex, 600 Fourth Avenue, Room 310',
    mission:
      'The city office that gives low-income teens academic support and paid internships with city departments and local employers.',
    owner: SAM,
    stages: [
      { stage: Prospect, daysAgo: 150 },
      {
        stage: Exploring,
        daysAgo: 135,
        reason: 'Their coordinator asked whether we could help interns who struggle with email and spreadsheets.',
      },
      {
        stage: Active,
        daysAgo: 110,
        reason: 'Agreed a six-week tech workshop series for each summer cohort, co-designed with their staff.',
      },
    ],
    audiences: [LOW_INCOME_TEENS, OPPORTUNITY_YOUTH, FIRST_GEN],
    offers: [PAID_INTERNSHIPS, TUTORING, JOB_READINESS],
    seeks: [DIGITAL_LITERACY, MEETING_SPACE, DEVICES],
    tags: ['internships', 'tech workshops', 'summer'],
    fit: {
      audienceReach: 5,
      missionOverlap: 5,
      complementaryResources: 4,
      notes:
        'Audience: every intern is a low-income teen, recruited across the city. ' +
        'Mission: not 100% overlap, but one project serves both: their goal is interns with the skills to succeed at their internships (we are totally down with that too); ours is digital and information literacy. ' +
        'Resources: paid internships and academic support we could never offer ourselves.',
    },
    notes:
      'We co-design and teach the technology workshops: shared documents, spreadsheets, professional email, then searching well and judging sources. ' +
      'Their staff bring the internship scenarios, we bring the information-literacy pieces, and both land in the same two-hour session. ' +
      'Cohorts start in late June; plan the workshop dates with them in April.',
    timelineNotes: [
      'Summer cohort of 32 interns confirmed. Workshops Tuesdays and Thursdays in the tech lab, starting June 24.',
    ],
    contacts: [
      {
        name: 'Angela Brooks',
        title: 'Internship program coordinator',
        email: 'angela.brooks@city.example.org',
        phone: '206-555-0121',
        preferredChannel: Email,
        primary: true,
      },
      {
        name: 'Kevin Tran',
        title: 'Academic support specialist',
        email: 'kevin.tran@city.example.org',
        phone: '206-555-0122',
        preferredChannel: Phone,
      },
    ],
  },
  {
    name: COLLEGE_PREP,
    type: 'College-prep & scholarship nonprofit',
    website: 'https://nextstep.example.org',
    email: 'hello@nextstep.example.org',
    phone: '206-555-0130',
    address: '2210 Market Street, Suite 4',
    mission:
      'Free college advising and scholarships for first-generation and low-income students, from junior year through the first year of college.',
    owner: ROSA,
    stages: [
      { stage: Prospect, daysAgo: 230 },
      {
        stage: Exploring,
        daysAgo: 200,
        reason: 'Teens at the drop-in kept asking about college applications, which is not our specialty.',
      },
      {
        stage: Active,
        daysAgo: 170,
        reason:
          'Their advisers now hold a college application and FAFSA night at the library on the second Tuesday of every month.',
      },
    ],
    audiences: [FIRST_GEN, LOW_INCOME_TEENS, ELL],
    offers: [COLLEGE_COACHING, FINANCIAL_AID, MENTORING],
    seeks: [MEETING_SPACE, SPANISH_OUTREACH],
    tags: ['college access', 'scholarships', 'fafsa'],
    fit: {
      audienceReach: 4,
      missionOverlap: 4,
      complementaryResources: 5,
      notes:
        'Audience: first-gen and low-income juniors and seniors, some of whom already use our homework help. ' +
        'Mission: college and career readiness is part of our department work plan. ' +
        'Resources: the complex college application process is not our specialty; their advisers give students expert guidance we cannot.',
    },
    notes:
      'We provide the room, laptops and promotion; their advisers run the sessions. ' +
      'Next-level idea: introduce them to Harbor House, whose residents have asked about college and who seek exactly this coaching.',
    contacts: [
      {
        name: 'Grace Liu',
        title: 'Lead college adviser',
        email: 'grace.liu@nextstep.example.org',
        phone: '206-555-0131',
        preferredChannel: Email,
        primary: true,
      },
      {
        name: 'Omar Haddad',
        title: 'Scholarship program manager',
        email: 'omar.haddad@nextstep.example.org',
        phone: '206-555-0132',
        preferredChannel: Email,
      },
    ],
  },
  {
    name: CASA,
    type: 'Community nonprofit',
    website: 'https://casaesperanza.example.org',
    phone: '206-555-0150',
    address: '905 Orchard Avenue',
    mission:
      'A family resource center for Spanish-speaking immigrant families: English classes, legal clinics and youth programs.',
    owner: MARCUS,
    stages: [{ stage: Active, daysAgo: 240 }],
    audiences: [ELL, LOW_INCOME_TEENS],
    offers: [SPANISH_OUTREACH, FOOD, MEETING_SPACE],
    seeks: [DIGITAL_LITERACY, TUTORING],
    tags: ['spanish', 'families'],
    fit: {
      audienceReach: 5,
      missionOverlap: 4,
      complementaryResources: 4,
      notes:
        'Audience: newly arrived Spanish-speaking teens and their parents, who trust Casa far more than any public building. ' +
        'Mission: both of us want families to navigate school and services with confidence. ' +
        'Resources: bilingual staff and a warm room in the neighborhood; we bring library cards, devices and digital skills.',
    },
    notes:
      'Monthly bilingual family tech night at Casa. Parents come for the phone and email help, teens come for the laptops and pizza.',
    contacts: [
      {
        name: 'María Fernández',
        title: 'Youth program coordinator',
        email: 'mfernandez@casaesperanza.example.org',
        phone: '206-555-0151',
        preferredChannel: Text,
        primary: true,
        notes: 'Prefers Spanish for calls.',
        language: 'es',
      },
      {
        name: 'Roberto Salinas',
        title: 'Executive director',
        email: 'rsalinas@casaesperanza.example.org',
        phone: '206-555-0152',
        preferredChannel: Email,
      },
    ],
  },
  {
    name: LINCOLN_HIGH,
    type: 'Public high school',
    website: 'https://lincolnhs.schools.example.org',
    phone: '206-555-0160',
    address: '4400 Garfield Street',
    mission:
      'The counseling office of a public high school of 1,600 students, 70% eligible for free or reduced-price lunch.',
    owner: MARCUS,
    stages: [{ stage: Active, daysAgo: 365 }],
    audiences: [LOW_INCOME_TEENS, ELL, FIRST_GEN],
    offers: [MEETING_SPACE],
    seeks: [DIGITAL_LITERACY, COLLEGE_COACHING],
    tags: ['school', 'class visits'],
    fit: {
      audienceReach: 4,
      missionOverlap: 4,
      complementaryResources: 3,
      notes:
        'Audience: counselors know which students are struggling and can point them to us. ' +
        'Mission: research skills and reading for pleasure both serve their graduation goals. ' +
        'Resources: classroom time and counselor referrals rather than money or materials.',
    },
    notes:
      'Research-skills visits to every 9th-grade English class in the fall; library card sign-ups at registration.',
    contacts: [
      {
        name: 'Denise Carter',
        title: 'Head counselor',
        email: 'dcarter@lincolnhs.schools.example.org',
        phone: '206-555-0161',
        preferredChannel: Email,
        primary: true,
      },
      {
        name: 'Ahmed Yusuf',
        title: 'Multilingual family liaison',
        email: 'ayusuf@lincolnhs.schools.example.org',
        phone: '206-555-0162',
        preferredChannel: Phone,
        notes: 'Speaks Somali and Arabic; the best route to newly arrived families.',
      },
    ],
  },
  {
    name: TRIO,
    type: 'Community college',
    website: 'https://trio.eastside.example.org',
    phone: '206-555-0170',
    mission:
      'Federally funded TRIO outreach that prepares first-generation and low-income high-school students for college.',
    owner: ROSA,
    stages: [
      { stage: Prospect, daysAgo: 120 },
      {
        stage: Exploring,
        daysAgo: 45,
        reason: 'Their outreach lead came to our college night and asked about running a campus-visit day together.',
      },
    ],
    audiences: [FIRST_GEN, LOW_INCOME_TEENS],
    offers: [TUTORING, COLLEGE_COACHING, TRANSPORTATION],
    seeks: [MEETING_SPACE],
    tags: ['college access', 'campus visits'],
    fit: {
      audienceReach: 3,
      missionOverlap: 4,
      complementaryResources: 4,
      notes:
        'Audience: overlaps with Next Step; we need to see which students each one actually reaches. ' +
        'Mission: college readiness. ' +
        'Resources: tutors, and a bus for campus-visit days.',
    },
    notes:
      'Exploring a spring campus-visit day: their bus, our promotion, Next Step advisers on board. Check they do not compete with Next Step for the same students.',
    contacts: [
      {
        name: 'Tasha Greene',
        title: 'TRIO outreach coordinator',
        email: 'tgreene@eastside.example.org',
        phone: '206-555-0171',
        preferredChannel: Email,
        primary: true,
      },
    ],
  },
  {
    name: NEW_NEIGHBORS,
    type: 'Refugee resettlement agency',
    website: 'https://newneighbors.example.org',
    phone: '206-555-0175',
    mission:
      'Helps refugee and immigrant youth settle in: school enrollment, English tutoring, mentoring and case management.',
    owner: MARCUS,
    stages: [{ stage: Exploring }],
    audiences: [ELL, LOW_INCOME_TEENS],
    offers: [CASE_MANAGEMENT, MENTORING, TUTORING],
    seeks: [MEETING_SPACE, DIGITAL_LITERACY, DEVICES],
    tags: ['refugees', 'english learners'],
    fit: {
      audienceReach: 5,
      missionOverlap: 3,
      complementaryResources: 3,
      notes:
        'Audience: teens in their first year or two in the country; several languages we cannot offer. ' +
        'Mission: their focus is settlement; ours could be a welcome-to-the-library series. ' +
        'Resources: case managers and interpreters for the sessions.',
    },
    notes:
      'First meeting went well. They want a library orientation in Somali and Dari; need to line up interpreters before we commit.',
    contacts: [
      {
        name: 'Fatuma Hassan',
        title: 'Youth services manager',
        email: 'fhassan@newneighbors.example.org',
        phone: '206-555-0176',
        preferredChannel: Phone,
        primary: true,
      },
      {
        name: 'Daniel Mekonnen',
        title: 'Youth mentor coordinator',
        email: 'dmekonnen@newneighbors.example.org',
        phone: '206-555-0177',
        preferredChannel: Text,
      },
    ],
  },
  {
    name: 'Mentor Up Northwest',
    type: 'Mentoring nonprofit',
    website: 'https://mentorup.example.org',
    mission: 'Matches teens with trained adult mentors for at least a year.',
    owner: PRIYA,
    stages: [{ stage: Exploring }],
    audiences: [FOSTER, LOW_INCOME_TEENS, MIDDLE_SCHOOL],
    offers: [MENTORING],
    seeks: [MEETING_SPACE, FOOD],
    tags: ['mentoring'],
    fit: {
      audienceReach: 3,
      missionOverlap: 3,
      complementaryResources: 3,
      notes:
        'Audience: good reach to youth in foster care, a priority with no partner yet. ' +
        'Mission: mentor-mentee library outings could build reading habits. ' +
        'Resources: trained, background-checked mentors.',
    },
    notes:
      'They are looking for a regular place for mentor pairs to meet. Could be a good fit for the branch study rooms on weekday evenings.',
    contacts: [
      {
        name: 'Ben Castillo',
        title: 'Program manager',
        email: 'bcastillo@mentorup.example.org',
        phone: '206-555-0181',
        preferredChannel: Email,
        primary: true,
      },
    ],
  },
  {
    name: 'Kinship & Foster Youth Network',
    type: 'Nonprofit',
    website: 'https://kinshipnetwork.example.org',
    mission: 'Support groups, case management and independent-living skills for teens in foster and kinship care.',
    owner: PRIYA,
    stages: [{ stage: Prospect }],
    audiences: [FOSTER],
    offers: [CASE_MANAGEMENT],
    seeks: [JOB_READINESS, DIGITAL_LITERACY],
    tags: ['foster care'],
    fit: {
      audienceReach: 4,
      missionOverlap: 3,
      complementaryResources: 2,
      notes:
        'Audience: the only organization we know of with a built-in group of youth in foster care. ' +
        'Mission: independent-living skills fit our life-skills series. ' +
        'Resources: mainly access and trust; little else we lack.',
    },
    notes: 'Heard about them from Dana at Harbor House. Have not reached out yet.',
    contacts: [
      {
        name: 'Renee Holloway',
        title: 'Independent living coordinator',
        email: 'rholloway@kinshipnetwork.example.org',
        phone: '206-555-0185',
        preferredChannel: Email,
        primary: true,
      },
    ],
  },
  {
    name: TRANSIT,
    type: 'Government agency',
    website: 'https://youthpass.transit.example.org',
    mission: 'Free transit passes for riders 18 and under, and rides for groups of students to educational events.',
    owner: SAM,
    stages: [{ stage: Prospect }],
    audiences: [LOW_INCOME_TEENS, MIDDLE_SCHOOL],
    offers: [TRANSPORTATION],
    seeks: [],
    tags: ['transportation'],
    fit: {
      audienceReach: 2,
      missionOverlap: 2,
      complementaryResources: 4,
      notes:
        'Audience: every teen in the county, but no relationship with any of them. ' +
        'Mission: they want more youth riding; we want youth getting to us. ' +
        'Resources: passes and group rides, exactly what the shelter and TRIO campus days need.',
    },
    notes: 'Ask whether we can hand out youth passes at the drop-in, and about group rides for the campus-visit day.',
    contacts: [
      {
        name: 'Hannah Kim',
        title: 'Youth programs specialist',
        email: 'hannah.kim@transit.example.org',
        phone: '206-555-0188',
        preferredChannel: Email,
        primary: true,
      },
    ],
  },
  {
    name: CLINIC,
    type: 'Health clinic',
    website: 'https://hilltopclinic.example.org',
    phone: '206-555-0190',
    mission:
      'Confidential primary care, mental health and sexual health services for ages 12–24, free for those without insurance.',
    owner: ROSA,
    stages: [{ stage: Prospect }],
    audiences: [LGBTQ, HOMELESS_YOUTH, LOW_INCOME_TEENS],
    offers: [CASE_MANAGEMENT],
    seeks: [DIGITAL_LITERACY],
    tags: ['health'],
    fit: {
      audienceReach: 3,
      missionOverlap: 3,
      complementaryResources: 3,
      notes:
        'Audience: LGBTQ+ teens and youth experiencing homelessness, through a trusted clinic. ' +
        'Mission: health information literacy is shared ground: finding trustworthy health information online. ' +
        'Resources: clinicians who could co-teach.',
    },
    notes:
      'Their health educator asked about a workshop on judging health information online. Follow up after the summer cohort.',
    contacts: [
      {
        name: 'Dr. Alicia Moreno',
        title: 'Health educator',
        email: 'amoreno@hilltopclinic.example.org',
        phone: '206-555-0191',
        preferredChannel: Email,
        primary: true,
      },
    ],
  },
  {
    name: FOOD_BANK,
    type: 'Food bank',
    website: 'https://riversidefoodbank.example.org',
    phone: '206-555-0155',
    mission: 'Groceries and free after-school snacks for families in the Riverside neighborhood.',
    owner: MARCUS,
    stages: [
      { stage: Exploring, daysAgo: 180 },
      {
        stage: Active,
        daysAgo: 130,
        reason: 'They started sending snack boxes for the Wednesday drop-ins and the tech workshops.',
      },
      {
        stage: Paused,
        daysAgo: 40,
        reason: 'Their youth snack program lost its grant for the summer; they expect to restart in September.',
      },
    ],
    audiences: [LOW_INCOME_TEENS, HOMELESS_YOUTH],
    offers: [FOOD],
    seeks: [SPANISH_OUTREACH],
    tags: ['food', 'snacks'],
    fit: {
      audienceReach: 3,
      missionOverlap: 3,
      complementaryResources: 5,
      notes:
        'Audience: families rather than teens directly. ' +
        'Mission: fed teens learn better; they want more young people to know about their pantry. ' +
        'Resources: food, which our budget cannot cover for weekly programs.',
    },
    notes: 'Until they restart, the Friends of the Library cover drop-in snacks. Check in with Carmen in late August.',
    contacts: [
      {
        name: 'Carmen Reyes',
        title: 'Youth nutrition coordinator',
        email: 'creyes@riversidefoodbank.example.org',
        phone: '206-555-0156',
        preferredChannel: Phone,
        primary: true,
      },
    ],
  },
  {
    name: 'Southside Teen Center',
    type: 'Community center',
    website: 'https://southsideteens.example.org',
    phone: '206-555-0165',
    address: '7720 Rainier Court',
    mission: 'After-school drop-in center for middle- and high-school students: homework help, sports and arts.',
    owner: SAM,
    stages: [
      { stage: Active, daysAgo: 400 },
      {
        stage: Paused,
        daysAgo: 120,
        reason:
          'Their building is closed for renovation until spring; the coordinator wants to resume the homework club after.',
      },
    ],
    audiences: [MIDDLE_SCHOOL, LOW_INCOME_TEENS],
    offers: [MEETING_SPACE, FOOD, TUTORING],
    seeks: [DIGITAL_LITERACY, DEVICES],
    tags: ['after school', 'homework help'],
    fit: {
      audienceReach: 4,
      missionOverlap: 4,
      complementaryResources: 3,
      notes:
        'Audience: middle schoolers who never come to the branch on their own. ' +
        'Mission: homework help and reading. ' +
        'Resources: space, snacks and volunteer tutors.',
    },
    notes:
      'Homework club with our laptops ran two afternoons a week. Paused during the renovation; keep in touch with Jamal.',
    contacts: [
      {
        name: 'Jamal Washington',
        title: 'Teen center coordinator',
        email: 'jwashington@southsideteens.example.org',
        phone: '206-555-0166',
        preferredChannel: Text,
        primary: true,
      },
    ],
  },
  {
    name: CODEBRIDGE,
    type: 'Nonprofit',
    website: 'https://codebridge.example.org',
    mission: 'Coding and robotics clubs for girls and nonbinary teens.',
    owner: SAM,
    stages: [
      { stage: Exploring, daysAgo: 220 },
      { stage: Active, daysAgo: 190, reason: 'Ran a six-week coding club in the teen tech lab.' },
      {
        stage: Ended,
        daysAgo: 130,
        reason:
          'They moved to online-only programs after a funding change and no longer run in-person clubs in our area.',
      },
    ],
    audiences: [MIDDLE_SCHOOL, LGBTQ],
    offers: [DIGITAL_LITERACY, DEVICES],
    seeks: [MEETING_SPACE],
    tags: ['coding', 'stem'],
    fit: {
      audienceReach: 2,
      missionOverlap: 4,
      complementaryResources: 4,
      notes:
        'Audience: mostly teens who already used the library. ' +
        'Mission: tech skills and confidence. ' +
        'Resources: robotics kits and volunteer coders.',
    },
    notes:
      'Good club while it lasted (14 regulars). Their online club is open to our teens; we list it in the teen newsletter.',
    contacts: [
      {
        name: 'Nina Patel',
        title: 'Volunteer program lead',
        email: 'nina@codebridge.example.org',
        phone: '206-555-0195',
        preferredChannel: Email,
        primary: true,
      },
    ],
  },
  {
    name: 'GoodWork Youth Employment Services',
    type: 'Workforce nonprofit',
    website: 'https://goodwork.example.org',
    mission: 'Job readiness training and job placement for young people ages 16–24.',
    owner: PRIYA,
    stages: [
      { stage: Active, daysAgo: 500 },
      {
        stage: Ended,
        daysAgo: 200,
        reason:
          'Their youth program merged into the City Youth Opportunity Program; we now work with the same staff there.',
      },
    ],
    audiences: [OPPORTUNITY_YOUTH, LOW_INCOME_TEENS],
    offers: [JOB_READINESS],
    seeks: [DIGITAL_LITERACY],
    tags: ['employment'],
    fit: {
      audienceReach: 3,
      missionOverlap: 4,
      complementaryResources: 3,
      notes:
        'Audience: out-of-school young adults, hard for us to reach. ' +
        'Mission: employment and the skills to find it. ' +
        'Resources: job coaches and employer contacts.',
    },
    notes: 'Résumé lab partnership ended with the merger, not for lack of interest. Kevin Tran moved with the program.',
    contacts: [
      {
        name: 'Paul Nguyen',
        title: 'Former youth employment manager',
        email: 'pnguyen@goodwork.example.org',
        phone: '206-555-0198',
        preferredChannel: Email,
        primary: true,
      },
    ],
  },
];
