import { Anchor, Badge, Breadcrumbs, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { AnchorLink } from '../common/AnchorLink';
import { lazy, Suspense, type ReactNode } from 'react';
import { ownerLabel, useAudiences, useCapabilities, useColleagues } from '../api/queries';
import type { Organization } from '../api/types';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { StageBadge } from '../common/StageBadge';
import { ChangeStageModal } from './ChangeStageModal';
import { DeleteOrganizationModal } from './DeleteOrganizationModal';
import { EditOrganizationDrawer } from './EditOrganizationDrawer';
import { useOrganization } from './organization-queries';
import { Section } from './Section';
import { ContactsSection } from './ContactsSection';
import { FitSection } from './FitSection';
import { OrganizationProgramsSection } from './OrganizationProgramsSection';
import { HealthSection } from './HealthSection';
import { CheckInsSection } from '../check-ins/CheckInsSection';
import { TimelineSection } from './TimelineSection';
import { LogVisitButton, OrganizationVisitsSection } from '../visits/OrganizationVisits';
import { OrganizationTasksSection } from '../tasks/OrganizationTasksSection';
import { OrganizationFeedbackSection } from '../feedback/OrganizationFeedbackSection';

// The goals section loads on first use: the organization page is in the app's first load, kept small.
const ScopedGoalsSection = lazy(() =>
  import('../goals/ScopedGoalsSection').then((module) => ({ default: module.ScopedGoalsSection })),
);

const route = getRouteApi('/app/organizations/$organizationId');

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
        {children}
      </Text>
    </div>
  );
}

function webAddress(website: string): string {
  return /^https?:\/\//i.test(website) ? website : `https://${website}`;
}

export function OrganizationPage() {
  const { organizationId } = route.useParams();
  const user = useCurrentUser();
  const [changingStage, stageModal] = useDisclosure(false);
  const [editing, editDrawer] = useDisclosure(false);
  const [deleting, deleteModal] = useDisclosure(false);
  const organization = useOrganization(organizationId);

  if (!organization.isSuccess) {
    return (
      <QueryState
        query={organization}
        noun="partner"
        notFound="This partner is not in the directory (it may have been deleted)."
        back={<AnchorLink to="/organizations">Back to the partner directory</AnchorLink>}
      />
    );
  }

  const org = organization.data;
  const canWrite = can(user, 'directory.write');
  const canDelete = can(user, 'directory.delete');
  return (
    <Stack gap="md">
      <Breadcrumbs aria-label="Breadcrumb" separator="›">
        <AnchorLink to="/organizations">Partner directory</AnchorLink>
        <Text aria-current="page">{org.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <PageTitle style={{ overflowWrap: 'anywhere' }}>{org.name}</PageTitle>
          <Group gap="xs">
            <StageBadge stage={org.stage} />
            {org.type && <Text c="dimmed">{org.type}</Text>}
          </Group>
          <LogVisitButton organizationId={org.id} />
        </Stack>
        {canWrite && (
          <Group gap="xs">
            <Button onClick={editDrawer.open}>Edit partner</Button>
            <Button variant="light" onClick={stageModal.open}>
              Change stage
            </Button>
            {canDelete && (
              <Button variant="subtle" color="red" onClick={deleteModal.open}>
                Delete partner
              </Button>
            )}
          </Group>
        )}
      </Group>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <ProfileSection organization={org} />
            <FitSection fit={org.fit} onEdit={canWrite ? editDrawer.open : undefined} />
            <AudiencesSkillsSection organization={org} />
            <ContactsSection organizationId={org.id} />
            <OrganizationProgramsSection organizationId={org.id} />
            <OrganizationVisitsSection organizationId={org.id} />
            <OrganizationTasksSection organizationId={org.id} />
            <OrganizationFeedbackSection organizationId={org.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <HealthSection organizationId={org.id} />
            <Suspense fallback={null}>
              <ScopedGoalsSection organizationId={org.id} />
            </Suspense>
            <CheckInsSection organizationId={org.id} organizationName={org.name} />
            <TimelineSection organizationId={org.id} canWrite={canWrite} />
          </Stack>
        </Grid.Col>
      </Grid>
      {canWrite && <ChangeStageModal organization={org} opened={changingStage} onClose={stageModal.close} />}
      {canWrite && <EditOrganizationDrawer organization={org} opened={editing} onClose={editDrawer.close} />}
      {canDelete && deleting && <DeleteOrganizationModal organization={org} onClose={deleteModal.close} />}
    </Stack>
  );
}

function ProfileSection({ organization: org }: { organization: Organization }) {
  const user = useCurrentUser();
  const colleagues = useColleagues();
  return (
    <Section id="profile" title="Profile">
      <Stack component="dl" gap="sm" m={0}>
        <Field label="Looked after by">{ownerLabel(org.ownerId, user, colleagues.data)}</Field>
        {org.mission && <Field label="Mission">{org.mission}</Field>}
        {org.website && (
          <Field label="Website">
            <Anchor href={webAddress(org.website)} target="_blank" rel="noopener noreferrer">
              {org.website}
            </Anchor>
          </Field>
        )}
        {org.email && (
          <Field label="Email">
            <Anchor href={`mailto:${org.email}`}>{org.email}</Anchor>
          </Field>
        )}
        {org.phone && (
          <Field label="Phone">
            <Anchor href={`tel:${org.phone.replace(/[^0-9+]/g, '')}`}>{org.phone}</Anchor>
          </Field>
        )}
        {org.address && <Field label="Address">{org.address}</Field>}
        {org.tags.length > 0 && (
          <Field label="Tags">
            <Group gap={4} component="span">
              {org.tags.map((tag) => (
                <Badge key={tag} variant="outline" color="gray.8" tt="none" fw={500} component="span">
                  {tag}
                </Badge>
              ))}
            </Group>
          </Field>
        )}
        {org.notes && <Field label="Notes">{org.notes}</Field>}
      </Stack>
    </Section>
  );
}

function NameList({ label, ids, names }: { label: string; ids: string[]; names: Map<string, string> }) {
  const known = ids.map((id) => names.get(id)).filter((name): name is string => !!name);
  return (
    <div>
      <Text fw={600} size="sm" mb={4}>
        {label}
      </Text>
      {known.length === 0 ? (
        <Text size="sm" c="dimmed">
          None recorded
        </Text>
      ) : (
        <Group gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {known.map((name) => (
            <li key={name}>
              <Badge variant="outline" color="gray.8" tt="none" fw={500} size="lg">
                {name}
              </Badge>
            </li>
          ))}
        </Group>
      )}
    </div>
  );
}

function AudiencesSkillsSection({ organization: org }: { organization: Organization }) {
  const audiences = useAudiences();
  const capabilities = useCapabilities();
  const audienceNames = new Map(audiences.data?.map((audience) => [audience.id, audience.name]));
  const capabilityNames = new Map(capabilities.data?.map((capability) => [capability.id, capability.name]));
  return (
    <Section id="audiences-skills" title="Audiences and skills">
      <Stack gap="sm">
        <NameList label="Audiences they serve" ids={org.audienceIds} names={audienceNames} />
        <NameList label="Skills & resources they offer" ids={org.capabilityIds} names={capabilityNames} />
        <NameList label="Skills & resources they look for" ids={org.seeksCapabilityIds} names={capabilityNames} />
      </Stack>
    </Section>
  );
}
