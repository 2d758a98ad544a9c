// The roles and their order live in @tandem/shared, with the permission table the web app reads.
export { Role, ROLE_ORDER, roleAtLeast, roleRank } from '@tandem/shared';
