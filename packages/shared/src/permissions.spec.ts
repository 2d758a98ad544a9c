import { permissionsOf, roleHasPermission } from './permissions';
import { Role, roleAtLeast } from './role';

describe('roles and permissions', () => {
  it('orders roles admin ⊃ manager ⊃ staff ⊃ viewer', () => {
    expect(roleAtLeast(Role.Admin, Role.Manager)).toBe(true);
    expect(roleAtLeast(Role.Manager, Role.Staff)).toBe(true);
    expect(roleAtLeast(Role.Staff, Role.Viewer)).toBe(true);
    expect(roleAtLeast(Role.Viewer, Role.Staff)).toBe(false);
    expect(roleAtLeast(Role.Manager, Role.Admin)).toBe(false);
  });

  it('gives user management to admins only', () => {
    expect(roleHasPermission(Role.Admin, 'user.manage')).toBe(true);
    expect(roleHasPermission(Role.Manager, 'user.manage')).toBe(false);
  });

  it('lets every role read the team list (names and roles), and only admins manage users', () => {
    for (const role of Object.values(Role)) expect(roleHasPermission(role, 'colleague.read')).toBe(true);
    expect(roleHasPermission(Role.Manager, 'user.manage')).toBe(false);
  });

  it('lets every role manage itself', () => {
    for (const role of Object.values(Role)) expect(roleHasPermission(role, 'self.manage')).toBe(true);
  });

  it('gives each higher role a superset of the permissions below it', () => {
    const order = [Role.Viewer, Role.Staff, Role.Manager, Role.Admin];
    for (let i = 1; i < order.length; i += 1) {
      expect(permissionsOf(order[i])).toEqual(expect.arrayContaining(permissionsOf(order[i - 1])));
    }
  });
});
